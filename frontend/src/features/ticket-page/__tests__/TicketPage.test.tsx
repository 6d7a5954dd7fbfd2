import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client';
import { ANA, makeComment, makeEvent, makeTicketDetail, PRIYA, SAM } from '../../../test/workspace-factories';
import { api, renderTicketPage } from './renderTicketPage';

vi.mock('../../../api/ticket-detail');
vi.mock('../../../api/comments');
vi.mock('../../../api/events');
vi.mock('../../../api/agents');

describe('TicketPage: the ticket', () => {
  it('shows the whole ticket: title, description with its line breaks, requester and AI suggestion', async () => {
    renderTicketPage({ ticket: makeTicketDetail() });

    expect(await screen.findByRole('heading', { level: 1, name: 'Charged twice for my subscription' })).toBeInTheDocument();
    const description = screen.getByText(/I was billed twice this month/);
    expect(description.textContent).toBe('Hello,\nI was billed twice this month.\n\nPlease refund one.');
    expect(screen.getByRole('link', { name: 'ana@example.com' })).toHaveAttribute('href', 'mailto:ana@example.com');

    const ai = screen.getByRole('region', { name: 'AI triage' });
    expect(ai).toHaveTextContent('AI suggested Billing · High');
    expect(ai).toHaveTextContent('local model, medium confidence (category 93%, priority 71%)');
    expect(ai).toHaveTextContent('Overridden: priority is now Medium.');
    expect(ai).not.toHaveTextContent('100%');
  });

  it('caps a certain-looking confidence at 99% and says when the suggestion was kept', async () => {
    const ticket = makeTicketDetail({
      priority: 'high',
      ai_suggestion: { category: 'billing', priority: 'high', category_confidence: 1, priority_confidence: 0.996, provider: 'openai', language: 'de' },
    });
    renderTicketPage({ ticket });

    const ai = await screen.findByRole('region', { name: 'AI triage' });
    expect(ai).toHaveTextContent('OpenAI, high confidence (category 99%, priority 99%) · written in German');
    expect(ai).toHaveTextContent('Kept as suggested.');
  });

  it('says when there is no such ticket', async () => {
    renderTicketPage({ ticket: makeTicketDetail(), ticketError: new ApiError('Not found.', { status: 404 }) });

    expect(await screen.findByRole('alert')).toHaveTextContent('There is no ticket #42.');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('asks a signed-out visitor to sign in', async () => {
    renderTicketPage({ ticket: makeTicketDetail(), ticketError: new ApiError('Sign in.', { status: 401 }) });

    expect(await screen.findByRole('alert')).toHaveTextContent('Sign in to see this ticket.');
    expect(screen.getByRole('link', { name: 'Go to the sign-in page' })).toHaveAttribute('href', '/');
  });

  it('offers to try again when loading failed', async () => {
    const user = userEvent.setup();
    renderTicketPage({ ticket: makeTicketDetail(), ticketError: new ApiError('The server had a problem.', { status: 503 }) });

    expect(await screen.findByRole('alert')).toHaveTextContent('Ticket #42 could not be loaded: The server had a problem.');
    api.getTicket.mockResolvedValue(makeTicketDetail());
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Charged twice for my subscription' })).toBeInTheDocument();
  });
});

describe('TicketPage: editing in place', () => {
  it('saves a new priority with If-Match and says "Saved"', async () => {
    const user = userEvent.setup();
    const ticket = makeTicketDetail({ version: 3 });
    renderTicketPage({ ticket, newerEvents: [makeEvent({ version: 4, changes: { priority: ['medium', 'critical'] } })] });
    api.patchTicket.mockResolvedValue({ ...ticket, priority: 'critical', version: 4 });

    await user.selectOptions(await screen.findByLabelText('Priority'), 'critical');

    expect(api.patchTicket).toHaveBeenCalledWith(42, { priority: 'critical' }, 3);
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(screen.getByLabelText('Priority')).toHaveValue('critical');
    expect(await screen.findByText('Priya Raman changed priority from Medium to Critical')).toBeInTheDocument();
  });

  it('rolls a refused change back and says why', async () => {
    const user = userEvent.setup();
    renderTicketPage({ ticket: makeTicketDetail() });
    api.patchTicket.mockRejectedValue(new ApiError('Status is not allowed.', { status: 400 }));

    await user.selectOptions(await screen.findByLabelText('Status'), 'closed');

    expect(await screen.findByRole('alert')).toHaveTextContent('Could not save status: Status is not allowed. It is back to Open.');
    expect(screen.getByLabelText('Status')).toHaveValue('open');
  });

  it('assigns the ticket to the signed-in agent in one click', async () => {
    const user = userEvent.setup();
    const ticket = makeTicketDetail({ assignee: { id: 2, name: 'Sam Okafor' } });
    renderTicketPage({ ticket });
    api.patchTicket.mockResolvedValue({ ...ticket, assignee: { id: 1, name: 'Priya Raman' }, version: 4 });

    expect(await screen.findByLabelText('Assignee')).toHaveValue('2');
    await user.click(await screen.findByRole('button', { name: 'Assign to me' }));

    expect(api.patchTicket).toHaveBeenCalledWith(42, { assignee: 1 }, 3);
    await waitFor(() => expect(screen.getByLabelText('Assignee')).toHaveValue('1'));
    expect(screen.queryByRole('button', { name: 'Assign to me' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Assignee')).toHaveFocus();
  });

  it('unassigns with "Unassigned"', async () => {
    const user = userEvent.setup();
    const ticket = makeTicketDetail({ assignee: { id: 2, name: 'Sam Okafor' } });
    renderTicketPage({ ticket });
    api.patchTicket.mockResolvedValue({ ...ticket, assignee: null, version: 4 });

    await user.selectOptions(await screen.findByLabelText('Assignee'), 'Unassigned');

    expect(api.patchTicket).toHaveBeenCalledWith(42, { assignee: null }, 3);
  });

  it('sends changes one after another, each with the version the previous one left', async () => {
    const user = userEvent.setup();
    const ticket = makeTicketDetail({ version: 3 });
    renderTicketPage({ ticket });
    api.patchTicket
      .mockResolvedValueOnce({ ...ticket, priority: 'high', version: 4 })
      .mockResolvedValueOnce({ ...ticket, priority: 'high', status: 'in_progress', version: 5 });

    await user.selectOptions(await screen.findByLabelText('Priority'), 'high');
    await user.selectOptions(screen.getByLabelText('Status'), 'in_progress');

    await waitFor(() => expect(api.patchTicket).toHaveBeenCalledTimes(2));
    expect(api.patchTicket.mock.calls[0]).toEqual([42, { priority: 'high' }, 3]);
    expect(api.patchTicket.mock.calls[1]).toEqual([42, { status: 'in_progress' }, 4]);
  });
});

describe('TicketPage: title and description', () => {
  it('sends only what changed, keeping line breaks, and says "Saved"', async () => {
    const user = userEvent.setup();
    const ticket = makeTicketDetail({ version: 3 });
    renderTicketPage({ ticket });
    await user.click(await screen.findByRole('button', { name: 'Edit title and description' }));
    const description = screen.getByLabelText('Description');
    await user.type(description, '{Enter}Order 1234.');
    api.patchTicket.mockResolvedValue({ ...ticket, description: `${ticket.description}\nOrder 1234.`, version: 4 });

    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(api.patchTicket).toHaveBeenCalledWith(42, { description: `${ticket.description}\nOrder 1234.` }, 3);
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(screen.getByText(/Order 1234/).textContent).toBe('Hello,\nI was billed twice this month.\n\nPlease refund one.\nOrder 1234.');
  });

  it('refuses an empty title before sending', async () => {
    const user = userEvent.setup();
    renderTicketPage({ ticket: makeTicketDetail() });
    await user.click(await screen.findByRole('button', { name: 'Edit title and description' }));

    await user.clear(screen.getByLabelText('Title'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(screen.getByText('Title is required.')).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
    expect(api.patchTicket).not.toHaveBeenCalled();
  });

  it('cancels without a request and gives focus back to the button', async () => {
    const user = userEvent.setup();
    renderTicketPage({ ticket: makeTicketDetail() });
    await user.click(await screen.findByRole('button', { name: 'Edit title and description' }));
    await user.type(screen.getByLabelText('Title'), ' draft');

    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByLabelText('Title')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit title and description' })).toHaveFocus());
    expect(api.patchTicket).not.toHaveBeenCalled();
  });
});

describe('TicketPage: conversation and history', () => {
  it('shows replies, internal notes and changes in one timeline, oldest first', async () => {
    const reply = makeComment({ id: 7, author: PRIYA, body: 'We refunded you.', created_at: '2026-11-20T10:05:00Z' });
    const note = makeComment({ id: 8, author: SAM, visibility: 'internal', body: 'Checked Stripe.', created_at: '2026-11-20T10:06:00Z' });
    const answer = makeComment({ id: 9, author: ANA, body: 'Still charged!', created_at: '2026-11-20T10:08:00Z' });
    const events = [
      makeEvent({ kind: 'created', actor: ANA, version: 1, at: '2026-11-20T10:00:00Z' }),
      makeEvent({ kind: 'commented', version: 2, comment_id: 7, at: '2026-11-20T10:05:00Z' }),
      makeEvent({ kind: 'commented', actor: SAM, version: 3, comment_id: 8, at: '2026-11-20T10:06:00Z' }),
      makeEvent({ version: 4, changes: { status: ['open', 'resolved'] }, at: '2026-11-20T10:07:00Z' }),
      makeEvent({ kind: 'commented', actor: ANA, version: 5, comment_id: 9, changes: { status: ['resolved', 'open'] }, at: '2026-11-20T10:08:00Z' }),
    ];
    renderTicketPage({ ticket: makeTicketDetail(), comments: [reply, note, answer], events });

    const timeline = await screen.findByRole('list', { name: 'Conversation and history' });
    const items = within(timeline).getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toMatch(/^Ana Lima submitted the ticket/);
    expect(items[1]).toMatch(/Priya Raman.*Reply to customer.*We refunded you\./);
    expect(items[2]).toMatch(/Sam Okafor.*Internal note.*Checked Stripe\./);
    expect(items[3]).toMatch(/^Priya Raman resolved the ticket/);
    expect(items[4]).toMatch(/Ana Lima.*Customer.*Still charged!/);
    expect(items[5]).toMatch(/^Ana Lima replied and reopened the ticket/);

    const noteCard = within(timeline).getByRole('article', { name: /Sam Okafor.*Internal note/ });
    expect(noteCard).toHaveAttribute('data-kind', 'internal');
    expect(within(timeline).getByRole('article', { name: /Priya Raman.*Reply to customer/ })).toHaveAttribute('data-kind', 'reply');
  });

  it('gives the exact time of a message beside its relative time', async () => {
    const reply = makeComment({ id: 7, created_at: '2026-11-20T10:05:00Z' });
    renderTicketPage({
      ticket: makeTicketDetail(),
      comments: [reply],
      events: [makeEvent({ kind: 'commented', version: 2, comment_id: 7, at: '2026-11-20T10:05:00Z' })],
    });

    const card = await screen.findByRole('article', { name: /Priya Raman/ });
    const time = card.querySelector('time')!;
    expect(time).toHaveAttribute('dateTime', '2026-11-20T10:05:00Z');
    expect(time.getAttribute('title')).toMatch(/2026/);
  });
});
