import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { makeMe, makePage } from '../../test/factories';
import { renderApp } from '../../test/renderApp';
import { makeTicketDetail } from '../../test/workspace-factories';

function server(tickets = [makeTicketDetail({ id: 7, title: 'Slow page', status: 'open' })]) {
  return fakeApi({
    'GET /auth/me/': { body: makeMe() },
    'GET /agents/': { body: [] },
    'GET /tickets/': { body: makePage(tickets) },
  });
}

describe('Queue page', () => {
  it('is the dense list, without the submission form: "New ticket" leads to it', async () => {
    server();
    renderApp('/');

    expect(await screen.findByRole('article', { name: 'Slow page' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Queue' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New ticket' })).not.toBeInTheDocument();
    expect(screen.getByRole('main')).toContainElement(
      screen.getAllByRole('link', { name: 'New ticket' }).find((l) => l.closest('main')) ?? null,
    );
    expect(screen.getAllByRole('link', { name: 'New ticket' })[0]).toHaveAttribute('href', '/submit');
  });

  it('reloads the list on Refresh', async () => {
    const api = server([makeTicketDetail({ id: 1, title: 'First' })]);
    const { user } = renderApp('/');
    await screen.findByRole('article', { name: 'First' });
    api.route({ 'GET /tickets/': { body: makePage([makeTicketDetail({ id: 2, title: 'Second' })]) } });

    await user.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByRole('article', { name: 'Second' })).toBeInTheDocument();
  });

  it('keeps filters in the address, so a filtered queue can be shared', async () => {
    const api = server();
    renderApp('/?status=open&search=slow');
    await screen.findByRole('article', { name: 'Slow page' });
    await waitFor(() => expect(api.callsTo('GET /tickets/').length).toBeGreaterThan(0));
    expect(api.callsTo('GET /tickets/')[0].params).toMatchObject({ status: 'open', search: 'slow' });
  });
});
