import { act, render as renderBare, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { BrowserRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import * as api from '../../../api/tickets';
import { ApiError } from '../../../api/client';
import type { Ticket } from '../../../api/types';
import { deferred, makePage, makeTicket } from '../../../test/factories';
import { TicketBrowser } from '../TicketBrowser';

vi.mock('../../../api/tickets');

/** The filters live in the URL, which the router owns. */
function render(ui: ReactElement) {
  return renderBare(ui, { wrapper: BrowserRouter });
}

const list = vi.mocked(api.listTickets);
const update = vi.mocked(api.updateTicket);

function lastListCall() {
  return list.mock.calls[list.mock.calls.length - 1][0];
}

function card(title: string) {
  return screen.getByRole('article', { name: title });
}

describe('TicketBrowser: list and filters', () => {
  it('shows tickets as cards with category, priority and status badges', async () => {
    list.mockResolvedValue(
      makePage([
        makeTicket({ title: 'Refund not received', category: 'billing', priority: 'high', status: 'in_progress' }),
        makeTicket({ title: 'Password reset', category: 'account', priority: 'low', status: 'open' }),
      ]),
    );
    render(<TicketBrowser />);

    const refund = await screen.findByRole('article', { name: 'Refund not received' });
    expect(within(refund).getByText('Billing', { selector: '[data-kind="category"]' })).toBeInTheDocument();
    expect(within(refund).getByText('High', { selector: '[data-kind="priority"]' })).toBeInTheDocument();
    expect(within(refund).getByText('In progress', { selector: '[data-kind="status"]' })).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(screen.getByText('2 tickets')).toBeInTheDocument();
    expect(list).toHaveBeenCalledWith(
      { category: '', priority: '', status: '', search: '', page: 1, page_size: 20 },
      expect.any(AbortSignal),
    );
  });

  it('reads the filters from the URL', async () => {
    window.history.replaceState(null, '', '/?category=billing&status=open&search=refund&page=2');
    list.mockResolvedValue(makePage([makeTicket()], { count: 25, previous: '/api/tickets/' }));
    render(<TicketBrowser />);

    await screen.findByRole('article');
    const filters = screen.getByRole('search', { name: 'Filter tickets' });
    expect(within(filters).getByLabelText('Category')).toHaveValue('billing');
    expect(within(filters).getByLabelText('Status')).toHaveValue('open');
    expect(within(filters).getByLabelText('Priority')).toHaveValue('');
    expect(within(filters).getByLabelText('Search')).toHaveValue('refund');
    expect(lastListCall()).toMatchObject({ category: 'billing', status: 'open', search: 'refund', page: 2 });
  });

  it('ignores unknown filter values in the URL', async () => {
    window.history.replaceState(null, '', '/?category=bogus&priority=high');
    list.mockResolvedValue(makePage([]));
    render(<TicketBrowser />);
    await waitFor(() => expect(list).toHaveBeenCalled());
    expect(lastListCall()).toMatchObject({ category: '', priority: 'high' });
  });

  it('updates the URL and the request when a filter changes', async () => {
    window.history.replaceState(null, '', '/?page=3');
    list.mockResolvedValue(makePage([makeTicket()]));
    const user = userEvent.setup();
    render(<TicketBrowser />);
    await screen.findByRole('article');

    const filters = screen.getByRole('search', { name: 'Filter tickets' });
    await user.selectOptions(within(filters).getByLabelText('Priority'), 'critical');

    expect(new URLSearchParams(window.location.search).get('priority')).toBe('critical');
    // A new filter starts from the first page.
    expect(new URLSearchParams(window.location.search).get('page')).toBeNull();
    await waitFor(() => expect(lastListCall()).toMatchObject({ priority: 'critical', page: 1 }));

    await user.selectOptions(within(filters).getByLabelText('Priority'), 'All');
    expect(window.location.search).toBe('');
  });

  it('searches as the user types, debounced, and keeps the search in the URL', async () => {
    list.mockResolvedValue(makePage([makeTicket()]));
    const user = userEvent.setup();
    render(<TicketBrowser />);
    await screen.findByRole('article');
    const callsBefore = list.mock.calls.length;

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'billi');

    await waitFor(() => expect(new URLSearchParams(window.location.search).get('search')).toBe('billi'));
    await waitFor(() => expect(lastListCall()).toMatchObject({ search: 'billi' }));
    // One request for the whole word, not one per keystroke.
    expect(list.mock.calls.length - callsBefore).toBe(1);
  });

  it('follows the back button', async () => {
    list.mockResolvedValue(makePage([makeTicket()]));
    const user = userEvent.setup();
    render(<TicketBrowser />);
    await screen.findByRole('article');
    const filters = screen.getByRole('search', { name: 'Filter tickets' });
    await user.selectOptions(within(filters).getByLabelText('Status'), 'resolved');
    expect(window.location.search).toBe('?status=resolved');

    act(() => {
      window.history.replaceState(null, '', '/');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });

    await waitFor(() => expect(within(filters).getByLabelText('Status')).toHaveValue(''));
    await waitFor(() => expect(lastListCall()).toMatchObject({ status: '' }));
  });

  it('shows an empty state that offers to clear the filters', async () => {
    window.history.replaceState(null, '', '/?status=closed');
    list.mockResolvedValue(makePage([]));
    const user = userEvent.setup();
    render(<TicketBrowser />);

    expect(await screen.findByText('No tickets match these filters.')).toBeInTheDocument();
    list.mockResolvedValue(makePage([makeTicket({ title: 'Back again' })]));
    const buttons = screen.getAllByRole('button', { name: 'Clear filters' });
    await user.click(buttons[buttons.length - 1]);

    expect(window.location.search).toBe('');
    expect(await screen.findByRole('article', { name: 'Back again' })).toBeInTheDocument();
  });

  it('shows an empty state when there are no tickets at all', async () => {
    list.mockResolvedValue(makePage([]));
    render(<TicketBrowser />);
    expect(await screen.findByText('No tickets yet.')).toBeInTheDocument();
  });

  it('shows a loading state, then an error with a retry', async () => {
    const pending = deferred<never>();
    list.mockReturnValueOnce(pending.promise);
    const user = userEvent.setup();
    render(<TicketBrowser />);
    expect(screen.getByText('Loading tickets…')).toBeInTheDocument();

    list.mockResolvedValue(makePage([makeTicket({ title: 'Recovered' })]));
    pending.reject(new ApiError('The server had a problem. Please try again.', { status: 503 }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load tickets.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: 'Recovered' })).toBeInTheDocument();
  });

  it('renders a hostile title and description as plain text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    list.mockResolvedValue(makePage([makeTicket({ title: hostile, description: '<script>alert(2)</script>' })]));
    const { container } = render(<TicketBrowser />);

    expect(await screen.findByRole('heading', { name: hostile })).toBeInTheDocument();
    expect(screen.getByText('<script>alert(2)</script>')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
  });

  it('pages through results with Previous and Next', async () => {
    list.mockResolvedValue(makePage([makeTicket()], { count: 45, next: '/api/tickets/?page=2' }));
    const user = userEvent.setup();
    render(<TicketBrowser />);
    const nav = await screen.findByRole('navigation', { name: 'Pagination' });
    expect(nav).toHaveTextContent('Page 1 of 3');
    expect(within(nav).getByRole('button', { name: /Previous/ })).toBeDisabled();

    await user.click(within(nav).getByRole('button', { name: /Next/ }));

    expect(new URLSearchParams(window.location.search).get('page')).toBe('2');
    await waitFor(() => expect(lastListCall()).toMatchObject({ page: 2 }));
  });

  it('says when the count is an estimate', async () => {
    list.mockResolvedValue(makePage([makeTicket()], { count: 120000, count_is_estimate: true, next: 'x' }));
    render(<TicketBrowser />);
    expect(await screen.findByText(/About 120,000 tickets/)).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Pagination' })).toHaveTextContent('Page 1 of about 6000');
  });

  it('goes back to the first page when the page is past the end', async () => {
    window.history.replaceState(null, '', '/?page=9');
    list.mockImplementation(async (filters) => {
      if (filters.page === 9) throw new ApiError('Invalid page.', { status: 404 });
      return makePage([makeTicket({ title: 'First page' })]);
    });
    render(<TicketBrowser />);
    expect(await screen.findByRole('article', { name: 'First page' })).toBeInTheDocument();
    expect(window.location.search).toBe('');
  });

  it('shows a just-created ticket at the top, highlighted', async () => {
    const created = makeTicket({ title: 'Brand new' });
    list.mockResolvedValue(makePage([makeTicket({ title: 'Older' })]));
    render(<TicketBrowser created={created} />);

    await screen.findByRole('article', { name: 'Older' });
    const articles = screen.getAllByRole('article');
    expect(articles[0]).toHaveAccessibleName('Brand new');
    expect(within(articles[0]).getByText('New')).toBeInTheDocument();
  });
});

