import { useId, useState } from 'react';
import { CATEGORIES, PRIORITIES, STATUSES, type Category, type Priority, type Status } from '../../api';
import type { AgentRef, TicketChanges } from '../../api/workspace-types';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../lib/labels';
import type { BulkState } from './useTicketWrites';
import styles from './BulkBar.module.css';

interface BulkBarProps {
  selectedCount: number;
  agents: AgentRef[];
  bulk: BulkState | null;
  onApply: (changes: TicketChanges) => void;
  onClear: () => void;
  onDismiss: () => void;
}

const UNASSIGN = 'none';

/** Changes for every selected ticket: pick the new values, apply; progress and a per-ticket report. */
export function BulkBar({ selectedCount, agents, bulk, onApply, onClear, onDismiss }: BulkBarProps) {
  const id = useId();
  const [status, setStatus] = useState('');
  const [priority, setPriority] = useState('');
  const [category, setCategory] = useState('');
  const [assignee, setAssignee] = useState('');

  if (selectedCount === 0 && !bulk) return null;

  const changes: TicketChanges = {};
  if (status) changes.status = status as Status;
  if (priority) changes.priority = priority as Priority;
  if (category) changes.category = category as Category;
  if (assignee) changes.assignee = assignee === UNASSIGN ? null : Number(assignee);
  const ready = Object.keys(changes).length > 0 && selectedCount > 0 && !bulk?.running;
  const noun = selectedCount === 1 ? 'ticket' : 'tickets';

  return (
    <section className={styles.bar} aria-label="Change selected tickets">
      {selectedCount > 0 && (
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            if (!ready) return;
            onApply(changes);
            setStatus('');
            setPriority('');
            setCategory('');
            setAssignee('');
          }}
        >
          <p className={styles.count}>
            {selectedCount} {noun} selected
          </p>
          <Choice id={`${id}-status`} label="Set status" value={status} onChange={setStatus}>
            {STATUSES.map((v) => (
              <option key={v} value={v}>
                {STATUS_LABELS[v]}
              </option>
            ))}
          </Choice>
          <Choice id={`${id}-priority`} label="Set priority" value={priority} onChange={setPriority}>
            {PRIORITIES.map((v) => (
              <option key={v} value={v}>
                {PRIORITY_LABELS[v]}
              </option>
            ))}
          </Choice>
          <Choice id={`${id}-category`} label="Set category" value={category} onChange={setCategory}>
            {CATEGORIES.map((v) => (
              <option key={v} value={v}>
                {CATEGORY_LABELS[v]}
              </option>
            ))}
          </Choice>
          <Choice id={`${id}-assignee`} label="Set assignee" value={assignee} onChange={setAssignee}>
            <option value={UNASSIGN}>Nobody</option>
            {agents.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name}
              </option>
            ))}
          </Choice>
          <div className={styles.buttons}>
            <button type="submit" className={styles.apply} disabled={!ready}>
              Apply to {selectedCount} {noun}
            </button>
            <button type="button" className={styles.secondary} onClick={onClear}>
              Clear selection
            </button>
          </div>
        </form>
      )}
      {bulk && <BulkReport bulk={bulk} onDismiss={onDismiss} />}
    </section>
  );
}

function Choice({
  id,
  label,
  value,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: React.ReactNode;
}) {
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <select id={id} className={styles.select} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Keep</option>
        {children}
      </select>
    </div>
  );
}

function BulkReport({ bulk, onDismiss }: { bulk: BulkState; onDismiss: () => void }) {
  const label = `Changing ${bulk.description}`;
  return (
    <div className={styles.report}>
      <p role="status" className={styles.progressText}>
        {bulk.running
          ? `Changing ${bulk.done} of ${bulk.total}…`
          : `${bulk.applied.length} of ${bulk.total} ${bulk.total === 1 ? 'ticket' : 'tickets'} changed: ${bulk.description}.`}
      </p>
      <progress className={styles.progress} max={bulk.total} value={bulk.done} aria-label={label} />
      {bulk.failures.length > 0 && (
        <div role="alert" className={styles.failures}>
          <p>
            {bulk.failures.length} not changed:
          </p>
          <ul>
            {bulk.failures.map((f) => (
              <li key={f.id}>{f.message}</li>
            ))}
          </ul>
        </div>
      )}
      {!bulk.running && (
        <button type="button" className={styles.secondary} onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
