import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '../../../api';
import { fakeApi, type Call } from '../../../test/fakeApi';
import { makeMe, makeUser } from '../../../test/factories';
import { renderApp } from '../../../test/renderApp';

const ME = makeMe({ id: 1, name: 'Ada Admin', username: 'ada', role: 'admin' });

function team(): User[] {
  return [
    makeUser({ ...ME, last_login: '2026-11-20T09:30:00Z' }),
    makeUser({ id: 2, name: 'Bo Agent', username: 'bo', email: 'bo@example.com', role: 'agent', last_login: null }),
    makeUser({ id: 3, name: 'Cy Gone', username: 'cy', email: '', role: 'agent', is_active: false }),
  ];
}

function server(users = team()) {
  return fakeApi({ 'GET /auth/me/': { body: ME }, 'GET /users/': { body: users } });
}

function row(name: string) {
  return screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr') as HTMLElement;
}

function patched(api: ReturnType<typeof fakeApi>, id: number) {
  return api.callsTo(`PATCH /users/${id}/`).map((c: Call) => c.body);
}

describe('TeamPage', () => {
  it('lists everyone with username, e-mail, role, status and last sign-in', async () => {
    server();
    renderApp('/team');

    const table = await screen.findByRole('table', { name: 'Team members' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Name', 'Username', 'E-mail', 'Role', 'Status', 'Last sign-in', 'Actions']);
    const bo = row('Bo Agent');
    expect(within(bo).getByText('bo')).toBeInTheDocument();
    expect(within(bo).getByText('bo@example.com')).toBeInTheDocument();
    expect(within(bo).getByRole('combobox', { name: 'Role of Bo Agent' })).toHaveValue('agent');
    expect(within(bo).getByText('Active')).toBeInTheDocument();
    expect(within(bo).getByText('Never')).toBeInTheDocument();
    expect(within(row('Cy Gone')).getByText('Deactivated')).toBeInTheDocument();
    expect(within(row('Ada Admin')).getByText('(you)')).toBeInTheDocument();
    expect(screen.getByText('2 active of 3 people')).toBeInTheDocument();
  });

  it('adds a team member and lists them', async () => {
    const api = server();
    const added = makeUser({ id: 4, name: 'Dee New', username: 'dee', email: 'dee@example.com', role: 'agent', last_login: null });
    api.route({ 'POST /users/': { status: 201, body: added } });
    const { user } = renderApp('/team');
    const form = await screen.findByRole('form', { name: 'Add a team member' });

    await user.type(within(form).getByLabelText('Name'), 'Dee New');
    await user.type(within(form).getByLabelText('Username'), 'dee');
    await user.type(within(form).getByLabelText('E-mail'), 'dee@example.com');
    await user.type(within(form).getByLabelText('Password'), 'correct horse battery');
    await user.click(within(form).getByRole('button', { name: 'Add team member' }));

    expect(await within(form).findByRole('status')).toHaveTextContent('Dee New (dee) was added as an agent and can sign in now.');
    expect(api.callsTo('POST /users/')[0].body).toEqual({
      name: 'Dee New',
      username: 'dee',
      email: 'dee@example.com',
      role: 'agent',
      password: 'correct horse battery',
    });
    expect(row('Dee New')).toBeInTheDocument();
    expect(within(form).getByLabelText('Name')).toHaveValue('');
  });

  it("shows the API's refusals next to their fields", async () => {
    const api = server();
    api.route({
      'POST /users/': {
        status: 400,
        body: {
          detail: 'Invalid input.',
          errors: { username: ['This username is taken.'], password: ['This password is too common.'] },
        },
      },
    });
    const { user } = renderApp('/team');
    const form = await screen.findByRole('form', { name: 'Add a team member' });

    await user.type(within(form).getByLabelText('Name'), 'Bo Again');
    await user.type(within(form).getByLabelText('Username'), 'bo');
    await user.type(within(form).getByLabelText('Password'), 'password123');
    await user.selectOptions(within(form).getByLabelText('Role'), 'admin');
    await user.click(within(form).getByRole('button', { name: 'Add team member' }));

    const username = within(form).getByLabelText('Username');
    await waitFor(() => expect(username).toHaveAccessibleDescription(/This username is taken\./));
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(username).toHaveFocus();
    expect(within(form).getByLabelText('Password')).toHaveAccessibleDescription(/This password is too common\./);
    expect(api.callsTo('POST /users/')[0].body).toMatchObject({ role: 'admin' });
  });

  it('checks the form before sending it', async () => {
    const api = server();
    const { user } = renderApp('/team');
    const form = await screen.findByRole('form', { name: 'Add a team member' });

    await user.type(within(form).getByLabelText('Username'), 'dee');
    await user.type(within(form).getByLabelText('Password'), 'short');
    await user.click(within(form).getByRole('button', { name: 'Add team member' }));

    expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription('Enter their name.');
    expect(within(form).getByLabelText('Name')).toHaveFocus();
    expect(within(form).getByLabelText('Password')).toHaveAccessibleDescription(/at least 10 characters/);
    expect(api.callsTo('POST /users/')).toHaveLength(0);
  });

  it('changes a role', async () => {
    const api = server();
    api.route({ 'PATCH /users/2/': { body: makeUser({ ...team()[1], role: 'admin' }) } });
    const { user } = renderApp('/team');
    await screen.findByRole('table', { name: 'Team members' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of Bo Agent' }), 'admin');

    expect(await screen.findByText('Bo Agent is now an admin.')).toBeInTheDocument();
    expect(patched(api, 2)).toEqual([{ role: 'admin' }]);
    expect(screen.getByRole('combobox', { name: 'Role of Bo Agent' })).toHaveValue('admin');
  });

  it('deactivates only after a confirmation', async () => {
    const api = server();
    api.route({ 'PATCH /users/2/': { body: makeUser({ ...team()[1], is_active: false }) } });
    const { user } = renderApp('/team');
    await screen.findByRole('table', { name: 'Team members' });

    await user.click(screen.getByRole('button', { name: 'Deactivate Bo Agent' }));
    const question = screen.getByRole('group', { name: /Deactivate Bo Agent\?/ });
    expect(within(question).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(patched(api, 2)).toEqual([]);

    await user.click(within(question).getByRole('button', { name: 'Deactivate' }));

    await waitFor(() => expect(within(row('Bo Agent')).getByText('Deactivated')).toBeInTheDocument());
    expect(patched(api, 2)).toEqual([{ is_active: false }]);
    expect(within(row('Bo Agent')).getByRole('button', { name: 'Reactivate Bo Agent' })).toHaveFocus();
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const api = server();
    const { user } = renderApp('/team');
    await screen.findByRole('table', { name: 'Team members' });

    await user.click(screen.getByRole('button', { name: 'Deactivate Bo Agent' }));
    await user.keyboard('{Escape}');

    expect(screen.getByRole('button', { name: 'Deactivate Bo Agent' })).toHaveFocus();
    expect(patched(api, 2)).toEqual([]);
  });

  it('reactivates a deactivated member after a confirmation', async () => {
    const api = server();
    api.route({ 'PATCH /users/3/': { body: makeUser({ ...team()[2], is_active: true }) } });
    const { user } = renderApp('/team');
    await screen.findByRole('table', { name: 'Team members' });

    await user.click(screen.getByRole('button', { name: 'Reactivate Cy Gone' }));
    await user.click(within(screen.getByRole('group', { name: /Reactivate Cy Gone\?/ })).getByRole('button', { name: 'Reactivate' }));

    await waitFor(() => expect(within(row('Cy Gone')).getByText('Active')).toBeInTheDocument());
    expect(patched(api, 3)).toEqual([{ is_active: true }]);
  });

  it('says clearly why the last admin cannot be demoted', async () => {
    const api = server();
    api.route({
      'PATCH /users/1/': {
        status: 400,
        body: { detail: 'The last active admin cannot be deactivated or made an agent.', errors: {} },
      },
    });
    const { user } = renderApp('/team');
    await screen.findByRole('table', { name: 'Team members' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of Ada Admin' }), 'agent');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not make Ada Admin an agent: The last active admin cannot be deactivated or made an agent.',
    );
    await waitFor(() => expect(alert).toHaveFocus());
    expect(screen.getByRole('combobox', { name: 'Role of Ada Admin' })).toHaveValue('admin');
  });

  it("resets someone's password, with the API's refusal beside the field", async () => {
    const api = server();
    api.route({
      'PATCH /users/2/': { status: 400, body: { detail: 'Invalid input.', errors: { password: ['This password is too common.'] } } },
    });
    const { user } = renderApp('/team');
    await screen.findByRole('table', { name: 'Team members' });

    await user.click(screen.getByRole('button', { name: 'Reset password of Bo Agent' }));
    const field = screen.getByLabelText('New password for Bo Agent');
    expect(field).toHaveFocus();
    await user.type(field, 'password1234');
    await user.click(screen.getByRole('button', { name: 'Save password' }));

    await waitFor(() => expect(field).toHaveAccessibleDescription(/This password is too common\./));

    api.route({ 'PATCH /users/2/': { body: team()[1] } });
    await user.clear(field);
    await user.type(field, 'a much better passphrase');
    await user.click(screen.getByRole('button', { name: 'Save password' }));

    expect(await screen.findByText(/Bo Agent's password was changed/)).toBeInTheDocument();
    expect(patched(api, 2)).toEqual([{ password: 'password1234' }, { password: 'a much better passphrase' }]);
    expect(screen.queryByLabelText('New password for Bo Agent')).not.toBeInTheDocument();
  });

  it('follows a change to oneself: demoted, the page is no longer shown', async () => {
    const api = server();
    api.route({ 'PATCH /users/1/': { body: makeUser({ ...team()[0], role: 'agent' }) } });
    const { user } = renderApp('/team');
    await screen.findByRole('table', { name: 'Team members' });
    api.route({ 'GET /auth/me/': { body: { ...ME, role: 'agent' } } });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of Ada Admin' }), 'agent');

    expect(await screen.findByRole('heading', { level: 1, name: 'Only admins can see this page' })).toBeInTheDocument();
  });
});
