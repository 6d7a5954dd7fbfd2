import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, unauthorized } from '../../test/fakeApi';
import { makeClassification, makeMe, makeTicket } from '../../test/factories';
import { renderApp } from '../../test/renderApp';

function server(created: ReturnType<typeof makeTicket>, me: ReturnType<typeof makeMe> | null = null) {
  return fakeApi({
    'GET /auth/me/': me ? { body: me } : unauthorized,
    'POST /tickets/classify/': { body: makeClassification({ suggested_category: 'billing', suggested_priority: 'high' }) },
    'POST /tickets/': { status: 201, body: created },
  });
}

async function submit(user: ReturnType<typeof renderApp>['user'], { asCustomer = true } = {}) {
  const form = await screen.findByRole('form', { name: 'New ticket' });
  if (asCustomer) {
    await user.type(within(form).getByLabelText('Your name'), 'Rita Requester');
    await user.type(within(form).getByLabelText('Your e-mail'), 'rita@example.com');
  }
  await user.type(within(form).getByLabelText('Title'), 'Charged twice');
  await user.type(within(form).getByLabelText('Description'), 'My card was charged twice this month');
  await user.click(within(form).getByRole('button', { name: 'Submit ticket' }));
}

describe('Submit page', () => {
  it('confirms with the ticket number and the private link, which can be copied', async () => {
    const api = server(
      makeTicket({ id: 314, category: 'billing', priority: 'high', portal_url: '/portal/k3y', requester: { name: 'Rita', email: 'rita@example.com' } }),
    );
    const { user } = renderApp('/submit');

    await submit(user);

    const heading = await screen.findByRole('heading', { name: 'Ticket #314 submitted' });
    await waitFor(() => expect(heading).toHaveFocus());
    const link = screen.getByLabelText('Your private link to this ticket');
    expect(link).toHaveValue(`${window.location.origin}/portal/k3y`);
    expect(screen.getByText(/This link is private: it lets you follow the ticket and reply/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe(`${window.location.origin}/portal/k3y`);
    expect(screen.queryByRole('form', { name: 'New ticket' })).not.toBeInTheDocument();
    expect(api.callsTo('POST /tickets/')[0].body).toMatchObject({
      requester_name: 'Rita Requester',
      requester_email: 'rita@example.com',
    });
  });

  it('shows no link when the server gives none', async () => {
    server(makeTicket({ id: 315 }));
    const { user } = renderApp('/submit');

    await submit(user);

    expect(await screen.findByRole('heading', { name: 'Ticket #315 submitted' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Copy link' })).not.toBeInTheDocument();
  });

  it('starts a fresh form for another ticket', async () => {
    server(makeTicket({ id: 316 }));
    const { user } = renderApp('/submit');
    await submit(user);
    await screen.findByRole('heading', { name: 'Ticket #316 submitted' });

    await user.click(screen.getByRole('button', { name: 'Submit another ticket' }));

    const form = screen.getByRole('form', { name: 'New ticket' });
    expect(within(form).getByLabelText('Title')).toHaveValue('');
    await waitFor(() => expect(within(form).getByLabelText('Your name')).toHaveFocus());
  });

  it('lets agents open the ticket they filed', async () => {
    server(makeTicket({ id: 317 }), makeMe());
    const { user } = renderApp('/submit');

    await submit(user, { asCustomer: false });

    await screen.findByRole('heading', { name: 'Ticket #317 submitted' });
    expect(screen.getByRole('link', { name: 'Open ticket #317' })).toHaveAttribute('href', '/tickets/317');
  });
});
