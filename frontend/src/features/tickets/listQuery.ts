import {
  AI_OVERRIDDEN,
  CATEGORIES,
  PRIORITIES,
  SORTS,
  STATUSES,
  type AiOverridden,
  type Category,
  type Priority,
  type Sort,
  type Status,
  type TicketFilters,
} from '../../api';
import type { QueryParams } from '../../lib/useQueryParams';

/** The queue's view, as kept in the URL: every list filter of the API, the sort and the page. */
export interface ListQuery {
  category: Category | '';
  priority: Priority | '';
  status: Status | '';
  search: string;
  /** `me`, `none`, or an agent's id. */
  assignee: string;
  created_from: string;
  created_to: string;
  ai_overridden: AiOverridden | '';
  /** The IANA zone of `created_from`/`created_to` (the dashboard's team zone); '' is UTC. */
  tz: string;
  sort: Sort | '';
  page: number;
}

/** Every key of the view that filters (not the sort, not the page). */
export const FILTER_KEYS = [
  'search',
  'category',
  'priority',
  'status',
  'assignee',
  'created_from',
  'created_to',
  'ai_overridden',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const NO_FILTERS: Pick<ListQuery, FilterKey> = {
  search: '',
  category: '',
  priority: '',
  status: '',
  assignee: '',
  created_from: '',
  created_to: '',
  ai_overridden: '',
};

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | '' {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// An IANA zone name ("Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC"); the API
// refuses the ones it does not know.
const ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

function assigneeValue(value: string | undefined): string {
  if (!value) return '';
  return value === 'me' || value === 'none' || /^\d{1,12}$/.test(value) ? value : '';
}

/** Reads the URL leniently: unknown values are ignored rather than sent. */
export function parseListQuery(params: QueryParams): ListQuery {
  const page = Number.parseInt(params.page ?? '', 10);
  return {
    category: oneOf(CATEGORIES, params.category),
    priority: oneOf(PRIORITIES, params.priority),
    status: oneOf(STATUSES, params.status),
    search: params.search ?? '',
    assignee: assigneeValue(params.assignee),
    created_from: DATE.test(params.created_from ?? '') ? params.created_from : '',
    created_to: DATE.test(params.created_to ?? '') ? params.created_to : '',
    ai_overridden: oneOf(AI_OVERRIDDEN, params.ai_overridden),
    tz: ZONE.test(params.tz ?? '') ? (params.tz as string) : '',
    sort: oneOf(SORTS, params.sort),
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

export function toQueryParams(query: Partial<ListQuery>): QueryParams {
  const out: QueryParams = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page') out.page = typeof value === 'number' && value > 1 ? String(value) : '';
    else if (key === 'sort') out.sort = value === 'newest' ? '' : String(value ?? '');
    else out[key] = String(value ?? '');
  }
  return out;
}

export function hasFilters(query: ListQuery): boolean {
  return FILTER_KEYS.some((key) => (key === 'search' ? query.search.trim() : query[key]) !== '');
}

/** What the API is asked for this view. */
export function apiFilters(query: ListQuery, pageSize: number): TicketFilters {
  return {
    category: query.category,
    priority: query.priority,
    status: query.status,
    search: query.search.trim(),
    assignee: query.assignee,
    created_from: query.created_from,
    created_to: query.created_to,
    // The zone matters only for the dates; without them it would be a needless parameter.
    tz: query.created_from || query.created_to ? query.tz : '',
    ai_overridden: query.ai_overridden,
    sort: query.sort,
    page: query.page,
    page_size: pageSize,
  };
}

/** The built-in views: each a set of filters and a sort, so each lives in the URL too. */
export interface QueueView {
  id: string;
  label: string;
  query: Partial<ListQuery>;
}

export const VIEWS: QueueView[] = [
  { id: 'all', label: 'All tickets', query: {} },
  { id: 'mine', label: 'My tickets', query: { assignee: 'me' } },
  { id: 'unassigned', label: 'Unassigned', query: { assignee: 'none' } },
  { id: 'open-by-priority', label: 'Open by priority', query: { status: 'open', sort: 'priority' } },
];

/** The whole view a built-in view stands for: its filters, no other filter, its sort. */
export function viewQuery(view: QueueView): Partial<ListQuery> {
  return { ...NO_FILTERS, sort: '', page: 1, ...view.query };
}

/** The built-in view the query is exactly, if any (searching keeps it). */
export function activeView(query: ListQuery): QueueView | undefined {
  return VIEWS.find((view) => {
    const wanted = { ...viewQuery(view), search: query.search };
    return (Object.keys(wanted) as (keyof ListQuery)[]).every(
      (key) => key === 'page' || (query[key] || '') === (wanted[key] || ''),
    );
  });
}
