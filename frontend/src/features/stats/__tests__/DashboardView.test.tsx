import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BrowserRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../../api/tickets';
import type { DayCount, Stats } from '../../../api';
import { makeStats } from '../../../test/factories';
import { DashboardView } from '../DashboardView';
import { TZ_STORAGE_KEY } from '../timeZone';

vi.mock('../../../api/tickets');

const getStats = vi.mocked(api.getStats);

function lastDays(): DayCount[] {
  // 30 days ending 15 June 2026; 12 June had 5 created and 3 resolved.
  return Array.from({ length: 30 }, (_, i) => {
    const date = new Date(Date.UTC(2026, 4, 17 + i)).toISOString().slice(0, 10);
    return date === '2026-06-12' ? { date, created: 5, resolved: 3 } : { date, created: i % 3, resolved: i % 2 };
  });
}

function statsV2(overrides: Partial<Stats> = {}): Stats {
  return makeStats({
    status_breakdown: { open: 40, in_progress: 27, resolved: 45, closed: 12 },
    tickets_per_day: lastDays(),
    median_first_response_seconds: 5400,
    median_resolution_seconds: 2 * 86400 + 3 * 3600,
    ai: { suggested: 100, category_kept: 0.82, priority_kept: 0.64 },
    ...overrides,
  });
}

function show(path: string) {
  window.history.replaceState(null, '', path);
  const user = userEvent.setup();
  const view = render(
    <BrowserRouter>
      <DashboardView />
    </BrowserRouter>,
  );
  return { user, ...view };
}

function hrefOf(name: string | RegExp) {
  return new URL(screen.getByRole('link', { name }).getAttribute('href')!, 'http://x');
}

describe('DashboardView', () => {
  beforeEach(() => {
    getStats.mockReset();
    getStats.mockResolvedValue(statsV2());
    window.localStorage.clear();
  });

  it('shows statuses apart, each linking to the queue filtered by it', async () => {
    show('/dashboard?tz=UTC');

    const statuses = await screen.findByRole('list', { name: 'Tickets by status' });
    expect(within(statuses).getAllByRole('listitem').map((row) => row.textContent)).toEqual([
      'Open40 · 32%',
      'In progress27 · 22%',
      'Resolved45 · 36%',
      'Closed12 · 10%',
    ]);
    expect(within(statuses).getByRole('link', { name: 'In progress' })).toHaveAttribute('href', '/?status=in_progress');
    expect(screen.getByText('Unresolved (open + in progress)').nextElementSibling).toHaveTextContent('67');
    expect(screen.getByRole('link', { name: 'Critical' })).toHaveAttribute('href', '/?priority=critical');
    expect(screen.getByRole('link', { name: 'Billing' })).toHaveAttribute('href', '/?category=billing');
  });

  it("links each day's bar to the queue's tickets created that day in the chosen zone", async () => {
    show('/dashboard?tz=Europe/Berlin');

    const bar = await screen.findByRole('link', { name: /^Friday 12 June 2026: 5 created, 3 resolved/ });
    const href = new URL(bar.getAttribute('href')!, 'http://x');
    expect(href.pathname).toBe('/');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      created_from: '2026-06-12',
      created_to: '2026-06-12',
      tz: 'Europe/Berlin',
    });
    expect(getStats).toHaveBeenLastCalledWith(expect.anything(), { tz: 'Europe/Berlin' });
    // Every day of the series is a link (keyboard-reachable), and the tallest bar fills the plot.
    expect(screen.getAllByRole('link', { name: /Show the tickets created that day/ })).toHaveLength(30);
  });

  it('gives the chart as a table on request, with the same numbers and links', async () => {
    const { user } = show('/dashboard?tz=UTC');
    const toggle = await screen.findByRole('button', { name: 'Show as table' });
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    await user.click(toggle);

    expect(screen.getByRole('button', { name: 'Hide the table' })).toHaveAttribute('aria-expanded', 'true');
    const table = screen.getByRole('table', { name: /Created and resolved per day/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(30);
    const june12 = within(table).getByRole('row', { name: /Friday 12 June 2026/ });
    expect(within(june12).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['5', '3']);
    expect(within(june12).getByRole('link')).toHaveAttribute('href', '/?created_from=2026-06-12&created_to=2026-06-12');
  });

  it('says what each median measures one click away', async () => {
    const { user } = show('/dashboard?tz=UTC');

    expect((await screen.findByText('Median first response')).nextElementSibling).toHaveTextContent('1 h 30 min');
    expect(screen.getByText('Median resolution time').nextElementSibling).toHaveTextContent('2 d 3 h');
    const [firstResponse] = screen.getAllByText('What is measured?');
    expect(screen.getByText(/first public reply an agent wrote/)).not.toBeVisible();
    await user.click(firstResponse);
    expect(screen.getByText(/first public reply an agent wrote/)).toBeVisible();
  });

  it('explains what "kept" means and links to the tickets the AI got overridden on', async () => {
    show('/dashboard?tz=UTC');

    expect((await screen.findByText('Category kept')).nextElementSibling).toHaveTextContent('82%');
    expect(screen.getByText(/Only an agent.s change counts as an override/)).toBeInTheDocument();
    expect(hrefOf(/labels differ from the AI/).search).toBe('?ai_overridden=any');
    expect(hrefOf('Priority differs').search).toBe('?ai_overridden=priority');
  });

  it('remembers the chosen time zone in the URL and on this browser', async () => {
    const first = show('/dashboard');
    await screen.findByRole('list', { name: 'Tickets by status' });
    // Without a choice: the browser's own zone, written into the URL.
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(new URLSearchParams(window.location.search).get('tz')).toBe(browserZone);

    await first.user.selectOptions(screen.getByLabelText('Team time zone'), 'Asia/Tokyo');

    expect(new URLSearchParams(window.location.search).get('tz')).toBe('Asia/Tokyo');
    expect(window.localStorage.getItem(TZ_STORAGE_KEY)).toBe('Asia/Tokyo');
    await waitFor(() => expect(getStats).toHaveBeenLastCalledWith(expect.anything(), { tz: 'Asia/Tokyo' }));
    first.unmount();

    // Back later without ?tz=: the saved zone; an unknown zone in the URL is ignored.
    show('/dashboard?tz=Mars%2FOlympus');
    await waitFor(() => expect(getStats).toHaveBeenLastCalledWith(expect.anything(), { tz: 'Asia/Tokyo' }));
    expect(screen.getByLabelText('Team time zone')).toHaveValue('Asia/Tokyo');
    expect(new URLSearchParams(window.location.search).get('tz')).toBe('Asia/Tokyo');
    expect(screen.getByRole('link', { name: /^Friday 12 June/ })).toHaveAttribute(
      'href',
      '/?created_from=2026-06-12&created_to=2026-06-12&tz=Asia%2FTokyo',
    );
  });
});
