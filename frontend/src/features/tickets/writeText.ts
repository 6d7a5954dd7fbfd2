import type { Category, Priority, Status } from '../../api';
import type { AgentRef, TicketChanges } from '../../api/workspace-types';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../lib/labels';

/** A change in words: "status to In progress", "assignee to Erin Agent". */
export function describeChange(changes: TicketChanges, agents: AgentRef[] = []): string {
  const parts: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    parts.push(`${field} to ${valueLabel(field, value, agents)}`);
  }
  return parts.join(', ');
}

export function valueLabel(field: string, value: unknown, agents: AgentRef[] = []): string {
  if (field === 'status') return STATUS_LABELS[value as Status] ?? String(value);
  if (field === 'priority') return PRIORITY_LABELS[value as Priority] ?? String(value);
  if (field === 'category') return CATEGORY_LABELS[value as Category] ?? String(value);
  if (field === 'assignee') {
    if (value === null) return 'nobody';
    return agents.find((a) => a.id === value)?.name ?? `agent #${String(value)}`;
  }
  return String(value);
}

/** What the agent reads when someone else changed a ticket first (a 412). */
export function changedMeanwhile(id: number): string {
  return `#${id} was changed by someone else; reload it and try again.`;
}
