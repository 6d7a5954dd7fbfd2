import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client';
import { makeComment, makeEvent, makeTicketDetail, PRIYA } from '../../../test/workspace-factories';
import { api, renderTicketPage } from './renderTicketPage';

vi.mock('../../../api/ticket-detail');
vi.mock('../../../api/comments');
vi.mock('../../../api/events');
vi.mock('../../../api/agents');

function replyForm() {
  return screen.getByRole('form', { name: 'Write a reply or an internal note' });
}

describe('ReplyBox: reply to the customer or write an internal note', () => {
  it('starts as a reply to the customer', async () => {
    renderTicketPage({ ticket: makeTicketDetail() });

    expect(await screen.findByRole('radio', { name: 'Reply to customer' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Internal note' })).not.toBeChecked();
    expect(replyForm()).toHaveAttribute('data-mode', 'public');
    expect(screen.getByLabelText('Reply to Ana Lima')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send reply' })).toBeInTheDocument();
    expect(screen.getByText(/The customer sees this reply/)).toBeInTheDocument();
  });

  it('turns into an internal note: another look, label, hint and button; the text stays', async () => {
    const user = userEvent.setup();
    renderTicketPage({ ticket: makeTicketDetail() });
    await user.type(await screen.findByLabelText('Reply to Ana Lima'), 'Checked the payment logs');

    await user.click(screen.getByRole('radio', { name: 'Internal note' }));

    expect(replyForm()).toHaveAttribute('data-mode', 'internal');
    expect(screen.getByLabelText('Internal note (only agents see it)')).toHaveValue('Checked the payment logs');
    expect(screen.getByRole('button', { name: 'Add internal note' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send reply' })).not.toBeInTheDocument();
    expect(screen.getByText(/Only agents see internal notes/)).toBeInTheDocument();
  });

  it('is switched with the arrow keys like any radio group', async () => {
    const user = userEvent.setup();
    renderTicketPage({ ticket: makeTicketDetail() });
    await user.click(await screen.findByRole('radio', { name: 'Reply to customer' }));

    await user.keyboard('{ArrowRight}');

    expect(screen.getByRole('radio', { name: 'Internal note' })).toBeChecked();
    expect(replyForm()).toHaveAttribute('data-mode', 'internal');
  });

  it('sends a note with Ctrl+Enter, keeps focus in the box, announces it and reads the ticket again', async () => {
    const user = userEvent.setup();
    const ticket = makeTicketDetail({ version: 3 });
    const note = makeComment({ id: 77, visibility: 'internal', author: PRIYA, body: 'Refund issued in Stripe' });
    renderTicketPage({
      ticket,
      newerEvents: [makeEvent({ kind: 'commented', version: 4, comment_id: 77 })],
    });
    api.createComment.mockResolvedValue(note);
    await user.click(await screen.findByRole('radio', { name: 'Internal note' }));
    const box = screen.getByLabelText('Internal note (only agents see it)');
    await user.type(box, 'Refund issued in Stripe');
    api.getTicket.mockResolvedValue({ ...ticket, version: 4 });

    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(api.createComment).toHaveBeenCalledWith(42, 'Refund issued in Stripe', 'internal');
    expect(await screen.findByText('Internal note added.')).toBeInTheDocument();
    expect(box).toHaveValue('');
    expect(box).toHaveFocus();
    const timeline = screen.getByRole('list', { name: 'Conversation and history' });
    expect(within(timeline).getByRole('article', { name: /Priya Raman.*Internal note/ })).toHaveTextContent('Refund issued in Stripe');
    await waitFor(() => expect(api.getTicket).toHaveBeenCalledTimes(2));
    expect(api.listEvents).toHaveBeenCalledWith(42, { sinceVersion: 3, page: 1 });
    // the choice stays: a second note must not go out to the customer by mistake
    expect(screen.getByRole('radio', { name: 'Internal note' })).toBeChecked();
  });

  it('sends a public reply with the button', async () => {
    const user = userEvent.setup();
    renderTicketPage({ ticket: makeTicketDetail() });
    api.createComment.mockResolvedValue(makeComment({ body: 'Refunded.' }));

    await user.type(await screen.findByLabelText('Reply to Ana Lima'), '  Refunded.  ');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));

    expect(api.createComment).toHaveBeenCalledWith(42, 'Refunded.', 'public');
    expect(await screen.findByText('Reply sent to the customer.')).toBeInTheDocument();
  });

  it('refuses an empty message without a request', async () => {
    const user = userEvent.setup();
    renderTicketPage({ ticket: makeTicketDetail() });

    await user.click(await screen.findByRole('button', { name: 'Send reply' }));

    expect(await screen.findByText('Write the reply first.')).toBeInTheDocument();
    expect(screen.getByLabelText('Reply to Ana Lima')).toHaveFocus();
    expect(api.createComment).not.toHaveBeenCalled();
  });

  it('keeps the text when sending fails', async () => {
    const user = userEvent.setup();
    renderTicketPage({ ticket: makeTicketDetail() });
    api.createComment.mockRejectedValue(new ApiError('Could not reach the server.', { status: null }));

    await user.type(await screen.findByLabelText('Reply to Ana Lima'), 'An important answer');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Not sent: Could not reach the server. Your text is still here.');
    expect(screen.getByLabelText('Reply to Ana Lima')).toHaveValue('An important answer');
  });
});
