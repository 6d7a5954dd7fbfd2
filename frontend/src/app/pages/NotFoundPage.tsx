import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

/** Any path the app does not know. */
export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <>
      <PageHeader title="Page not found" description="There is no page at this address. It may have moved, or the link has a typo." />
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}
