import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client';
import * as portalApi from '../../../api/portal';
import { makePortalTicket } from '../../../test/workspace-factories';
import { PortalPage } from '../PortalPage';

vi.mock('../../../api/portal');

const getTicket = vi.mocked(portalApi.getPortalTicket);
const reply = vi.mocked(portalApi.createPortalReply);
const KEY = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';

const CONVERSATION = [
  { body: 'We are looking into it.', author: { type: 'agent' as const, name: 'Priya Raman' }, created_at: '2026-11-20T10:05:00Z' },
  { body: 'Thanks! Any news?', author: { type: 'requester' as const, name: 'Ana Lima' }, created_at: '2026-11-20T10:30:00Z' },
];

describe('PortalPage: the requester follows their link', () => {
  it('shows an open ticket: number, title, status in plain words, description and the conversation', async () => {
    getTicket.mockResolvedValue(makePortalTicket({ replies: CONVERSATION }));
    render(<PortalPage portalKey={KEY} />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Charged twice for my subscription' })).toBeInTheDocument();
    expect(getTicket).toHaveBeenCalledWith(KEY, expect.any(AbortSignal));
    expect(screen.getByText(/Ticket #42/)).toBeInTheDocument();
    expect(screen.getByText('Received')).toBeInTheDocument();
    expect(screen.getByText('We have your request and will answer here soon.')).toBeInTheDocument();
    expect(screen.getByText(/I was billed twice this month/).textContent).toBe('Hello,\nI was billed twice this month.');

    const replies = within(screen.getByRole('list', { name: 'Replies' })).getAllByRole('article');
    expect(replies[0]).toHaveAccessibleName(/^Priya Raman,\s*Support team$/);
    expect(replies[0]).toHaveTextContent('We are looking into it.');
    expect(replies[1]).toHaveAccessibleName('You');
    expect(replies[1]).toHaveTextContent('Thanks! Any news?');
    expect(screen.queryByText(/replying reopens|opens again/)).not.toBeInTheDocument();
  });

  it('says so when nobody has answered yet', async () => {
    getTicket.mockResolvedValue(makePortalTicket({ status: 'in_progress' }));
    render(<PortalPage portalKey={KEY} />);

    expect(await screen.findByText(/No replies yet/)).toBeInTheDocument();
    expect(screen.getByText('Being worked on')).toBeInTheDocument();
  });

  it('sends a reply, keeps focus in the box, announces it and shows the new conversation', async () => {
    const user = userEvent.setup();
    getTicket.mockResolvedValue(makePortalTicket());
    reply.mockResolvedValue(CONVERSATION[1]);
    render(<PortalPage portalKey={KEY} />);
    const box = await screen.findByLabelText('Your reply');
    await user.type(box, 'Thanks! Any news?');
    getTicket.mockResolvedValue(makePortalTicket({ replies: [CONVERSATION[1]] }));

    await user.click(screen.getByRole('button', { name: 'Send reply' }));

    expect(reply).toHaveBeenCalledWith(KEY, 'Thanks! Any news?');
    expect(await screen.findByText('Your reply was sent.')).toBeInTheDocument();
    expect(box).toHaveValue('');
    expect(box).toHaveFocus();
    expect(await screen.findByRole('article', { name: 'You' })).toHaveTextContent('Thanks! Any news?');
  });

  it('on a resolved ticket, says that replying reopens it', async () => {
    const user = userEvent.setup();
    getTicket.mockResolvedValue(makePortalTicket({ status: 'resolved' }));
    reply.mockResolvedValue(CONVERSATION[1]);
    render(<PortalPage portalKey={KEY} />);

    expect(await screen.findByText(/This ticket is resolved. If you still need help, reply and it opens again./)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Your reply'), 'It happened again{Control>}{Enter}{/Control}');
    expect(reply).toHaveBeenCalledWith(KEY, 'It happened again');
    expect(await screen.findByText('Your reply was sent, and the ticket is open again.')).toBeInTheDocument();
  });

  it('on a closed ticket, is read-only and points to a new ticket', async () => {
    getTicket.mockResolvedValue(makePortalTicket({ status: 'closed', replies: CONVERSATION }));
    render(<PortalPage portalKey={KEY} />);

    expect(await screen.findByText(/This ticket is closed, so it takes no more replies/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'submit a new ticket' })).toHaveAttribute('href', '/submit');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send reply' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(2);
  });

  it('turns read-only, keeping the unsent text, when the ticket was closed meanwhile (409)', async () => {
    const user = userEvent.setup();
    getTicket.mockResolvedValue(makePortalTicket());
    reply.mockRejectedValue(new ApiError('This ticket is closed.', { status: 409 }));
    render(<PortalPage portalKey={KEY} />);
    await user.type(await screen.findByLabelText('Your reply'), 'One more thing');
    getTicket.mockResolvedValue(makePortalTicket({ status: 'closed' }));

    await user.click(screen.getByRole('button', { name: 'Send reply' }));

    expect(await screen.findByText(/This ticket is closed, so it takes no more replies/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Your reply was not sent/)).toHaveValue('One more thing');
    expect(screen.queryByRole('button', { name: 'Send reply' })).not.toBeInTheDocument();
  });

  it('says only that the link is not valid for a wrong or replaced key (404)', async () => {
    getTicket.mockRejectedValue(new ApiError('No ticket has this link.', { status: 404 }));
    render(<PortalPage portalKey="wrong" />);

    expect(
      await screen.findByText('This link is not valid (it may have been replaced). Ask the support team for a new link.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No ticket has this link/)).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('offers to try again after another failure', async () => {
    const user = userEvent.setup();
    getTicket.mockRejectedValue(new ApiError('Too many requests. Please wait a moment and try again.', { status: 429 }));
    render(<PortalPage portalKey={KEY} />);

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many requests');
    getTicket.mockResolvedValue(makePortalTicket());
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Charged twice for my subscription' })).toBeInTheDocument();
  });
});
