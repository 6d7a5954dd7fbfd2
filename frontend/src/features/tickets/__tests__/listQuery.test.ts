import { describe, expect, it } from 'vitest';
import { hasFilters, parseListQuery, toQueryParams } from '../listQuery';

describe('list query in the URL', () => {
  it('reads known values and ignores the rest', () => {
    expect(parseListQuery({ category: 'billing', priority: 'urgent', status: 'closed', search: 'x', page: '3' })).toEqual({
      category: 'billing',
      priority: '',
      status: 'closed',
      search: 'x',
      page: 3,
    });
    expect(parseListQuery({ page: '-2' }).page).toBe(1);
    expect(parseListQuery({ page: 'abc' }).page).toBe(1);
  });

  it('writes the first page as no page at all', () => {
    expect(toQueryParams({ page: 1, status: 'open' })).toEqual({ page: '', status: 'open' });
    expect(toQueryParams({ page: 4 })).toEqual({ page: '4' });
  });

  it('knows when a filter is active', () => {
    expect(hasFilters(parseListQuery({}))).toBe(false);
    expect(hasFilters(parseListQuery({ search: '  ' }))).toBe(false);
    expect(hasFilters(parseListQuery({ priority: 'high' }))).toBe(true);
  });
});
