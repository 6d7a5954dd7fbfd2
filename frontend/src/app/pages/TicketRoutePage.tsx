import { useParams } from 'react-router';
import { TicketPage } from '../../features/ticket-page';
import { useAuth } from '../../lib/auth';
import { NotFoundPage } from './NotFoundPage';

/** `/tickets/<id>`: the ticket page, told who is signed in so it need not ask again. */
export function TicketRoutePage() {
  const { id } = useParams();
  const { user } = useAuth();
  if (!id || !/^[1-9]\d{0,17}$/.test(id)) return <NotFoundPage />;
  return <TicketPage ticketId={Number(id)} currentAgent={user ? { id: user.id, name: user.name } : null} />;
}
