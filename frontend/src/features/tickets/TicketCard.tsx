import { useId, useState } from 'react';
import {
  CATEGORIES,
  PRIORITIES,
  STATUSES,
  type Category,
  type Priority,
  type Status,
  type Ticket,
} from '../../api';
import { Badge } from '../../components/Badge';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS, providerLabel } from '../../lib/labels';
import { formatDateTime, formatRelative } from '../../lib/format';
import styles from './TicketCard.module.css';

export type EditableField = 'status' | 'priority' | 'category';

interface TicketCardProps {
  ticket: Ticket;
  highlighted?: boolean;
  note?: string;
  error?: string | null;
  saving?: boolean;
  onChange: (ticket: Ticket, field: EditableField, value: string) => void;
  onDismissError?: () => void;
}

const LONG_DESCRIPTION = 280;

/** One ticket: what it is, how it is labelled, and in-place triage. */
export function TicketCard({ ticket, highlighted, note, error, saving, onChange, onDismissError }: TicketCardProps) {
  const titleId = useId();
  const [expanded, setExpanded] = useState(false);
  const long = ticket.description.length > LONG_DESCRIPTION || ticket.description.split('\n').length > 4;
  const ai = ticket.ai_suggestion;
  const descriptionId = `${titleId}-description`;

  return (
    <article
      className={`${styles.card} ${highlighted ? styles.highlighted : ''}`}
      aria-labelledby={titleId}
      aria-busy={saving || undefined}
      data-ticket-id={ticket.id}
    >
      <div className={styles.meta}>
        <span className={styles.id}>#{ticket.id}</span>
        {note && <span className={styles.note}>{note}</span>}
        <time dateTime={ticket.created_at} title={formatDateTime(ticket.created_at)} className={styles.time}>
          {formatRelative(ticket.created_at)}
        </time>
      </div>

      <h3 id={titleId} className={styles.title}>
        <a href={`/tickets/${ticket.id}`} className={styles.titleLink}>
          {ticket.title}
        </a>
      </h3>

      <div className={styles.badges}>
        <Badge kind="category" value={ticket.category} label={CATEGORY_LABELS[ticket.category] ?? ticket.category} />
        <Badge kind="priority" value={ticket.priority} label={PRIORITY_LABELS[ticket.priority] ?? ticket.priority} />
        <Badge kind="status" value={ticket.status} label={STATUS_LABELS[ticket.status] ?? ticket.status} />
      </div>

      <p id={descriptionId} className={`${styles.description} ${long && !expanded ? styles.clamped : ''}`}>
        {ticket.description}
      </p>
      {long && (
        <button
          type="button"
          className={styles.more}
          aria-expanded={expanded}
          aria-controls={descriptionId}
          onClick={() => setExpanded((v) => !v)}
        >
          {expanded ? 'Show less' : 'Show more'}
        </button>
      )}

      {ai && (
        <p className={styles.ai}>
          <span className={styles.aiMark} aria-hidden="true">✦</span> AI suggested {CATEGORY_LABELS[ai.category] ?? ai.category}
          {' · '}
          {PRIORITY_LABELS[ai.priority] ?? ai.priority} <span className={styles.aiBy}>by {providerLabel(ai.provider)}</span>
          {(ai.category !== ticket.category || ai.priority !== ticket.priority) && (
            <span className={styles.aiChanged}> · overridden</span>
          )}
        </p>
      )}

      <div className={styles.triage}>
        <label className={styles.edit}>
          <span className={styles.editLabel}>Status</span>
          <select
            className={`control ${styles.select}`}
            value={ticket.status}
            onChange={(e) => onChange(ticket, 'status', e.target.value as Status)}
          >
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.edit}>
          <span className={styles.editLabel}>Priority</span>
          <select
            className={`control ${styles.select}`}
            value={ticket.priority}
            onChange={(e) => onChange(ticket, 'priority', e.target.value as Priority)}
          >
            {PRIORITIES.map((value) => (
              <option key={value} value={value}>
                {PRIORITY_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.edit}>
          <span className={styles.editLabel}>Category</span>
          <select
            className={`control ${styles.select}`}
            value={ticket.category}
            onChange={(e) => onChange(ticket, 'category', e.target.value as Category)}
          >
            {CATEGORIES.map((value) => (
              <option key={value} value={value}>
                {CATEGORY_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
      </div>

      {error && (
        <div className={styles.error} role="alert">
          <span>{error}</span>
          {onDismissError && (
            <button type="button" className={styles.dismiss} onClick={onDismissError}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </article>
  );
}
