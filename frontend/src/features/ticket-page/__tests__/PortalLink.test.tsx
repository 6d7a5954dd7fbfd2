import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTicketDetail } from '../../../test/workspace-factories';
import { api, renderTicketPage } from './renderTicketPage';

vi.mock('../../../api/ticket-detail');
vi.mock('../../../api/comments');
vi.mock('../../../api/events');
vi.mock('../../../api/agents');

const KEY_PATH = '/portal/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';

function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

afterEach(() => {
  Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
});

describe("PortalLink: the customer's private link", () => {
  it('copies the full link', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn().mockResolvedValue(undefined);
    renderTicketPage({ ticket: makeTicketDetail() });
    stubClipboard(writeText);

    await user.click(await screen.findByRole('button', { name: 'Copy link' }));

    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}${KEY_PATH}`);
    expect(await screen.findByText(/Link copied/)).toBeInTheDocument();
  });

  it('shows the link selected in a field when the clipboard is refused', async () => {
    const user = userEvent.setup();
    renderTicketPage({ ticket: makeTicketDetail() });
    stubClipboard(() => Promise.reject(new Error('denied')));

    await user.click(await screen.findByRole('button', { name: 'Copy link' }));

    const field = await screen.findByLabelText('Link to copy');
    expect(field).toHaveValue(`${window.location.origin}${KEY_PATH}`);
    expect(field).toHaveFocus();
  });

  it('makes a new link only after saying the old one stops working', async () => {
    const user = userEvent.setup();
    const ticket = makeTicketDetail({ version: 3 });
    renderTicketPage({ ticket });
    api.rotatePortalLink.mockResolvedValue({ portal_url: '/portal/NEWKEY' });

    await user.click(await screen.findByRole('button', { name: 'Make a new link' }));
    expect(screen.getByText(/The current link stops working at once/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Replace the link' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Keep the current link' }));
    expect(api.rotatePortalLink).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Make a new link' })).toHaveFocus();

    api.getTicket.mockResolvedValue({ ...ticket, version: 4, portal_url: '/portal/NEWKEY' });
    await user.click(screen.getByRole('button', { name: 'Make a new link' }));
    await user.click(screen.getByRole('button', { name: 'Replace the link' }));

    expect(api.rotatePortalLink).toHaveBeenCalledWith(42);
    expect(await screen.findByText(/New link made. The old link no longer works/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy link' })).toHaveFocus();
  });
});
