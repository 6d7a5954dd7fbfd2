import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANA, makeComment, makeEvent, makeTicketDetail, pageOf } from '../../../test/workspace-factories';
import { api, renderTicketPage } from './renderTicketPage';

vi.mock('../../../api/ticket-detail');
vi.mock('../../../api/comments');
vi.mock('../../../api/events');
vi.mock('../../../api/agents');

afterEach(() => {
  vi.useRealTimers();
});

describe('TicketPage: other people’s changes arrive while the page is open', () => {
  it('picks up a customer reply within half a minute and announces it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const ticket = makeTicketDetail({ version: 3, status: 'resolved' });
    const answer = makeComment({ id: 90, author: ANA, body: 'It happened again.' });
    renderTicketPage({
      ticket,
      newerEvents: [makeEvent({ kind: 'commented', actor: ANA, version: 4, comment_id: 90, changes: { status: ['resolved', 'open'] } })],
    });
    expect(await screen.findByLabelText('Status')).toHaveValue('resolved');
    api.getTicket.mockResolvedValue({ ...ticket, status: 'open', version: 4 });
    api.listComments.mockResolvedValue(pageOf([answer]));

    await act(() => vi.advanceTimersByTimeAsync(30_000));

    expect(await screen.findByRole('article', { name: /Ana Lima/ })).toHaveTextContent('It happened again.');
    expect(screen.getByText('Ana Lima replied and reopened the ticket')).toBeInTheDocument();
    expect(screen.getByText('New message from Ana Lima.')).toBeInTheDocument();
    expect(screen.getByLabelText('Status')).toHaveValue('open');
    expect(api.listEvents).toHaveBeenLastCalledWith(42, { sinceVersion: 3, page: 1 });
  });

  it('asks only for the ticket when nothing changed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderTicketPage({ ticket: makeTicketDetail({ version: 3 }) });
    await screen.findByRole('list', { name: 'Conversation and history' });
    const eventCalls = api.listEvents.mock.calls.length;

    await act(() => vi.advanceTimersByTimeAsync(30_000));

    expect(api.getTicket).toHaveBeenCalledTimes(2);
    expect(api.listEvents).toHaveBeenCalledTimes(eventCalls);
  });
});
