import { useId, useRef } from 'react';
import type { ApiError } from '../../api/client';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../api/types';
import type { AgentRef, TicketChanges, TicketDetail } from '../../api/workspace-types';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../lib/labels';
import { ConflictNotice } from './ConflictNotice';
import type { ConflictText } from './conflictText';
import { FieldSelect, type Option } from './FieldSelect';
import type { SaveOutcome, SaveState } from './useTicketWorkspace';
import styles from './TicketFields.module.css';

type Field = 'status' | 'priority' | 'category' | 'assignee';

const UNASSIGNED = '';

const FIELD_NAMES: Record<string, string> = {
  status: 'status',
  priority: 'priority',
  category: 'category',
  assignee: 'assignee',
};

interface TicketFieldsProps {
  ticket: TicketDetail;
  pending: TicketChanges;
  agents: AgentRef[] | null;
  agentsError: ApiError | null;
  onRetryAgents: () => void;
  me: AgentRef | null | undefined;
  saveState: SaveState;
  conflict: ConflictText | null;
  conflictFields: string[];
  onSave: (changes: TicketChanges) => Promise<SaveOutcome>;
  onReapply: () => Promise<SaveOutcome>;
  onDismissConflict: () => void;
  onDismissError: () => void;
}

function options<T extends string>(values: readonly T[], labels: Record<T, string>): Option[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

function assigneeOptions(ticket: TicketDetail, agents: AgentRef[] | null): Option[] {
  const people = [...(agents ?? [])];
  // A deactivated or not-yet-loaded assignee still shows who it is.
  if (ticket.assignee && !people.some((a) => a.id === ticket.assignee?.id)) people.unshift(ticket.assignee);
  return [{ value: UNASSIGNED, label: 'Unassigned' }, ...people.map((a) => ({ value: String(a.id), label: a.name }))];
}

function shownValue(ticket: TicketDetail, pending: TicketChanges, field: Field): string {
  if (field === 'assignee') {
    const id = 'assignee' in pending ? pending.assignee : ticket.assignee?.id;
    return id === null || id === undefined ? UNASSIGNED : String(id);
  }
  return pending[field] ?? ticket[field];
}

function savedValueText(ticket: TicketDetail, field: string): string {
  if (field === 'status') return STATUS_LABELS[ticket.status];
  if (field === 'priority') return PRIORITY_LABELS[ticket.priority];
  if (field === 'category') return CATEGORY_LABELS[ticket.category];
  if (field === 'assignee') return ticket.assignee?.name ?? 'Unassigned';
  return '';
}

/** Status, priority, category and assignee, each saved as soon as it is picked. */
export function TicketFields(props: TicketFieldsProps) {
  const { ticket, pending, agents, agentsError, onRetryAgents, me, saveState, conflict, conflictFields } = props;
  const statusId = useId();
  const refs = useRef<Partial<Record<Field, HTMLSelectElement | null>>>({});

  const change = (field: Field, value: string) => {
    if (field === 'assignee') void props.onSave({ assignee: value === UNASSIGNED ? null : Number(value) });
    else void props.onSave({ [field]: value });
  };

  const reapply = async () => {
    const first = conflictFields[0] as Field | undefined;
    await props.onReapply();
    if (first) refs.current[first]?.focus();
  };

  const dismissConflict = () => {
    const first = conflictFields[0] as Field | undefined;
    props.onDismissConflict();
    if (first) refs.current[first]?.focus();
  };

  const names = saveState.fields.map((f) => FIELD_NAMES[f] ?? f).join(' and ');
  const relevant = saveState.fields.some((f) => f in FIELD_NAMES);
  const assignedToMe = !!me && (shownValue(ticket, pending, 'assignee') === String(me.id));
  const select = (field: Field, label: string, opts: Option[]) => (
    <FieldSelect
      ref={(node) => {
        refs.current[field] = node;
      }}
      label={label}
      value={shownValue(ticket, pending, field)}
      options={opts}
      saving={field in pending}
      onChange={(value) => change(field, value)}
    />
  );

  return (
    <div className={styles.fields}>
      {conflict && (
        <ConflictNotice text={conflict} onReapply={() => void reapply()} onDismiss={dismissConflict} />
      )}
      <div className={styles.grid}>
        {select('status', 'Status', options(STATUSES, STATUS_LABELS))}
        {select('priority', 'Priority', options(PRIORITIES, PRIORITY_LABELS))}
        {select('category', 'Category', options(CATEGORIES, CATEGORY_LABELS))}
      </div>
      <div className={styles.assignee}>
        {select('assignee', 'Assignee', assigneeOptions(ticket, agents))}
        {me && !assignedToMe && (
          <Button
            variant="secondary"
            className={styles.assignMe}
            onClick={() => {
              // The button goes away once assigned: keep the keyboard where the change shows.
              refs.current.assignee?.focus();
              void props.onSave({ assignee: me.id });
            }}
          >
            Assign to me
          </Button>
        )}
      </div>
      {agentsError && (
        <p className={styles.warning}>
          The list of agents could not be loaded.{' '}
          <button type="button" className={styles.inlineAction} onClick={onRetryAgents}>
            Try again
          </button>
        </p>
      )}

      <p id={statusId} className={styles.status} role="status">
        {relevant && saveState.state === 'saving' && <Spinner size="sm" label={`Saving ${names}…`} showLabel announce={false} />}
        {relevant && saveState.state === 'saved' && (
          <span className={styles.saved}>
            <span aria-hidden="true">✓ </span>
            <span>Saved</span>
            <span className="visually-hidden"> {names}</span>
          </span>
        )}
      </p>
      {relevant && saveState.state === 'failed' && (
        <div className={styles.error} role="alert">
          <p>
            Could not save {names}: {saveState.message} It is back to{' '}
            {saveState.fields.map((f) => savedValueText(ticket, f)).join(' and ')}.
          </p>
          <button type="button" className={styles.inlineAction} onClick={props.onDismissError}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
