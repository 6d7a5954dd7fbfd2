import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../../api/workspace-types';
import { fakeApi, type Call } from '../../../test/fakeApi';
import { makeMe, makePage } from '../../../test/factories';
import { renderApp } from '../../../test/renderApp';
import { makeTicketDetail } from '../../../test/workspace-factories';

const ME = makeMe({ id: 9, name: 'Erin Agent' });

function tickets(n: number, first = 21): TicketDetail[] {
  return Array.from({ length: n }, (_, i) =>
    makeTicketDetail({ id: first + i, title: `Problem ${first + i}`, version: 3, status: 'open' }),
  );
}

function server(rows: TicketDetail[]) {
  const api = fakeApi({
    'GET /auth/me/': { body: ME },
    'GET /agents/': { body: [{ id: 9, name: 'Erin Agent' }, { id: 4, name: 'Sam Okafor' }] },
    'GET /tickets/': { body: makePage(rows) },
  });
  for (const row of rows) {
    api.route({
      [`PATCH /tickets/${row.id}/`]: (call: Call) => ({
        body: { ...row, ...(call.body as object), version: row.version + 1 },
      }),
    });
  }
  return api;
}

const row = (title: string) => screen.getByRole('article', { name: title });

describe('Queue rows', () => {
  it('shows a row per ticket, each control named with its number', async () => {
    const t = makeTicketDetail({
      id: 24,
      title: 'Printer on fire',
      priority: 'critical',
      category: 'technical',
      requester: { name: 'Ana Lima', email: 'ana@example.com' },
      assignee: { id: 4, name: 'Sam Okafor' },
    });
    server([t]);
    renderApp('/');

    const article = await screen.findByRole('article', { name: 'Printer on fire' });
    expect(within(article).getByRole('checkbox', { name: 'Select ticket #24' })).not.toBeChecked();
    expect(within(article).getByRole('combobox', { name: 'Status of ticket #24' })).toHaveValue('open');
    expect(within(article).getByRole('combobox', { name: 'Priority of ticket #24' })).toHaveValue('critical');
    expect(within(article).getByRole('link', { name: 'Printer on fire' })).toHaveAttribute('href', '/tickets/24');
    expect(article).toHaveTextContent('#24');
    expect(article).toHaveTextContent('Ana Lima');
    expect(article).toHaveTextContent('Technical');
    expect(article).toHaveTextContent('Sam Okafor');
  });

  it('sends every filter of the URL, shows the ones without a control as removable chips, and exports the same view', async () => {
    const api = server(tickets(1));
    const { user } = renderApp('/?assignee=me&created_from=2026-11-01&created_to=2026-11-30&ai_overridden=any&sort=priority&search=refund');
    await screen.findByRole('article', { name: 'Problem 21' });

    const sent = api.callsTo('GET /tickets/').at(-1)?.params;
    expect(sent).toMatchObject({
      assignee: 'me',
      created_from: '2026-11-01',
      created_to: '2026-11-30',
      ai_overridden: 'any',
      sort: 'priority',
      search: 'refund',
    });
    const href = screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href') ?? '';
    expect(href.startsWith('/api/tickets/export.csv?')).toBe(true);
    expect(Object.fromEntries(new URLSearchParams(href.split('?')[1]))).toEqual({
      search: 'refund',
      assignee: 'me',
      created_from: '2026-11-01',
      created_to: '2026-11-30',
      ai_overridden: 'any',
      sort: 'priority',
    });
    expect(screen.getByLabelText('Assignee')).toHaveValue('me');
    expect(screen.getByLabelText('Sort')).toHaveValue('priority');

    await user.click(screen.getByRole('button', { name: 'Remove filter: Created from 2026-11-01' }));

    await waitFor(() => expect(api.callsTo('GET /tickets/').at(-1)?.params).not.toHaveProperty('created_from'));
    expect(window.location.search).not.toContain('created_from');
    expect(window.location.search).toContain('created_to=2026-11-30');
  });

  it('puts the sort in the URL and offers the built-in views', async () => {
    const api = server(tickets(2));
    const { user } = renderApp('/');
    await screen.findByRole('article', { name: 'Problem 21' });

    await user.selectOptions(screen.getByLabelText('Sort'), 'oldest');
    await waitFor(() => expect(window.location.search).toBe('?sort=oldest'));
    expect(api.callsTo('GET /tickets/').at(-1)?.params).toMatchObject({ sort: 'oldest' });

    const views = screen.getByRole('navigation', { name: 'Views' });
    await user.click(within(views).getByRole('link', { name: 'Open by priority' }));
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('sort')).toBe('priority'));
    expect(new URLSearchParams(window.location.search).get('status')).toBe('open');
    expect(within(views).getByRole('link', { name: 'Open by priority' })).toHaveAttribute('aria-current', 'page');

    await user.click(within(views).getByRole('link', { name: 'Unassigned' }));
    await waitFor(() => expect(window.location.search).toBe('?assignee=none'));
  });

  it('says Saving… then Saved, with If-Match, and reads the page again: a row that left the view goes, the count follows', async () => {
    const rows = tickets(2);
    const api = server(rows);
    let release: () => void = () => undefined;
    api.route({
      'PATCH /tickets/21/': (call: Call) =>
        new Promise((resolve) => {
          release = () => resolve({ body: { ...rows[0], ...(call.body as object), version: 4 } });
        }),
    });
    const { user } = renderApp('/?status=open');
    await screen.findByRole('article', { name: 'Problem 21' });
    expect(screen.getByText('2 tickets match')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status of ticket #21' }), 'resolved');
    expect(within(row('Problem 21')).getByRole('status')).toHaveTextContent('Saving…');
    api.route({ 'GET /tickets/': { body: makePage([rows[1]]) } });
    await act(async () => release());

    await waitFor(() => expect(screen.queryByRole('article', { name: 'Problem 21' })).not.toBeInTheDocument());
    expect(screen.getByText('1 ticket matches')).toBeInTheDocument();
    const patch = api.callsTo('PATCH /tickets/21/')[0];
    expect(patch.body).toEqual({ status: 'resolved' });
    expect(patch.headers['if-match']).toBe('"3"');
  });

  it('shows Saved on a row that stays', async () => {
    server(tickets(1));
    const { user } = renderApp('/');
    await screen.findByRole('article', { name: 'Problem 21' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Priority of ticket #21' }), 'high');

    expect(await within(row('Problem 21')).findByText('Saved #21')).toBeInTheDocument();
  });

  it('rolls a refused change back and says why', async () => {
    const api = server(tickets(1));
    api.route({ 'PATCH /tickets/21/': { status: 400, body: { detail: 'Invalid input.', errors: {} } } });
    const { user } = renderApp('/');
    await screen.findByRole('article', { name: 'Problem 21' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Priority of ticket #21' }), 'high');

    expect(await within(row('Problem 21')).findByRole('alert')).toHaveTextContent(
      'Could not change priority to High: Invalid input. It is back to Medium.',
    );
    expect(screen.getByRole('combobox', { name: 'Priority of ticket #21' })).toHaveValue('medium');
  });
});

describe('Bulk changes', () => {
  it('changes the selected tickets one PATCH each with their version, and reports the one changed meanwhile', async () => {
    const rows = tickets(5);
    rows[2] = { ...rows[2], version: 7 };
    const api = server(rows);
    api.route({
      'PATCH /tickets/23/': {
        status: 412,
        body: { detail: 'The ticket was changed by someone else.', errors: {} },
      },
    });
    const { user } = renderApp('/');
    await screen.findByRole('article', { name: 'Problem 21' });

    // the first with a click, the rest as a range with Shift
    await user.click(screen.getByRole('checkbox', { name: 'Select ticket #21' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select ticket #25' }), { shiftKey: true });
    for (const id of [21, 22, 23, 24, 25]) expect(screen.getByRole('checkbox', { name: `Select ticket #${id}` })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select all tickets on this page' })).toBeChecked();

    const bar = screen.getByRole('region', { name: 'Change selected tickets' });
    await user.selectOptions(within(bar).getByLabelText('Set status'), 'resolved');
    await user.click(within(bar).getByRole('button', { name: 'Apply to 5 tickets' }));

    expect(await within(bar).findByRole('alert')).toHaveTextContent(
      '#23 was changed by someone else; reload it and try again.',
    );
    expect(within(bar).getByRole('status')).toHaveTextContent('4 of 5 tickets changed: status to Resolved.');
    for (const t of rows) {
      const [call] = api.callsTo(`PATCH /tickets/${t.id}/`);
      expect(call.body).toEqual({ status: 'resolved' });
      expect(call.headers['if-match']).toBe(`"${t.version}"`);
    }
  });

  it('selects every ticket of the page at once', async () => {
    server(tickets(3));
    const { user } = renderApp('/');
    await screen.findByRole('article', { name: 'Problem 21' });

    await user.click(screen.getByRole('checkbox', { name: 'Select all tickets on this page' }));

    for (const id of [21, 22, 23]) expect(screen.getByRole('checkbox', { name: `Select ticket #${id}` })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Apply to 3 tickets' })).toBeDisabled();
  });
});

describe('Keyboard', () => {
  it('moves with j/k, selects with x, sets status with a key and assigns with a', async () => {
    const api = server(tickets(3));
    const { user } = renderApp('/');
    await screen.findByRole('article', { name: 'Problem 21' });

    await user.keyboard('j');
    expect(screen.getByRole('link', { name: 'Problem 21' })).toHaveFocus();
    await user.keyboard('jjk');
    expect(screen.getByRole('link', { name: 'Problem 22' })).toHaveFocus();

    await user.keyboard('r');
    await waitFor(() => expect(api.callsTo('PATCH /tickets/22/')).toHaveLength(1));
    expect(api.callsTo('PATCH /tickets/22/')[0].body).toEqual({ status: 'resolved' });

    await user.keyboard('j');
    await user.keyboard('a');
    await waitFor(() => expect(api.callsTo('PATCH /tickets/23/')).toHaveLength(1));
    expect(api.callsTo('PATCH /tickets/23/')[0].body).toEqual({ assignee: 9 });

    await user.keyboard('x');
    expect(screen.getByRole('checkbox', { name: 'Select ticket #23' })).toBeChecked();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('checkbox', { name: 'Select ticket #23' })).not.toBeChecked();
  });

  it('fires no shortcut while typing in a field', async () => {
    const api = server(tickets(2));
    const { user } = renderApp('/');
    await screen.findByRole('article', { name: 'Problem 21' });

    await user.keyboard('/');
    const search = screen.getByRole('searchbox', { name: 'Search' });
    expect(search).toHaveFocus();
    await user.keyboard('jxorpa?');

    expect(search).toHaveValue('jxorpa?');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Select ticket #21' })).not.toBeChecked();
    expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
  });

  it('lists the shortcuts in a dialog that keeps the focus and closes with Escape', async () => {
    server(tickets(1));
    const { user } = renderApp('/');
    await screen.findByRole('article', { name: 'Problem 21' });
    const opener = screen.getByRole('button', { name: 'Shortcuts' });
    opener.focus();

    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    expect(within(dialog).getByRole('row', { name: /Assign to me/ })).toBeInTheDocument();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.keyboard('r');
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });
});
