import type { Category, Priority, Status } from '../../api';

/**
 * Links from the dashboard into the queue: `/` with the list API's own query
 * parameters (CONTRACT §3, §9), which the queue page passes on to the list.
 */
export type QueueFilter = Partial<{
  status: Status;
  priority: Priority;
  category: Category;
  created_from: string;
  created_to: string;
  tz: string;
  ai_overridden: 'category' | 'priority' | 'any';
}>;

export function queueHref(filter: QueueFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

/** The tickets created on `date` (YYYY-MM-DD), a calendar day in `tz` (UTC needs no parameter). */
export function createdOnHref(date: string, tz: string): string {
  return queueHref({ created_from: date, created_to: date, tz: tz === 'UTC' ? undefined : tz });
}
