import { describe, expect, it } from 'vitest';
import { activeView, apiFilters, hasFilters, parseListQuery, toQueryParams } from '../listQuery';

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
      tz: '',
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

  it("sends the dashboard's time zone with the dates it qualifies, and only then", () => {
    const day = parseListQuery({ created_from: '2026-11-02', created_to: '2026-11-02', tz: 'Europe/Berlin' });
    expect(apiFilters(day, 25)).toMatchObject({ created_from: '2026-11-02', created_to: '2026-11-02', tz: 'Europe/Berlin' });
    expect(apiFilters(parseListQuery({ tz: 'Europe/Berlin' }), 25).tz).toBe('');
    expect(parseListQuery({ tz: 'America/Argentina/Buenos_Aires' }).tz).toBe('America/Argentina/Buenos_Aires');
    expect(parseListQuery({ tz: '../../etc' }).tz).toBe('');
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
