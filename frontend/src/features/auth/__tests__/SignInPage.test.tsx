import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, unauthorized, type Reply } from '../../../test/fakeApi';
import { makeMe, makePage, makeStats, makeUser } from '../../../test/factories';
import { renderApp } from '../../../test/renderApp';

const WRONG: Reply = { status: 400, body: { detail: 'The username or password is not correct.', errors: {} } };

function signedOutServer(login: Reply | (() => Reply)) {
  return fakeApi({
    'GET /auth/me/': unauthorized,
    'POST /auth/login/': login,
    'GET /tickets/': { body: makePage([]) },
    'GET /tickets/stats/': { body: makeStats() },
    'GET /users/': { body: [makeUser({ name: 'Ann Admin', role: 'admin' })] },
  });
}

async function fillAndSubmit(user: ReturnType<typeof renderApp>['user'], username = 'ann', password = 'secret pass') {
  const form = await screen.findByRole('form', { name: 'Sign in' });
  await user.type(within(form).getByLabelText('Username'), username);
  await user.type(within(form).getByLabelText('Password'), password);
  await user.click(within(form).getByRole('button', { name: 'Sign in' }));
  return form;
}

describe('SignInPage', () => {
  it('is what a signed-out visitor sees at /, with a way to submit without an account', async () => {
    signedOutServer(WRONG);
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(screen.getByRole('link', { name: 'Submit a ticket without an account' })).toHaveAttribute('href', '/submit');
    expect(screen.queryByRole('list', { name: 'Tickets' })).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });

  it('asks for both fields before sending anything, with the focus on the first empty one', async () => {
    const api = signedOutServer(WRONG);
    const { user } = renderApp('/');
    const form = await screen.findByRole('form', { name: 'Sign in' });

    await user.type(within(form).getByLabelText('Username'), 'ann');
    await user.click(within(form).getByRole('button', { name: 'Sign in' }));

    const password = within(form).getByLabelText('Password');
    expect(password).toHaveAccessibleDescription('Enter your password.');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(password).toHaveFocus());
    expect(api.callsTo('POST /auth/login/')).toHaveLength(0);
  });

  it('shows wrong credentials next to the form and moves the focus to the message', async () => {
    const api = signedOutServer(WRONG);
    const { user } = renderApp('/');

    const form = await fillAndSubmit(user, 'ann', 'not it at all');

    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('The username or password is not correct.');
    await waitFor(() => expect(alert).toHaveFocus());
    expect(within(form).getByLabelText('Password')).toHaveValue('');
    expect(within(form).getByLabelText('Username')).toHaveValue('ann');
    expect(api.callsTo('POST /auth/login/')[0].body).toEqual({ username: 'ann', password: 'not it at all' });
  });

  it('says clearly when there were too many attempts, and how long to wait', async () => {
    signedOutServer({
      status: 429,
      body: { detail: 'Too many sign-in attempts. Try again in 15 minutes.', errors: {} },
      headers: { 'Retry-After': '900' },
    });
    const { user } = renderApp('/');

    const form = await fillAndSubmit(user);

    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('Too many sign-in attempts. Try again in 15 minutes.');
    await waitFor(() => expect(alert).toHaveFocus());
  });

  it('works out the wait from Retry-After when the answer has no sentence', async () => {
    signedOutServer({ status: 429, body: '', headers: { 'Retry-After': '120' } });
    const { user } = renderApp('/');
    const form = await fillAndSubmit(user);
    expect(await within(form).findByRole('alert')).toHaveTextContent('Too many sign-in attempts. Try again in 2 minutes.');
  });

  it('shows the debug admin notice when the server puts it in the page', async () => {
    const meta = document.createElement('meta');
    meta.name = 'debug-admin';
    meta.content = 'admin admin';
    document.head.append(meta);
    signedOutServer(WRONG);
    renderApp('/');

    expect(await screen.findByRole('note')).toHaveTextContent('Debug mode: sign in as admin / admin');
  });

  it('shows no debug notice without the meta tag', async () => {
    signedOutServer(WRONG);
    renderApp('/');
    await screen.findByRole('form', { name: 'Sign in' });
    expect(screen.queryByText(/Debug mode/)).not.toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it('takes the place of any agent page and leads back to it after signing in', async () => {
    const api = signedOutServer({ body: makeMe({ name: 'Ann Admin', role: 'admin' }) });
    const { user } = renderApp('/team?x=1');

    await fillAndSubmit(user);

    expect(await screen.findByRole('heading', { level: 1, name: 'Team' })).toBeInTheDocument();
    expect(window.location.pathname + window.location.search).toBe('/team?x=1');
    expect(await screen.findByRole('rowheader', { name: 'Ann Admin' })).toBeInTheDocument();
    expect(api.callsTo('POST /auth/login/')).toHaveLength(1);
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());
  });
});
