import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { Ticket } from '../../api';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { CATEGORY_LABELS, PRIORITY_LABELS } from '../../lib/labels';
import styles from './SubmissionConfirmation.module.css';

interface SubmissionConfirmationProps {
  ticket: Ticket;
  /** Agents get a link to the ticket's page; customers do not have one. */
  asAgent?: boolean;
  onAnother: () => void;
}

/** The portal link as the requester will use it: absolute, even when the server sent a path. */
function absolute(url: string): string {
  try {
    return new URL(url, window.location.origin).href;
  } catch {
    return url;
  }
}

/** What the submitter sees after sending: the ticket's number and, when given, their private link. */
export function SubmissionConfirmation({ ticket, asAgent = false, onAnother }: SubmissionConfirmationProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const portalUrl = ticket.portal_url ? absolute(ticket.portal_url) : null;

  // The form that had the focus is gone: the news takes it, and screen readers read it.
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className={styles.panel} aria-labelledby="submitted-heading">
      <div className={styles.check} aria-hidden="true">
        ✓
      </div>
      <h2 id="submitted-heading" className={styles.title} ref={headingRef} tabIndex={-1}>
        Ticket #{ticket.id} submitted
      </h2>
      <p>
        {asAgent ? 'It is in the queue' : 'Thank you: the support team has your request'}, filed as{' '}
        <strong>{CATEGORY_LABELS[ticket.category]}</strong> with <strong>{PRIORITY_LABELS[ticket.priority]}</strong>{' '}
        priority.
        {ticket.requester?.email && !asAgent && <> Replies go to {ticket.requester.email}.</>}
      </p>

      {portalUrl && (
        <div className={styles.portal}>
          <label htmlFor="portal-link" className={styles.portalLabel}>
            {asAgent ? "The requester's private link" : 'Your private link to this ticket'}
          </label>
          <div className={styles.linkRow}>
            <input
              id="portal-link"
              className={`control ${styles.link}`}
              readOnly
              value={portalUrl}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={portalUrl} label="Copy link" />
          </div>
          <p className={styles.note}>
            This link is private: it lets {asAgent ? 'the requester' : 'you'} follow the ticket and reply to the
            support team without an account. Anyone who has it can read the ticket, so share it with no one else.
          </p>
        </div>
      )}

      <div className={styles.actions}>
        <Button variant="primary" onClick={onAnother}>
          Submit another ticket
        </Button>
        {asAgent && <Link to={`/tickets/${ticket.id}`}>Open ticket #{ticket.id}</Link>}
      </div>
    </section>
  );
}
