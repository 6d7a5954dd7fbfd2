import type { Category, Priority, Status } from '../../api/types';
import type { Actor, AgentRef, Comment, StoredAiSuggestion, TicketEvent } from '../../api/workspace-types';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS, providerLabel } from '../../lib/labels';
import { confidenceBand, confidencePercent } from './confidence';

/** How the history reads: one plain sentence per event, e.g. "Priya Raman changed priority from Medium to High". */

const TITLE_SHOWN = 60;

function quoted(text: unknown): string {
  const value = String(text ?? '');
  return `“${value.length > TITLE_SHOWN ? `${value.slice(0, TITLE_SHOWN - 1)}…` : value}”`;
}

function labelOf(field: string, value: unknown): string {
  const key = String(value);
  if (field === 'category') return CATEGORY_LABELS[key as Category] ?? key;
  if (field === 'priority') return PRIORITY_LABELS[key as Priority] ?? key;
  if (field === 'status') return STATUS_LABELS[key as Status] ?? key;
  return key;
}

function nameOf(value: unknown): string {
  return value && typeof value === 'object' && 'name' in value ? String((value as AgentRef).name) : 'nobody';
}

const DONE = ['resolved', 'closed'];

function statusClause(from: unknown, to: unknown): string {
  if (to === 'resolved') return 'resolved the ticket';
  if (to === 'closed') return 'closed the ticket';
  if (DONE.includes(String(from)) && !DONE.includes(String(to))) {
    return to === 'open' ? 'reopened the ticket' : `reopened the ticket as ${labelOf('status', to)}`;
  }
  return `changed status from ${labelOf('status', from)} to ${labelOf('status', to)}`;
}

function idOf(value: unknown): number | null {
  return value && typeof value === 'object' && 'id' in value ? Number((value as AgentRef).id) : null;
}

function assigneeClause(from: unknown, to: unknown, actor: Actor | undefined): string {
  const self = actor?.type === 'agent' && actor.id !== null && idOf(to) === actor.id;
  if (!from) return self ? 'took the ticket' : `assigned the ticket to ${nameOf(to)}`;
  if (!to) return idOf(from) === actor?.id ? 'unassigned themselves' : `unassigned ${nameOf(from)}`;
  if (self) return `took the ticket over from ${nameOf(from)}`;
  return `reassigned the ticket from ${nameOf(from)} to ${nameOf(to)}`;
}

/** The verb phrase of one changed field ("changed priority from Medium to High"). */
export function changeClause(field: string, [from, to]: [unknown, unknown], actor?: Actor): string {
  switch (field) {
    case 'category':
    case 'priority':
      return `changed ${field} from ${labelOf(field, from)} to ${labelOf(field, to)}`;
    case 'status':
      return statusClause(from, to);
    case 'assignee':
      return assigneeClause(from, to, actor);
    case 'title':
      return `renamed the ticket to ${quoted(to)}`;
    case 'description':
      return 'edited the description';
    case 'portal_link':
      return 'replaced the portal link';
    default:
      return `changed ${field.replace(/_/g, ' ')}`;
  }
}

/** "a", "a and b", "a, b and c". */
export function joinClauses(clauses: string[]): string {
  if (clauses.length <= 1) return clauses.join('');
  return `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`;
}

/** "AI suggested Billing · High (local model, high confidence, 71%)". */
export function suggestionSentence(suggestion: StoredAiSuggestion): string {
  const lowest = Math.min(suggestion.category_confidence, suggestion.priority_confidence);
  const category = CATEGORY_LABELS[suggestion.category] ?? suggestion.category;
  const priority = PRIORITY_LABELS[suggestion.priority] ?? suggestion.priority;
  const band = confidenceBand(suggestion);
  return `AI suggested ${category} · ${priority} (${providerLabel(suggestion.provider)}, ${band} confidence, ${confidencePercent(lowest)})`;
}

function commentedSentence(event: TicketEvent, comment: Comment | undefined): string {
  const who = event.actor.name;
  const reopened = event.changes.status ? ' and reopened the ticket' : '';
  if (comment?.visibility === 'internal') return `${who} added an internal note`;
  if (comment || event.actor.type === 'requester') return `${who} replied${reopened}`;
  return `${who} commented${reopened}`;
}

function createdSentence(event: TicketEvent): string {
  if (event.actor.type === 'requester') return `${event.actor.name} submitted the ticket`;
  return `${event.actor.name} created the ticket`;
}

/**
 * The sentence for one event. `comment` is the event's comment when known: it tells a
 * public reply from an internal note.
 */
export function describeEvent(event: TicketEvent, comment?: Comment): string {
  switch (event.kind) {
    case 'created':
      return createdSentence(event);
    case 'ai_suggested': {
      const suggestion = event.changes.ai_suggestion?.[1] as StoredAiSuggestion | null | undefined;
      return suggestion ? suggestionSentence(suggestion) : `${event.actor.name} made no suggestion`;
    }
    case 'commented':
      return commentedSentence(event, comment);
    case 'updated': {
      const clauses = Object.entries(event.changes).map(([field, pair]) => changeClause(field, pair, event.actor));
      return `${event.actor.name} ${clauses.length ? joinClauses(clauses) : 'updated the ticket'}`;
    }
    default:
      return `${event.actor.name} changed the ticket`;
  }
}
