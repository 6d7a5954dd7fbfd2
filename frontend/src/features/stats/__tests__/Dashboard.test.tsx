import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import * as api from '../../../api/tickets';
import { ApiError } from '../../../api/client';
import { makeStats } from '../../../test/factories';
import { Dashboard } from '../Dashboard';

vi.mock('../../../api/tickets');

const getStats = vi.mocked(api.getStats);

function term(name: string) {
  return screen.getByText(name, { selector: 'dt' }).nextElementSibling;
}

describe('Dashboard', () => {
  it('shows the totals', async () => {
    getStats.mockResolvedValue(makeStats());
    render(<Dashboard />);

    await screen.findByText('Total tickets');
    expect(term('Total tickets')).toHaveTextContent('124');
    expect(term('Open')).toHaveTextContent('67');
    expect(term('Average per day')).toHaveTextContent('8.3');
  });

  it('draws the priority and category breakdowns as bars sized by count', async () => {
    getStats.mockResolvedValue(makeStats());
    render(<Dashboard />);

    const priority = await screen.findByRole('list', { name: 'Tickets by priority' });
    const rows = within(priority).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      'Low30 · 24%',
      'Medium52 · 42%',
      'High31 · 25%',
      'Critical11 · 9%',
    ]);
    // The largest value fills the track; the others are in proportion.
    expect(screen.getByTestId('bar-medium')).toHaveStyle({ width: '100%' });
    expect(screen.getByTestId('bar-critical').style.width).toBe(`${(11 / 52) * 100}%`);

    const category = screen.getByRole('list', { name: 'Tickets by category' });
    expect(within(category).getByText('Technical')).toBeInTheDocument();
    expect(within(category).getByText('55')).toBeInTheDocument();
    expect(screen.getByTestId('bar-technical')).toHaveStyle({ width: '100%' });
  });

  it('draws empty bars when there are no tickets', async () => {
    getStats.mockResolvedValue(
      makeStats({
        total_tickets: 0,
        open_tickets: 0,
        avg_tickets_per_day: 0,
        priority_breakdown: { low: 0, medium: 0, high: 0, critical: 0 },
        category_breakdown: { billing: 0, technical: 0, account: 0, general: 0 },
      }),
    );
    render(<Dashboard />);
    await screen.findByText('Total tickets');
    expect(screen.getByTestId('bar-high')).toHaveStyle({ width: '0%' });
  });

  it('shows how often AI suggestions were kept, when the server reports it', async () => {
    getStats.mockResolvedValue(makeStats({ ai: { suggested: 80, category_kept: 0.875, priority_kept: 0.6 } }));
    render(<Dashboard />);

    const ai = await screen.findByRole('region', { name: /AI suggestions kept/ });
    expect(within(ai).getByText('Category').nextElementSibling).toHaveTextContent('88%');
    expect(within(ai).getByText('Priority').nextElementSibling).toHaveTextContent('60%');
    expect(ai).toHaveTextContent('of 80 tickets with a suggestion');
  });

  it('handles no AI suggestions yet and no AI block at all', async () => {
    getStats.mockResolvedValueOnce(makeStats({ ai: { suggested: 0, category_kept: null, priority_kept: null } }));
    const { rerender } = render(<Dashboard refreshKey={0} />);
    expect(await screen.findByText('No AI suggestions yet.')).toBeInTheDocument();

    getStats.mockResolvedValueOnce(makeStats());
    rerender(<Dashboard refreshKey={1} />);
    await waitFor(() => expect(screen.queryByText(/AI suggestions kept/)).not.toBeInTheDocument());
  });

  it('reloads when asked to refresh', async () => {
    getStats.mockResolvedValueOnce(makeStats({ total_tickets: 124 }));
    const { rerender } = render(<Dashboard refreshKey={0} />);
    await waitFor(() => expect(term('Total tickets')).toHaveTextContent('124'));

    getStats.mockResolvedValueOnce(makeStats({ total_tickets: 125 }));
    rerender(<Dashboard refreshKey={1} />);

    await waitFor(() => expect(term('Total tickets')).toHaveTextContent('125'));
    expect(getStats).toHaveBeenCalledTimes(2);
  });

  it('shows an error with a retry', async () => {
    getStats.mockRejectedValueOnce(new ApiError('The server had a problem. Please try again.', { status: 500 }));
    getStats.mockResolvedValueOnce(makeStats());
    const user = userEvent.setup();
    render(<Dashboard />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load statistics.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Total tickets')).toBeInTheDocument();
  });
});
