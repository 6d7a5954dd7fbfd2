import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { PortalReply, PortalTicket } from '../../api/workspace-types';
import { Badge } from '../../components/Badge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RelativeTime } from '../../components/RelativeTime';
import { Spinner } from '../../components/Spinner';
import { PortalReplyBox } from './PortalReplyBox';
import { CUSTOMER_STATUS } from './statusWords';
import { usePortalTicket } from './usePortalTicket';
import styles from './PortalPage.module.css';

interface PortalPageProps {
  /** The key from the link (`/portal/<key>`): the only credential; no sign-in. */
  portalKey: string;
}

export const INVALID_LINK =
  'This link is not valid (it may have been replaced). Ask the support team for a new link.';

/** The requester's page: the ticket's status, the public conversation and a reply box. */
export function PortalPage({ portalKey }: PortalPageProps) {
  const { state, reload, markInvalid } = usePortalTicket(portalKey);

  useEffect(() => {
    if (state.status === 'ready') document.title = `Ticket #${state.ticket.id} · Support`;
    else if (state.status === 'invalid') document.title = 'Link not valid · Support';
  }, [state]);

  if (state.status === 'loading') {
    return (
      <div className={styles.page}>
        <Spinner label="Loading your ticket…" showLabel />
      </div>
    );
  }
  if (state.status === 'invalid') {
    return (
      <div className={styles.page}>
        <h1 className={styles.title}>Link not valid</h1>
        <p className={styles.invalid}>{INVALID_LINK}</p>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className={styles.page}>
        <h1 className={styles.title}>Your ticket</h1>
        <ErrorBanner onRetry={reload}>Your ticket could not be loaded. {state.error.message}</ErrorBanner>
      </div>
    );
  }
  return <PortalTicketView ticket={state.ticket} portalKey={portalKey} onReload={reload} onInvalid={markInvalid} />;
}

interface PortalTicketViewProps {
  ticket: PortalTicket;
  portalKey: string;
  onReload: () => void;
  onInvalid: () => void;
}

function PortalTicketView({ ticket, portalKey, onReload, onInvalid }: PortalTicketViewProps) {
  const id = useId();
  const [unsent, setUnsent] = useState<string | null>(null);
  const closedRef = useRef<HTMLDivElement>(null);
  const closed = ticket.status === 'closed';
  const words = CUSTOMER_STATUS[ticket.status];

  const onClosed = useCallback(
    (text: string) => {
      setUnsent(text);
      onReload();
    },
    [onReload],
  );

  useEffect(() => {
    // The reply box went away under the keyboard: take focus to the sentence that says why.
    if (closed && unsent !== null) closedRef.current?.focus();
  }, [closed, unsent]);

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>Your support request · Ticket #{ticket.id}</p>
        <h1 className={styles.title}>{ticket.title}</h1>
        <div className={styles.status}>
          <span className={styles.statusLabel}>Status:</span>
          <Badge kind="status" value={ticket.status} label={words.label} />
          <span>{words.explanation}</span>
        </div>
        <p className={styles.meta}>
          Opened <RelativeTime iso={ticket.created_at} /> · last change <RelativeTime iso={ticket.updated_at} />
        </p>
      </header>

      <section className={styles.card} aria-labelledby={`${id}-request`}>
        <h2 id={`${id}-request`} className={styles.sectionTitle}>
          Your request
        </h2>
        <p className={styles.body}>{ticket.description}</p>
      </section>

      <section className={styles.card} aria-labelledby={`${id}-conversation`}>
        <h2 id={`${id}-conversation`} className={styles.sectionTitle}>
          Conversation
        </h2>
        {ticket.replies.length === 0 ? (
          <p className={styles.muted}>No replies yet. Our team answers here; you can add details below.</p>
        ) : (
          <ol className={styles.replies} aria-label="Replies">
            {ticket.replies.map((reply, index) => (
              <li key={`${reply.created_at}-${index}`}>
                <ReplyCard reply={reply} />
              </li>
            ))}
          </ol>
        )}
      </section>

      {closed ? (
        <div className={styles.closed} ref={closedRef} tabIndex={-1}>
          <p>
            This ticket is closed, so it takes no more replies. If you need more help, please{' '}
            <a href="/submit">submit a new ticket</a>.
          </p>
          {unsent && (
            <>
              <label htmlFor={`${id}-unsent`} className={styles.label}>
                Your reply was not sent. Here it is, to copy into a new ticket:
              </label>
              <textarea id={`${id}-unsent`} className={`control ${styles.text}`} readOnly value={unsent} />
            </>
          )}
        </div>
      ) : (
        <PortalReplyBox
          portalKey={portalKey}
          resolved={ticket.status === 'resolved'}
          onSent={onReload}
          onClosed={onClosed}
          onInvalid={onInvalid}
        />
      )}
    </div>
  );
}

function ReplyCard({ reply }: { reply: PortalReply }) {
  const id = useId();
  const mine = reply.author.type === 'requester';
  return (
    <article className={styles.replyCard} data-mine={mine || undefined} aria-labelledby={`${id}-who`}>
      <header className={styles.replyHeader}>
        <span id={`${id}-who`} className={styles.author}>
          {mine ? 'You' : reply.author.name}
          {!mine && (
            <>
              <span className="visually-hidden">, </span>
              <span className={styles.team}>Support team</span>
            </>
          )}
        </span>
        <RelativeTime iso={reply.created_at} className={styles.time} />
      </header>
      <p className={styles.body}>{reply.body}</p>
    </article>
  );
}
