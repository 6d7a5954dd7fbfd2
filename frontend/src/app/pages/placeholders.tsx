import { Link, useParams } from 'react-router';
import { ComingSoon } from './ComingSoon';
import { NotFoundPage } from './NotFoundPage';

/** `/tickets/<id>`: the ticket's own page (conversation, history, details) comes next. */
export function TicketPlaceholderPage() {
  const { id } = useParams();
  if (!id || !/^[1-9]\d*$/.test(id)) return <NotFoundPage />;
  return (
    <ComingSoon title={`Ticket #${id}`}>
      <p>
        This page will show the ticket in full: its conversation with the requester, internal notes, its history and
        who works on it.
      </p>
      <p>
        Until then, find it and change its status, priority or category in the <Link to="/">queue</Link>.
      </p>
    </ComingSoon>
  );
}

/** `/webhooks` (admins): managing webhook endpoints comes next. */
export function WebhooksPlaceholderPage() {
  return (
    <ComingSoon title="Webhooks">
      <p>
        Admins will add and remove webhook endpoints here, send a test event, and see each endpoint&apos;s recent
        deliveries.
      </p>
    </ComingSoon>
  );
}

/** `/portal/<key>`: the requester's private page for one ticket comes next. */
export function PortalPlaceholderPage() {
  return (
    <ComingSoon title="Your ticket">
      <p>
        This private page will show your ticket, its status and the support team&apos;s replies, and will let you
        answer them.
      </p>
      <p>Keep the link: it is the way back to your ticket.</p>
    </ComingSoon>
  );
}
