import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import * as api from '../../../api/webhooks';
import { ApiError } from '../../../api/client';
import type { Delivery, Webhook } from '../../../api/webhooks';
import { WebhooksPage } from '../WebhooksPage';

vi.mock('../../../api/webhooks', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../api/webhooks')>();
  return {
    ...actual,
    listWebhooks: vi.fn(),
    createWebhook: vi.fn(),
    deleteWebhook: vi.fn(),
    sendTestPing: vi.fn(),
    listDeliveries: vi.fn(),
  };
});

const HOOK: Webhook = {
  id: 7,
  url: 'https://crm.example.com/hooks',
  events: ['ticket.created', 'comment.created'],
  description: 'CRM sync',
  created_at: '2026-12-01T10:00:00Z',
};

function delivery(overrides: Partial<Delivery>): Delivery {
  return {
    id: 1,
    event: 'ticket.created',
    attempts: 1,
    status_code: 200,
    delivered_at: '2026-12-01T10:00:01Z',
    next_attempt_at: null,
    ...overrides,
  };
}

describe('WebhooksPage', () => {
  it('lists the webhooks with their events and description', async () => {
    vi.mocked(api.listWebhooks).mockResolvedValue([HOOK]);
    render(<WebhooksPage />);

    const item = await screen.findByRole('listitem', { name: HOOK.url });
    expect(within(item).getByText('CRM sync')).toBeInTheDocument();
    expect(within(item).getByText(/ticket\.created, comment\.created/)).toBeInTheDocument();
  });

  it('says so when there are none', async () => {
    vi.mocked(api.listWebhooks).mockResolvedValue([]);
    render(<WebhooksPage />);

    expect(await screen.findByText('No webhooks yet.')).toBeInTheDocument();
  });

  it('adds a webhook and shows its secret once, with a copy button', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    vi.mocked(api.listWebhooks).mockResolvedValue([]);
    vi.mocked(api.createWebhook).mockResolvedValue({ ...HOOK, id: 8, secret: 'whsec_c2VjcmV0' });
    render(<WebhooksPage />);
    await screen.findByText('No webhooks yet.');

    await user.type(screen.getByLabelText('Receiver URL'), ' https://crm.example.com/hooks ');
    await user.click(screen.getByRole('checkbox', { name: /comment\.created/ }));
    await user.type(screen.getByLabelText('Description (optional)'), 'CRM sync');
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));

    expect(api.createWebhook).toHaveBeenCalledWith({
      url: 'https://crm.example.com/hooks',
      events: ['ticket.created', 'comment.created'],
      description: 'CRM sync',
    });
    const secret = await screen.findByLabelText(/Signing secret for/);
    expect(secret).toHaveValue('whsec_c2VjcmV0');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('whsec_c2VjcmV0');
    expect(await screen.findByText('Copied to the clipboard.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue('whsec_c2VjcmV0')).not.toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: HOOK.url })).toBeInTheDocument();
  });

  it("shows the server's reason next to a refused URL", async () => {
    const user = userEvent.setup();
    vi.mocked(api.listWebhooks).mockResolvedValue([]);
    const reason = "The URL's host 127.0.0.1 is a loopback address; webhooks may only go to public addresses.";
    vi.mocked(api.createWebhook).mockRejectedValue(
      new ApiError(reason, { status: 400, fieldErrors: { url: [reason] } }),
    );
    render(<WebhooksPage />);

    await user.type(screen.getByLabelText('Receiver URL'), 'http://127.0.0.1/hooks');
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));

    const field = screen.getByLabelText('Receiver URL');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(reason);
  });

  it('needs at least one event', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listWebhooks).mockResolvedValue([]);
    render(<WebhooksPage />);

    await user.type(screen.getByLabelText('Receiver URL'), 'https://crm.example.com/hooks');
    await user.click(screen.getByRole('checkbox', { name: /ticket\.created/ }));
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));

    expect(screen.getByText('Choose at least one event.')).toBeInTheDocument();
    expect(api.createWebhook).not.toHaveBeenCalled();
  });

  it('deletes a webhook only after confirmation', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listWebhooks).mockResolvedValue([HOOK]);
    vi.mocked(api.deleteWebhook).mockResolvedValue(undefined);
    render(<WebhooksPage />);
    const item = await screen.findByRole('listitem', { name: HOOK.url });

    await user.click(within(item).getByRole('button', { name: 'Delete' }));
    await user.click(within(item).getByRole('button', { name: 'Cancel' }));
    expect(api.deleteWebhook).not.toHaveBeenCalled();

    await user.click(within(item).getByRole('button', { name: 'Delete' }));
    const confirm = within(item).getByRole('group', { name: 'Confirm deletion' });
    await user.click(within(confirm).getByRole('button', { name: 'Yes, delete' }));

    expect(api.deleteWebhook).toHaveBeenCalledWith(7);
    expect(await screen.findByText('No webhooks yet.')).toBeInTheDocument();
    expect(screen.queryByRole('listitem', { name: HOOK.url })).not.toBeInTheDocument();
  });

  it('sends a test ping and shows the deliveries with their state', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listWebhooks).mockResolvedValue([HOOK]);
    vi.mocked(api.sendTestPing).mockResolvedValue(
      delivery({ id: 3, event: 'ping', attempts: 0, status_code: null, delivered_at: null, next_attempt_at: '2026-12-01T10:05:00Z' }),
    );
    vi.mocked(api.listDeliveries).mockResolvedValue([
      delivery({ id: 3, event: 'ping', attempts: 0, status_code: null, delivered_at: null, next_attempt_at: '2026-12-01T10:05:00Z' }),
      delivery({ id: 2, attempts: 2, status_code: 500, delivered_at: null, next_attempt_at: '2026-12-01T10:10:00Z' }),
      delivery({ id: 1 }),
      delivery({ id: 0, attempts: 8, status_code: 404, delivered_at: null, next_attempt_at: null }),
    ]);
    render(<WebhooksPage />);
    const item = await screen.findByRole('listitem', { name: HOOK.url });

    await user.click(within(item).getByRole('button', { name: 'Send test ping' }));

    expect(api.sendTestPing).toHaveBeenCalledWith(7);
    const table = await within(item).findByRole('table', { name: `Deliveries to ${HOOK.url}` });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').slice(0, 4).map((c) => c.textContent))).toEqual([
      ['ping', 'Waiting', '—', '0'],
      ['ticket.created', 'Retrying', '500', '2'],
      ['ticket.created', 'Delivered', '200', '1'],
      ['ticket.created', 'Failed', '404', '8'],
    ]);
    expect(within(item).getByRole('button', { name: 'Hide deliveries' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('tells agents that only admins manage webhooks', async () => {
    vi.mocked(api.listWebhooks).mockRejectedValue(new ApiError('Only admins may do this.', { status: 403 }));
    render(<WebhooksPage />);

    expect(await screen.findByRole('alert')).toHaveTextContent('Only admins may manage webhooks.');
  });

  it('has no accessibility violations that axe can find', async () => {
    vi.mocked(api.listWebhooks).mockResolvedValue([HOOK]);
    vi.mocked(api.listDeliveries).mockResolvedValue([delivery({})]);
    const user = userEvent.setup();
    const { container } = render(<WebhooksPage />);
    const item = await screen.findByRole('listitem', { name: HOOK.url });
    await user.click(within(item).getByRole('button', { name: 'Show deliveries' }));
    await within(item).findByRole('table');

    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});
