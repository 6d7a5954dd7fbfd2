import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getStats } from '../../../api';
import { fakeApi, unauthorized } from '../../../test/fakeApi';
import { makeMe } from '../../../test/factories';
import { AuthProvider, useAuth } from '..';

/** Shows what the provider knows, and buttons for what it does. */
function Probe() {
  const { state, user, signIn, signOut } = useAuth();
  return (
    <div>
      <p data-testid="state">{state.status === 'signed-out' ? `signed-out:${state.reason}` : state.status}</p>
      <p data-testid="user">{user?.name ?? 'nobody'}</p>
      <button type="button" onClick={() => void signIn({ username: 'ann', password: 'pw' }).catch(() => undefined)}>
        sign in
      </button>
      <button type="button" onClick={() => void signOut().catch(() => undefined)}>
        sign out
      </button>
    </div>
  );
}

function renderProvider() {
  render(
    <AuthProvider>
      <Probe />
    </AuthProvider>,
  );
  return { state: () => screen.getByTestId('state').textContent, user: () => screen.getByTestId('user').textContent };
}

describe('AuthProvider', () => {
  it('asks the server who is signed in at start', async () => {
    const api = fakeApi({ 'GET /auth/me/': { body: makeMe({ name: 'Ann Agent' }) } });
    const probe = renderProvider();

    expect(probe.state()).toBe('loading');
    await waitFor(() => expect(probe.state()).toBe('signed-in'));
    expect(probe.user()).toBe('Ann Agent');
    expect(api.callsTo('GET /auth/me/')).toHaveLength(1);
  });

  it('takes a 401 from /me as signed out', async () => {
    fakeApi({ 'GET /auth/me/': unauthorized });
    const probe = renderProvider();
    await waitFor(() => expect(probe.state()).toBe('signed-out:initial'));
    expect(probe.user()).toBe('nobody');
  });

  it('says the server is unavailable on any other failure, not signed out', async () => {
    fakeApi({ 'GET /auth/me/': { status: 503, body: { detail: 'The database is not answering.', errors: {} } } });
    const probe = renderProvider();
    await waitFor(() => expect(probe.state()).toBe('unavailable'));
  });

  it('signs out when any later request answers 401 (the session ended)', async () => {
    fakeApi({ 'GET /auth/me/': { body: makeMe() }, 'GET /tickets/stats/': unauthorized });
    const probe = renderProvider();
    await waitFor(() => expect(probe.state()).toBe('signed-in'));

    await act(() => getStats().catch(() => undefined));

    expect(probe.state()).toBe('signed-out:expired');
    expect(probe.user()).toBe('nobody');
  });

  it('signs in with the CSRF cookie, asking /me for one first when it is missing', async () => {
    const api = fakeApi({
      'GET /auth/me/': () => {
        document.cookie = 'csrftoken=fresh';
        return unauthorized;
      },
      'POST /auth/login/': { body: makeMe({ name: 'Ann' }) },
    });
    const probe = renderProvider();
    await waitFor(() => expect(probe.state()).toBe('signed-out:initial'));
    document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';

    await userEvent.click(screen.getByRole('button', { name: 'sign in' }));

    await waitFor(() => expect(probe.state()).toBe('signed-in'));
    expect(probe.user()).toBe('Ann');
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /auth/me/', 'GET /auth/me/', 'POST /auth/login/']);
    expect(api.callsTo('POST /auth/login/')[0].headers['x-csrftoken']).toBe('fresh');
  });

  it.each([
    ['the server ends the session', { status: 204 }],
    ['the session had already ended', unauthorized],
  ])('is signed out after signing out when %s', async (_case, reply) => {
    const api = fakeApi({ 'GET /auth/me/': { body: makeMe() }, 'POST /auth/logout/': reply });
    const probe = renderProvider();
    await waitFor(() => expect(probe.state()).toBe('signed-in'));

    await userEvent.click(screen.getByRole('button', { name: 'sign out' }));
    await waitFor(() => expect(probe.state()).toBe('signed-out:signed-out'));
    expect(api.callsTo('POST /auth/logout/')).toHaveLength(1);
  });

  it('stays signed in when signing out fails for another reason', async () => {
    fakeApi({
      'GET /auth/me/': { body: makeMe() },
      'POST /auth/logout/': { status: 503, body: { detail: 'Try again.', errors: {} } },
    });
    const probe = renderProvider();
    await waitFor(() => expect(probe.state()).toBe('signed-in'));

    await userEvent.click(screen.getByRole('button', { name: 'sign out' }));

    await new Promise((r) => setTimeout(r, 50));
    expect(probe.state()).toBe('signed-in');
  });
});
