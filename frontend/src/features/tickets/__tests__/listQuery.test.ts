import { describe, expect, it } from 'vitest';
import { activeView, hasFilters, parseListQuery, toQueryParams } from '../listQuery';

describe('list query in the URL', () => {
  it('reads known values and ignores the rest', () => {
    expect(parseListQuery({ category: 'billing', priority: 'urgent', status: 'closed', search: 'x', page: '3' })).toEqual({
      category: 'billing',
      priority: '',
      status: 'closed',
      search: 'x',
      assignee: '',
      created_from: '',
      created_to: '',
      ai_overridden: '',
      sort: '',
      page: 3,
    });
    expect(
      parseListQuery({ assignee: 'me', created_from: '2026-11-01', created_to: 'soon', ai_overridden: 'any', sort: 'priority' }),
    ).toMatchObject({ assignee: 'me', created_from: '2026-11-01', created_to: '', ai_overridden: 'any', sort: 'priority' });
    expect(parseListQuery({ assignee: '12' }).assignee).toBe('12');
    expect(parseListQuery({ assignee: 'someone' }).assignee).toBe('');
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
    expect(hasFilters(parseListQuery({ created_to: '2026-11-30' }))).toBe(true);
    expect(hasFilters(parseListQuery({ sort: 'oldest' }))).toBe(false);
  });

  it('knows the built-in view a query is', () => {
    expect(activeView(parseListQuery({}))?.id).toBe('all');
    expect(activeView(parseListQuery({ assignee: 'me', search: 'x' }))?.id).toBe('mine');
    expect(activeView(parseListQuery({ status: 'open', sort: 'priority' }))?.id).toBe('open-by-priority');
    expect(activeView(parseListQuery({ status: 'open' }))).toBeUndefined();
  });
});