describe('TicketBrowser: inline triage', () => {
  function openTicket(): Ticket {
    return makeTicket({ id: 5, title: 'Printer on fire', status: 'open', priority: 'medium' });
  }

  it('changes status optimistically and keeps it when the server agrees', async () => {
    const ticket = openTicket();
    list.mockResolvedValue(makePage([ticket, makeTicket({ title: 'Other' })]));
    const pending = deferred<Ticket>();
    update.mockReturnValue(pending.promise);
    const onChanged = vi.fn();
    const user = userEvent.setup();
    render(<TicketBrowser onChanged={onChanged} />);

    const printer = await screen.findByRole('article', { name: 'Printer on fire' });
    await user.selectOptions(within(printer).getByRole('combobox', { name: 'Status' }), 'resolved');

    // Before the server answers.
    expect(within(printer).getByRole('combobox', { name: 'Status' })).toHaveValue('resolved');
    expect(within(printer).getByText('Resolved', { selector: '[data-kind="status"]' })).toBeInTheDocument();
    expect(update).toHaveBeenCalledWith(5, { status: 'resolved' });
    // Other cards are untouched.
    expect(within(card('Other')).getByRole('combobox', { name: 'Status' })).toHaveValue('open');

    pending.resolve({ ...ticket, status: 'resolved', updated_at: '2026-11-21T00:00:00Z' });
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(within(printer).getByRole('combobox', { name: 'Status' })).toHaveValue('resolved');
    expect(within(printer).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('rolls back and says why when the server refuses', async () => {
    list.mockResolvedValue(makePage([openTicket()]));
    update.mockRejectedValue(new ApiError('Invalid input.', { status: 400, fieldErrors: { priority: ['Not allowed.'] } }));
    const onChanged = vi.fn();
    const user = userEvent.setup();
    render(<TicketBrowser onChanged={onChanged} />);

    const printer = await screen.findByRole('article', { name: 'Printer on fire' });
    await user.selectOptions(within(printer).getByRole('combobox', { name: 'Priority' }), 'critical');

    const alert = await within(printer).findByRole('alert');
    expect(alert).toHaveTextContent('Could not change priority to Critical');
    expect(alert).toHaveTextContent('It is back to Medium.');
    expect(within(printer).getByRole('combobox', { name: 'Priority' })).toHaveValue('medium');
    expect(within(printer).getByText('Medium', { selector: '[data-kind="priority"]' })).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();

    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(within(printer).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('sends one change at a time and ends with the last choice', async () => {
    const ticket = openTicket();
    list.mockResolvedValue(makePage([ticket]));
    const first = deferred<Ticket>();
    update.mockReturnValueOnce(first.promise);
    update.mockResolvedValueOnce({ ...ticket, status: 'closed' });
    const user = userEvent.setup();
    render(<TicketBrowser />);

    const printer = await screen.findByRole('article', { name: 'Printer on fire' });
    const status = within(printer).getByRole('combobox', { name: 'Status' });
    await user.selectOptions(status, 'in_progress');
    await user.selectOptions(status, 'resolved');
    await user.selectOptions(status, 'closed');
    expect(status).toHaveValue('closed');
    expect(update).toHaveBeenCalledTimes(1);

    first.resolve({ ...ticket, status: 'in_progress' });

    await waitFor(() => expect(update).toHaveBeenCalledTimes(2));
    expect(update).toHaveBeenLastCalledWith(5, { status: 'closed' });
    await waitFor(() => expect(within(printer).getByText('Closed', { selector: '[data-kind="status"]' })).toBeInTheDocument());
    expect(status).toHaveValue('closed');
  });

  it('rolls back on a network failure too', async () => {
    list.mockResolvedValue(makePage([openTicket()]));
    update.mockRejectedValue(new ApiError('Could not reach the server. Check your connection and try again.'));
    const user = userEvent.setup();
    render(<TicketBrowser />);

    const printer = await screen.findByRole('article', { name: 'Printer on fire' });
    await user.selectOptions(within(printer).getByRole('combobox', { name: 'Status' }), 'closed');

    expect(await within(printer).findByRole('alert')).toHaveTextContent('Could not reach the server');
    expect(within(printer).getByRole('combobox', { name: 'Status' })).toHaveValue('open');
  });
});
