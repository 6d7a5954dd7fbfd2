import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { makeMe, makePage, makeStats, makeTicket } from '../../test/factories';
import { renderApp } from '../../test/renderApp';

function server(tickets = [makeTicket({ title: 'Slow page', status: 'open' })]) {
  return fakeApi({
    'GET /auth/me/': { body: makeMe() },
    'GET /tickets/': { body: makePage(tickets) },
    'GET /tickets/stats/': { body: makeStats() },
  });
}

describe('Queue page', () => {
  it('lists the tickets beside the overview, without the submission form', async () => {
    server();
    renderApp('/');

    expect(await screen.findByRole('article', { name: 'Slow page' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Overview' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New ticket' })).not.toBeInTheDocument();
  });

  it('refreshes the overview after an inline edit', async () => {
    const ticket = makeTicket({ title: 'Slow page', status: 'open' });
    const api = server([ticket]);
    api.route({ [`PATCH /tickets/${ticket.id}/`]: { body: { ...ticket, status: 'in_progress' } } });
    const { user } = renderApp('/');

    const card = await screen.findByRole('article', { name: 'Slow page' });
    await waitFor(() => expect(api.callsTo('GET /tickets/stats/')).toHaveLength(1));
    await user.selectOptions(within(card).getByRole('combobox', { name: 'Status' }), 'in_progress');

    await waitFor(() => expect(api.callsTo('GET /tickets/stats/')).toHaveLength(2));
    expect(api.callsTo(`PATCH /tickets/${ticket.id}/`)[0].body).toEqual({ status: 'in_progress' });
  });

  it('reloads the list and the numbers on Refresh', async () => {
    const api = server([makeTicket({ title: 'First' })]);
    const { user } = renderApp('/');
    await screen.findByRole('article', { name: 'First' });
    await waitFor(() => expect(api.callsTo('GET /tickets/stats/')).toHaveLength(1));
    api.route({ 'GET /tickets/': { body: makePage([makeTicket({ title: 'Second' })]) } });

    await user.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByRole('article', { name: 'Second' })).toBeInTheDocument();
    expect(api.callsTo('GET /tickets/stats/')).toHaveLength(2);
  });

  it('keeps filters in the address, so a filtered queue can be shared', async () => {
    const api = server();
    renderApp('/?status=open&search=slow');
    await screen.findByRole('article', { name: 'Slow page' });
    expect(api.callsTo('GET /tickets/')[0].params).toMatchObject({ status: 'open', search: 'slow' });
  });
});
