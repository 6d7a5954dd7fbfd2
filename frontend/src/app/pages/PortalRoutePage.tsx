import { useParams } from 'react-router';
import { PortalPage } from '../../features/portal';
import { NotFoundPage } from './NotFoundPage';

/** `/portal/<key>`: the requester's page; the key in the URL is its only credential. */
export function PortalRoutePage() {
  const { key } = useParams();
  if (!key) return <NotFoundPage />;
  return <PortalPage portalKey={key} />;
}
