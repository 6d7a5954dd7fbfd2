import type { Category, Priority, Status } from '../../api/types';
import type { AgentRef, Comment, TicketChanges, TicketDetail } from '../../api/workspace-types';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../lib/labels';
import { describeEvent } from './eventSentences';
import type { Conflict } from './useTicketWorkspace';

export interface ConflictText {
  /** Who changed what meanwhile. */
  happened: string;
  /** What became of the agent's own change. */
  yours: string;
  /** The change is still worth applying (the ticket does not already have it). */
  canReapply: boolean;
  /** The button's words, e.g. "Change priority to Critical again". */
  reapplyLabel: string;
}

const TEXT_FIELDS = ['title', 'description'];

function fieldValue(field: keyof TicketChanges, value: unknown, agents: AgentRef[]): string {
  if (field === 'category') return CATEGORY_LABELS[value as Category] ?? String(value);
  if (field === 'priority') return PRIORITY_LABELS[value as Priority] ?? String(value);
  if (field === 'status') return STATUS_LABELS[value as Status] ?? String(value);
  if (field === 'assignee') {
    if (value === null || value === undefined) return 'unassigned';
    if (typeof value === 'object') return (value as AgentRef).name;
    return agents.find((a) => a.id === value)?.name ?? `agent #${String(value)}`;
  }
  return String(value);
}

function fieldName(field: string): string {
  return field === 'assignee' ? 'the assignee' : field;
}

function happenedText(conflict: Conflict, comments: Comment[]): string {
  if (!conflict.events || conflict.events.length === 0) return 'Someone changed this ticket while you were editing.';
  const byId = new Map(comments.map((c) => [c.id, c]));
  const sentences = conflict.events.map((event) =>
    describeEvent(event, event.comment_id !== null ? byId.get(event.comment_id) : undefined),
  );
  if (sentences.length === 1) return `${sentences[0]} while you were editing.`;
  return `While you were editing: ${sentences.join('; ')}.`;
}

/** The notice after a 412: who changed what since the page's version, and what became of the agent's change. */
export function conflictText(
  conflict: Conflict,
  ticket: TicketDetail,
  { agents = [], comments = [] }: { agents?: AgentRef[]; comments?: Comment[] } = {},
): ConflictText {
  const happened = happenedText(conflict, comments);
  const fields = Object.keys(conflict.attempted) as (keyof TicketChanges)[];

  if (fields.some((f) => TEXT_FIELDS.includes(f))) {
    const what = fields.filter((f) => TEXT_FIELDS.includes(f)).join(' and ');
    return {
      happened,
      yours: `Your edit of the ${what} was not saved. Your text is still in the editor: compare it with the version above and save again.`,
      canReapply: false,
      reapplyLabel: '',
    };
  }

  const parts: string[] = [];
  const labels: string[] = [];
  let canReapply = false;
  for (const field of fields) {
    const wanted = conflict.attempted[field];
    const now = field === 'assignee' ? (ticket.assignee?.id ?? null) : ticket[field];
    const wantedText = fieldValue(field, wanted, agents);
    const nowText = field === 'assignee' ? fieldValue(field, ticket.assignee, agents) : fieldValue(field, now, agents);
    if (now === wanted) {
      parts.push(`${fieldName(field)} is already ${wantedText}`);
    } else {
      canReapply = true;
      parts.push(`your change of ${fieldName(field)} to ${wantedText} was not saved; it is now ${nowText}`);
      labels.push(
        field !== 'assignee'
          ? `Change ${field} to ${wantedText} again`
          : wanted === null
            ? 'Unassign again'
            : `Assign to ${wantedText} again`,
      );
    }
  }
  const sentence = parts.join('; ');
  return {
    happened,
    yours: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
    canReapply,
    reapplyLabel: labels.length === 1 ? labels[0] : 'Apply my changes again',
  };
}
