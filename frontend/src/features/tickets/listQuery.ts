import { CATEGORIES, PRIORITIES, STATUSES, type Category, type Priority, type Status } from '../../api';
import type { QueryParams } from '../../lib/useQueryParams';

/** The list's view, as kept in the URL: `?category=&priority=&status=&search=&page=`. */
export interface ListQuery {
  category: Category | '';
  priority: Priority | '';
  status: Status | '';
  search: string;
  page: number;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | '' {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/** Reads the URL leniently: unknown values are ignored rather than sent. */
export function parseListQuery(params: QueryParams): ListQuery {
  const page = Number.parseInt(params.page ?? '', 10);
  return {
    category: oneOf(CATEGORIES, params.category),
    priority: oneOf(PRIORITIES, params.priority),
    status: oneOf(STATUSES, params.status),
    search: params.search ?? '',
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

export function toQueryParams(query: Partial<ListQuery>): QueryParams {
  const out: QueryParams = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page') out.page = typeof value === 'number' && value > 1 ? String(value) : '';
    else out[key] = String(value ?? '');
  }
  return out;
}

export function hasFilters(query: ListQuery): boolean {
  return Boolean(query.category || query.priority || query.status || query.search.trim());
}
