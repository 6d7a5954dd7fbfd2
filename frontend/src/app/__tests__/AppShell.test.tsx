import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getStats } from '../../api';
import { fakeApi, unauthorized } from '../../test/fakeApi';
import { makeMe, makePage, makeStats, makeTicket } from '../../test/factories';
import { renderApp } from '../../test/renderApp';

const ADMIN = makeMe({ name: 'Ada Admin', username: 'ada', role: 'admin' });
const AGENT = makeMe({ name: 'Gus Agent', username: 'gus', role: 'agent' });

function server(me: ReturnType<typeof makeMe> | null, more = {}) {
  return fakeApi({
    'GET /auth/me/': me ? { body: me } : unauthorized,
    'GET /tickets/': { body: makePage([makeTicket({ title: 'Printer on fire' })]) },
    'GET /tickets/stats/': { body: makeStats() },
    'POST /auth/logout/': { status: 204 },
    'GET /users/': { body: [] },
    'GET /auth/tokens/': { body: [] },
    ...more,
  });
}

function mainNav() {
  return screen.getByRole('navigation', { name: 'Main' });
}

describe('App shell', () => {
  it('gives admins every page, Team and Webhooks included', async () => {
    server(ADMIN);
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Queue' });

    const links = within(mainNav()).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Queue', '/'],
      ['Dashboard', '/dashboard'],
      ['New ticket', '/submit'],
      ['Team', '/team'],
      ['Webhooks', '/webhooks'],
    ]);
    expect(within(mainNav()).getByRole('link', { name: 'Queue' })).toHaveAttribute('aria-current', 'page');
  });

  it('never shows agents the admin pages, and tells them so if they open one', async () => {
    const api = server(AGENT);
    renderApp('/team');

    expect(await screen.findByRole('heading', { level: 1, name: 'Only admins can see this page' })).toBeInTheDocument();
    expect(within(mainNav()).queryByRole('link', { name: 'Team' })).not.toBeInTheDocument();
    expect(within(mainNav()).queryByRole('link', { name: 'Webhooks' })).not.toBeInTheDocument();
    expect(api.callsTo('GET /users/')).toHaveLength(0);
  });

  it("puts the agent's account, the tools and signing out in their menu", async () => {
    server(AGENT);
    const { user } = renderApp('/');
    const button = await screen.findByRole('button', { name: /Gus Agent/ });
    expect(button).toHaveAttribute('aria-expanded', 'false');

    await user.click(button);

    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('link', { name: 'Account' })).toHaveAttribute('href', '/account');
    expect(screen.getByRole('link', { name: 'API docs' })).toHaveAttribute('href', '/api/docs/');
    expect(screen.queryByRole('link', { name: 'Django admin' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });

  it('links admins to the Django admin', async () => {
    server(ADMIN);
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: /Ada Admin/ }));
    expect(screen.getByRole('link', { name: 'Django admin' })).toHaveAttribute('href', '/admin/');
  });

  it('folds the navigation under a Menu button (for narrow screens)', async () => {
    server(AGENT);
    const { user } = renderApp('/');
    const toggle = await screen.findByRole('button', { name: 'Menu' });
    expect(toggle).toHaveAttribute('aria-controls', mainNav().id);

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');

    await user.click(within(mainNav()).getByRole('link', { name: 'Dashboard' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('signs out to the sign-in form, with nothing of the queue left on screen', async () => {
    const api = server(ADMIN);
    const { user } = renderApp('/?search=printer');
    await screen.findByRole('article', { name: 'Printer on fire' });

    await user.click(screen.getByRole('button', { name: /Ada Admin/ }));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText('You are signed out.')).toBeInTheDocument();
    expect(screen.queryByText('Printer on fire')).not.toBeInTheDocument();
    expect(screen.queryByText('Ada Admin')).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(window.location.pathname + window.location.search).toBe('/');
    expect(api.callsTo('POST /auth/logout/')).toHaveLength(1);
  });

  it('shows the sign-in form in place when the session ends during work', async () => {
    const api = server(AGENT);
    renderApp('/dashboard');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    api.route({ 'GET /tickets/stats/': unauthorized });

    await act(() => getStats().catch(() => undefined));

    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText(/Your session has ended/)).toBeInTheDocument();
    expect(window.location.pathname).toBe('/dashboard');
  });

  it('says when the server cannot be reached, and tries again', async () => {
    const api = server(null, { 'GET /auth/me/': { status: 503, body: { detail: 'Down for a moment.', errors: {} } } });
    const { user } = renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Cannot reach the server' })).toBeInTheDocument();
    api.route({ 'GET /auth/me/': { body: AGENT } });

    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Queue' })).toBeInTheDocument();
  });

  it('has a skip link to the main content', async () => {
    server(AGENT);
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Queue' });
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
  });
});

describe('Routes', () => {
  it('answers an unknown address with a small page that links home', async () => {
    server(AGENT);
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
    expect(mainNav()).toBeInTheDocument();
  });

  it('shows what the ticket page will hold', async () => {
    server(AGENT);
    renderApp('/tickets/42');
    expect(await screen.findByRole('heading', { level: 1, name: 'Ticket #42' })).toBeInTheDocument();
  });

  it('treats a ticket address without a number as unknown', async () => {
    server(AGENT);
    renderApp('/tickets/abc');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  it('shows admins what the webhooks page will hold', async () => {
    server(ADMIN);
    renderApp('/webhooks');
    expect(await screen.findByRole('heading', { level: 1, name: 'Webhooks' })).toBeInTheDocument();
  });

  it("keeps the requester's portal out of the agents' frame, and never asks who is signed in", async () => {
    const api = server(ADMIN);
    renderApp('/portal/abc123');
    expect(await screen.findByText(/This link is not valid/)).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(api.callsTo('GET /auth/me/')).toHaveLength(0);
    expect(api.callsTo('GET /portal/abc123/')).toHaveLength(1);
  });

  it('serves the submission form signed out, with a sign-in link for agents', async () => {
    server(null);
    renderApp('/submit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Submit a ticket' })).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'New ticket' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });

  it('serves the same form to agents as New ticket, in the app', async () => {
    server(AGENT);
    renderApp('/submit');
    expect(await screen.findByRole('heading', { level: 1, name: 'New ticket' })).toBeInTheDocument();
    expect(within(mainNav()).getByRole('link', { name: 'New ticket' })).toHaveAttribute('aria-current', 'page');
  });

  it('names the page in the browser tab', async () => {
    server(ADMIN);
    renderApp('/team');
    await screen.findByRole('heading', { level: 1, name: 'Team' });
    await waitFor(() => expect(document.title).toBe('Team · Support Desk'));
  });
});
