import { memo } from 'react';
import { Link } from 'react-router';
import { PRIORITIES, STATUSES, type Priority, type Status } from '../../api';
import type { TicketChanges, TicketDetail } from '../../api/workspace-types';
import { Badge } from '../../components/Badge';
import { RelativeTime } from '../../components/RelativeTime';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../lib/labels';
import type { RowSave } from './useTicketWrites';
import styles from './QueueList.module.css';

interface QueueRowProps {
  ticket: TicketDetail;
  index: number;
  selected: boolean;
  active: boolean;
  save?: RowSave;
  onToggle: (index: number, range: boolean) => void;
  onChange: (ticket: TicketDetail, changes: TicketChanges) => void;
  onActivate: (index: number) => void;
  onDismiss: (id: number) => void;
}

function requesterText(ticket: TicketDetail): string {
  return ticket.requester?.name || ticket.requester?.email || '—';
}

/** One ticket of the queue, on one line (two on phones): every control named with its number. */
export const QueueRow = memo(function QueueRow({
  ticket,
  index,
  selected,
  active,
  save,
  onToggle,
  onChange,
  onActivate,
  onDismiss,
}: QueueRowProps) {
  const n = `#${ticket.id}`;
  const titleId = `ticket-${ticket.id}-title`;
  return (
    <li className={styles.item} data-active={active || undefined} data-selected={selected || undefined}>
      <article className={styles.row} aria-labelledby={titleId} onFocus={() => onActivate(index)}>
        <input
          type="checkbox"
          className={styles.check}
          aria-label={`Select ticket ${n}`}
          checked={selected}
          onChange={() => undefined}
          onClick={(event) => onToggle(index, event.shiftKey)}
        />
        <span className={styles.number}>{n}</span>
        <Link id={titleId} to={`/tickets/${ticket.id}`} className={styles.title} data-row-link={ticket.id}>
          {ticket.title}
        </Link>
        <span className={styles.requester}>
          <span className="visually-hidden">Requester: </span>
          {requesterText(ticket)}
        </span>
        <span className={styles.category}>
          <Badge kind="category" value={ticket.category} label={CATEGORY_LABELS[ticket.category] ?? ticket.category} />
        </span>
        <select
          className={styles.select}
          aria-label={`Priority of ticket ${n}`}
          data-kind="priority"
          value={ticket.priority}
          onChange={(e) => onChange(ticket, { priority: e.target.value as Priority })}
        >
          {PRIORITIES.map((v) => (
            <option key={v} value={v}>
              {PRIORITY_LABELS[v]}
            </option>
          ))}
        </select>
        <select
          className={styles.select}
          aria-label={`Status of ticket ${n}`}
          data-kind="status"
          value={ticket.status}
          onChange={(e) => onChange(ticket, { status: e.target.value as Status })}
        >
          {STATUSES.map((v) => (
            <option key={v} value={v}>
              {STATUS_LABELS[v]}
            </option>
          ))}
        </select>
        <span className={styles.assignee}>
          <span className="visually-hidden">Assignee: </span>
          {ticket.assignee?.name ?? 'Unassigned'}
        </span>
        <span className={styles.age}>
          <RelativeTime iso={ticket.created_at} />
        </span>
        <span className={styles.save} role="status">
          {save?.state === 'saving' && 'Saving…'}
          {save?.state === 'saved' && `Saved ${n}`}
        </span>
        {save?.state === 'failed' && (
          <div className={styles.error} role="alert">
            <span>{save.message}</span>
            <button type="button" className={styles.dismiss} onClick={() => onDismiss(ticket.id)}>
              Dismiss
            </button>
          </div>
        )}
      </article>
    </li>
  );
});

