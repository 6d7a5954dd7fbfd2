import type { TicketDetail } from '../../api/workspace-types';
import { RelativeTime } from '../../components/RelativeTime';
import styles from './TicketDetails.module.css';

function When({ iso, none }: { iso: string | null; none: string }) {
  return iso ? <RelativeTime iso={iso} /> : <span className={styles.muted}>{none}</span>;
}

/** Who asked, and the ticket's moments: created, updated, first answered, resolved. */
export function TicketFacts({ ticket }: { ticket: TicketDetail }) {
  const { name, email } = ticket.requester;
  return (
    <dl className={styles.facts}>
      <div>
        <dt>Requester</dt>
        <dd>
          {name ?? <span className={styles.muted}>No name given</span>}
          <br />
          {email ? (
            <a href={`mailto:${email}`} className={styles.email}>
              {email}
            </a>
          ) : (
            <span className={styles.muted}>No e-mail address</span>
          )}
        </dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>
          <RelativeTime iso={ticket.created_at} />
        </dd>
      </div>
      <div>
        <dt>Updated</dt>
        <dd>
          <RelativeTime iso={ticket.updated_at} />
        </dd>
      </div>
      <div>
        <dt>First response</dt>
        <dd>
          <When iso={ticket.first_response_at} none="Not yet" />
        </dd>
      </div>
      <div>
        <dt>Resolved</dt>
        <dd>
          <When iso={ticket.resolved_at} none="Not yet" />
        </dd>
      </div>
    </dl>
  );
}
