import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import * as api from '../api/tickets';
import { App } from '../App';
import { makeClassification, makePage, makeStats, makeTicket } from '../test/factories';

vi.mock('../api/tickets');

describe('App', () => {
  it('shows a new ticket at the top of the list and refreshes the dashboard', async () => {
    const older = makeTicket({ title: 'Older ticket' });
    const created = makeTicket({ id: 900, title: 'Export fails', category: 'technical', priority: 'high' });
    vi.mocked(api.listTickets).mockResolvedValue(makePage([older]));
    vi.mocked(api.getStats).mockResolvedValue(makeStats({ total_tickets: 1 }));
    vi.mocked(api.classifyTicket).mockResolvedValue(makeClassification({ suggested_category: 'technical' }));
    vi.mocked(api.createTicket).mockResolvedValue(created);
    const user = userEvent.setup();
    render(<App />);

    await screen.findByRole('article', { name: 'Older ticket' });
    await waitFor(() => expect(api.getStats).toHaveBeenCalledTimes(1));

    const form = screen.getByRole('form', { name: 'New ticket' });
    await user.type(within(form).getByLabelText('Title'), 'Export fails');
    await user.type(within(form).getByLabelText('Description'), 'CSV export times out every time');
    vi.mocked(api.listTickets).mockResolvedValue(makePage([created, older]));
    vi.mocked(api.getStats).mockResolvedValue(makeStats({ total_tickets: 2 }));
    await user.click(within(form).getByRole('button', { name: /submit ticket/i }));

    const list = screen.getByRole('list', { name: 'Tickets' });
    await waitFor(() => expect(within(list).getAllByRole('article')[0]).toHaveAccessibleName('Export fails'));
    expect(within(within(list).getAllByRole('article')[0]).getByText('New')).toBeInTheDocument();
    await waitFor(() => expect(api.getStats).toHaveBeenCalledTimes(2));
  });

  it('refreshes the dashboard after an inline edit', async () => {
    const ticket = makeTicket({ title: 'Slow page', status: 'open' });
    vi.mocked(api.listTickets).mockResolvedValue(makePage([ticket]));
    vi.mocked(api.getStats).mockResolvedValue(makeStats());
    vi.mocked(api.updateTicket).mockResolvedValue({ ...ticket, status: 'in_progress' });
    const user = userEvent.setup();
    render(<App />);

    const card = await screen.findByRole('article', { name: 'Slow page' });
    await waitFor(() => expect(api.getStats).toHaveBeenCalledTimes(1));
    await user.selectOptions(within(card).getByRole('combobox', { name: 'Status' }), 'in_progress');

    await waitFor(() => expect(api.getStats).toHaveBeenCalledTimes(2));
  });

  it('reloads the list and the numbers on Refresh', async () => {
    vi.mocked(api.listTickets).mockResolvedValue(makePage([makeTicket({ title: 'First' })]));
    vi.mocked(api.getStats).mockResolvedValue(makeStats());
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('article', { name: 'First' });
    await waitFor(() => expect(api.getStats).toHaveBeenCalledTimes(1));
    vi.mocked(api.listTickets).mockResolvedValue(makePage([makeTicket({ title: 'Second' })]));

    await user.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByRole('article', { name: 'Second' })).toBeInTheDocument();
    expect(api.getStats).toHaveBeenCalledTimes(2);
  });

  it('has one main landmark, a page heading and a skip link', async () => {
    vi.mocked(api.listTickets).mockResolvedValue(makePage([]));
    vi.mocked(api.getStats).mockResolvedValue(makeStats());
    render(<App />);
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Support Desk' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Skip to tickets' })).toHaveAttribute('href', '#tickets');
    await screen.findByText('No tickets yet.');
  });
});
