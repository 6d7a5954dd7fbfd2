import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client';
import { makeEvent, makeTicketDetail, SAM } from '../../../test/workspace-factories';
import { api, renderTicketPage } from './renderTicketPage';

vi.mock('../../../api/ticket-detail');
vi.mock('../../../api/comments');
vi.mock('../../../api/events');
vi.mock('../../../api/agents');

const PRECONDITION_FAILED = new ApiError('The ticket changed since version 3.', { status: 412 });

describe('TicketPage: a change made meanwhile by someone else (412)', () => {
  it('reloads, says who changed what, keeps the reply being typed, and re-applies on request', async () => {
    const user = userEvent.setup();
    const mine = makeTicketDetail({ version: 3, status: 'open', priority: 'medium' });
    const theirs = { ...mine, version: 4, status: 'in_progress' as const };
    renderTicketPage({
      ticket: mine,
      newerEvents: [makeEvent({ version: 4, actor: SAM, changes: { status: ['open', 'in_progress'] } })],
    });
    // given: a reply half written
    await user.type(await screen.findByLabelText('Reply to Ana Lima'), 'Half of my answer');
    // when: the priority change is refused because Sam changed the status first
    api.patchTicket.mockRejectedValueOnce(PRECONDITION_FAILED);
    api.getTicket.mockResolvedValue(theirs);
    await user.selectOptions(screen.getByLabelText('Priority'), 'critical');

    // then: the notice says who changed what, and what became of the agent's change
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('Sam Okafor changed status from Open to In progress while you were editing.');
    expect(notice).toHaveTextContent('Your change of priority to Critical was not saved; it is now Medium.');
    expect(api.listEvents).toHaveBeenCalledWith(42, { sinceVersion: 3, page: 1 });
    // the page shows the new state, and what was being typed is still there
    expect(screen.getByLabelText('Status')).toHaveValue('in_progress');
    expect(screen.getByLabelText('Priority')).toHaveValue('medium');
    expect(screen.getByLabelText('Reply to Ana Lima')).toHaveValue('Half of my answer');

    // when: the agent applies the change again, it goes with the new version
    api.patchTicket.mockResolvedValueOnce({ ...theirs, priority: 'critical', version: 5 });
    await user.click(screen.getByRole('button', { name: 'Change priority to Critical again' }));

    expect(api.patchTicket).toHaveBeenLastCalledWith(42, { priority: 'critical' }, 4);
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Priority')).toHaveValue('critical');
    expect(screen.getByLabelText('Priority')).toHaveFocus();
  });

  it('offers nothing to re-apply when the other change already did it', async () => {
    const user = userEvent.setup();
    const mine = makeTicketDetail({ version: 3, priority: 'medium' });
    renderTicketPage({
      ticket: mine,
      newerEvents: [makeEvent({ version: 4, actor: SAM, changes: { priority: ['medium', 'high'] } })],
    });
    api.patchTicket.mockRejectedValueOnce(PRECONDITION_FAILED);
    api.getTicket.mockResolvedValue({ ...mine, priority: 'high', version: 4 });

    await user.selectOptions(await screen.findByLabelText('Priority'), 'high');

    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('Sam Okafor changed priority from Medium to High while you were editing.');
    expect(notice).toHaveTextContent('Priority is already High.');
    expect(screen.queryByRole('button', { name: /again/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps an unsaved title and description edit in the editor, beside the current version', async () => {
    const user = userEvent.setup();
    const mine = makeTicketDetail({ version: 3, title: 'Charged twice' });
    const theirs = { ...mine, version: 4, title: 'Double charge in March' };
    renderTicketPage({
      ticket: mine,
      newerEvents: [makeEvent({ version: 4, actor: SAM, changes: { title: ['Charged twice', 'Double charge in March'] } })],
    });
    await user.click(await screen.findByRole('button', { name: 'Edit title and description' }));
    const title = screen.getByLabelText('Title');
    expect(title).toHaveFocus();
    await user.clear(title);
    await user.type(title, 'Refund the second March charge');
    api.patchTicket.mockRejectedValueOnce(PRECONDITION_FAILED);
    api.getTicket.mockResolvedValue(theirs);

    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('Sam Okafor renamed the ticket to “Double charge in March” while you were editing.');
    expect(notice).toHaveTextContent('Your edit of the title was not saved. Your text is still in the editor');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Double charge in March');
    expect(screen.getByLabelText('Title')).toHaveValue('Refund the second March charge');
    expect(screen.getByText('The current version (changed meanwhile)')).toBeInTheDocument();

    // saving again sends the draft with the version the page now has
    api.patchTicket.mockResolvedValueOnce({ ...theirs, title: 'Refund the second March charge', version: 5 });
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(api.patchTicket).toHaveBeenLastCalledWith(42, { title: 'Refund the second March charge' }, 4);
    await waitFor(() => expect(screen.queryByLabelText('Title')).not.toBeInTheDocument());
    expect(screen.getByText('Saved')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Refund the second March charge');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit title and description' })).toHaveFocus());
  });

  it('still explains the refusal when the history cannot be read', async () => {
    const user = userEvent.setup();
    const mine = makeTicketDetail({ version: 3 });
    renderTicketPage({ ticket: mine });
    await screen.findByRole('list', { name: 'Conversation and history' });
    api.listEvents.mockRejectedValue(new ApiError('The server had a problem.', { status: 500 }));
    api.patchTicket.mockRejectedValueOnce(PRECONDITION_FAILED);
    api.getTicket.mockResolvedValue({ ...mine, version: 4, category: 'account' });

    await user.selectOptions(screen.getByLabelText('Category'), 'technical');

    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('Someone changed this ticket while you were editing.');
    expect(notice).toHaveTextContent('Your change of category to Technical was not saved; it is now Account.');
  });
});
