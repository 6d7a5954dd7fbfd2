import type { Status } from '../../api';

/** The queue's keyboard shortcuts, as the "?" overlay and the README list them. */
export const SHORTCUTS: { keys: string[]; does: string }[] = [
  { keys: ['/'], does: 'Focus the search box' },
  { keys: ['j', 'k'], does: 'Next / previous ticket' },
  { keys: ['Enter'], does: 'Open the ticket' },
  { keys: ['x'], does: 'Select or unselect the ticket' },
  { keys: ['o'], does: 'Status: Open' },
  { keys: ['p'], does: 'Status: In progress' },
  { keys: ['r'], does: 'Status: Resolved' },
  { keys: ['c'], does: 'Status: Closed' },
  { keys: ['a'], does: 'Assign to me' },
  { keys: ['?'], does: 'Show these shortcuts' },
  { keys: ['Esc'], does: 'Close this list, clear the selection, leave the list' },
];

/** Status keys: they change the selected tickets, or the current one when none is selected. */
export const STATUS_KEYS: Record<string, Status> = { o: 'open', p: 'in_progress', r: 'resolved', c: 'closed' };
