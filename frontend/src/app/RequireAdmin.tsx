import { Link, Outlet } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { useAuth } from '../lib/auth';
import { useDocumentTitle } from '../lib/useDocumentTitle';

function AdminsOnly() {
  useDocumentTitle('Admins only');
  return (
    <>
      <PageHeader
        title="Only admins can see this page"
        description="Ask an admin of your team if you need something changed here."
      />
      <p>
        <Link to="/">Back to the queue</Link>
      </p>
    </>
  );
}

/** Pages for admins; an agent who opens one is told so (the API answers them 403 anyway). */
export function RequireAdmin() {
  const { user } = useAuth();
  return user?.role === 'admin' ? <Outlet /> : <AdminsOnly />;
}
