import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fakeApi';
import { makeMe, makeToken } from '../../../test/factories';
import { renderApp } from '../../../test/renderApp';

const ME = makeMe({ name: 'Gus Agent', username: 'gus', email: 'gus@example.com', role: 'agent' });

function server(tokens = [makeToken({ id: 7, name: 'Nightly export', expires_at: '2027-01-01T00:00:00Z' })]) {
  return fakeApi({ 'GET /auth/me/': { body: ME }, 'GET /auth/tokens/': { body: tokens } });
}

async function passwordForm() {
  return screen.findByRole('form', { name: 'Change password' });
}

describe('AccountPage: password', () => {
  it('changes the password and says what that did', async () => {
    const api = server();
    api.route({ 'POST /auth/password/': { status: 204 } });
    const { user } = renderApp('/account');
    const form = await passwordForm();

    await user.type(within(form).getByLabelText('Current password'), 'old password 1');
    await user.type(within(form).getByLabelText('New password'), 'new password 22');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));

    expect(await within(form).findByRole('status')).toHaveTextContent(
      'Password changed. Your other sessions were signed out and your API tokens revoked.',
    );
    expect(api.callsTo('POST /auth/password/')[0].body).toEqual({
      current_password: 'old password 1',
      new_password: 'new password 22',
    });
    expect(within(form).getByLabelText('Current password')).toHaveValue('');
    // the server revoked the tokens: the list is asked for again
    await waitFor(() => expect(api.callsTo('GET /auth/tokens/')).toHaveLength(2));
  });

  it('shows each refusal next to its field', async () => {
    const api = server();
    api.route({
      'POST /auth/password/': {
        status: 400,
        body: {
          detail: 'Invalid input.',
          errors: { current_password: ['The current password is not correct.'], new_password: ['This password is too common.'] },
        },
      },
    });
    const { user } = renderApp('/account');
    const form = await passwordForm();

    await user.type(within(form).getByLabelText('Current password'), 'wrong one!!');
    await user.type(within(form).getByLabelText('New password'), 'password123');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));

    const current = within(form).getByLabelText('Current password');
    await waitFor(() => expect(current).toHaveAccessibleDescription('The current password is not correct.'));
    expect(current).toHaveFocus();
    expect(within(form).getByLabelText('New password')).toHaveAccessibleDescription(/This password is too common\./);
    expect(within(form).getByRole('status')).toHaveTextContent('');
  });

  it('checks the new password before sending it', async () => {
    const api = server();
    const { user } = renderApp('/account');
    const form = await passwordForm();

    await user.type(within(form).getByLabelText('Current password'), 'old password 1');
    await user.type(within(form).getByLabelText('New password'), 'short');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));

    expect(within(form).getByLabelText('New password')).toHaveAccessibleDescription(/at least 10 characters/);
    expect(within(form).getByLabelText('New password')).toHaveFocus();
    expect(api.callsTo('POST /auth/password/')).toHaveLength(0);
  });
});

describe('AccountPage: API tokens', () => {
  it('lists the tokens with when they were made and when they expire', async () => {
    server([makeToken({ name: 'Nightly export', expires_at: null }), makeToken({ name: 'CI', expires_at: '2027-01-01T00:00:00Z' })]);
    renderApp('/account');

    const table = await screen.findByRole('table', { name: 'Your API tokens' });
    const nightly = within(table).getByRole('rowheader', { name: 'Nightly export' }).closest('tr') as HTMLElement;
    expect(within(nightly).getByText('Never')).toBeInTheDocument();
    expect(within(table).getByRole('rowheader', { name: 'CI' })).toBeInTheDocument();
  });

  it('creates a token and shows its secret once, with a copy button and a warning', async () => {
    const api = server([]);
    api.route({
      'POST /auth/tokens/': {
        status: 201,
        body: { id: 9, name: 'Deploy bot', token: 'sk_secret_value', created_at: '2026-12-01T10:00:00Z', expires_at: '2026-12-31T10:00:00Z' },
      },
    });
    const { user } = renderApp('/account');
    const form = await screen.findByRole('form', { name: 'Create an API token' });

    await user.type(within(form).getByLabelText('Token name'), 'Deploy bot');
    await user.type(within(form).getByLabelText('Expires in days'), '30');
    await user.click(within(form).getByRole('button', { name: 'Create token' }));

    const secret = await screen.findByRole('region', { name: 'Token “Deploy bot” created' });
    expect(within(secret).getByLabelText('The new token')).toHaveValue('sk_secret_value');
    expect(secret).toHaveTextContent('Copy it now: it will not be shown again.');
    expect(api.callsTo('POST /auth/tokens/')[0].body).toEqual({ name: 'Deploy bot', expires_in_days: 30 });
    expect(screen.getByRole('rowheader', { name: 'Deploy bot' })).toBeInTheDocument();

    await user.click(within(secret).getByRole('button', { name: 'Copy token' }));
    // user-event stands in for the browser's clipboard
    expect(await navigator.clipboard.readText()).toBe('sk_secret_value');
    expect(within(secret).getByRole('status')).toHaveTextContent('Copied.');

    await user.click(within(secret).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText('sk_secret_value')).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue('sk_secret_value')).not.toBeInTheDocument();
  });

  it('sends no expiry when none is given, and refuses a bad number', async () => {
    const api = server([]);
    api.route({ 'POST /auth/tokens/': { status: 201, body: { ...makeToken({ name: 'Forever' }), token: 'x' } } });
    const { user } = renderApp('/account');
    const form = await screen.findByRole('form', { name: 'Create an API token' });

    await user.type(within(form).getByLabelText('Token name'), 'Forever');
    await user.type(within(form).getByLabelText('Expires in days'), '0');
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(within(form).getByLabelText('Expires in days')).toHaveAccessibleDescription(/from 1 to 3650/);
    expect(api.callsTo('POST /auth/tokens/')).toHaveLength(0);

    await user.clear(within(form).getByLabelText('Expires in days'));
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(api.callsTo('POST /auth/tokens/')).toHaveLength(1));
    expect(api.callsTo('POST /auth/tokens/')[0].body).toEqual({ name: 'Forever' });
  });

  it('revokes a token after a confirmation', async () => {
    const api = server();
    api.route({ 'DELETE /auth/tokens/7/': { status: 204 } });
    const { user } = renderApp('/account');
    await screen.findByRole('table', { name: 'Your API tokens' });

    await user.click(screen.getByRole('button', { name: 'Revoke Nightly export' }));
    expect(api.callsTo('DELETE /auth/tokens/7/')).toHaveLength(0);
    const question = screen.getByRole('group', { name: /Revoke “Nightly export”\?/ });
    await user.click(within(question).getByRole('button', { name: 'Revoke' }));

    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Nightly export' })).not.toBeInTheDocument());
    expect(api.callsTo('DELETE /auth/tokens/7/')).toHaveLength(1);
    expect(screen.getByText('You have no API tokens.')).toBeInTheDocument();
  });

  it('shows who is signed in', async () => {
    server([]);
    renderApp('/account');
    const profile = await screen.findByRole('region', { name: 'You' });
    expect(profile).toHaveTextContent('gus@example.com');
    expect(profile).toHaveTextContent('Agent');
  });
});
