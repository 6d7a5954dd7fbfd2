import { afterEach, describe, expect, it, vi } from 'vitest';
import { changePassword, createToken, getMe, listTokens, revokeToken, signIn, signOut } from '../auth';
import { onUnauthorized } from '../client';
import { createTicket, getStats, updateTicket } from '../tickets';
import { createUser, listAgents, listUsers, updateUser } from '../users';
import { fakeApi, unauthorized } from '../../test/fakeApi';

describe('CSRF header', () => {
  it('echoes the csrftoken cookie on every unsafe request', async () => {
    document.cookie = 'csrftoken=abc123';
    const api = fakeApi({
      'POST /tickets/': { status: 201, body: {} },
      'PATCH /tickets/7/': { body: {} },
      'DELETE /auth/tokens/3/': { status: 204 },
      'POST /auth/logout/': { status: 204 },
    });

    await createTicket({ title: 'T', description: 'D' });
    await updateTicket(7, { status: 'closed' });
    await revokeToken(3);
    await signOut();

    expect(api.calls.map((c) => [c.method, c.headers['x-csrftoken']])).toEqual([
      ['POST', 'abc123'],
      ['PATCH', 'abc123'],
      ['DELETE', 'abc123'],
      ['POST', 'abc123'],
    ]);
  });

  it('does not send it on reads', async () => {
    document.cookie = 'csrftoken=abc123';
    const api = fakeApi({ 'GET /tickets/stats/': { body: {} } });

    await getStats();

    expect(api.calls[0].headers).not.toHaveProperty('x-csrftoken');
  });

  it('reads the cookie afresh each time, since signing in rotates it', async () => {
    document.cookie = 'csrftoken=before';
    const api = fakeApi({
      'POST /auth/login/': () => {
        document.cookie = 'csrftoken=after';
        return { body: {} };
      },
      'POST /auth/password/': { status: 204 },
    });

    await signIn({ username: 'ann', password: 'secret' });
    await changePassword({ current_password: 'a', new_password: 'b' });

    expect(api.calls.map((c) => c.headers['x-csrftoken'])).toEqual(['before', 'after']);
  });

  it('sends no header when there is no cookie (never an empty one)', async () => {
    const api = fakeApi({ 'POST /tickets/': { status: 201, body: {} } });
    await createTicket({ title: 'T', description: 'D' });
    expect(api.calls[0].headers).not.toHaveProperty('x-csrftoken');
  });
});

describe('401 listeners', () => {
  afterEach(() => vi.restoreAllMocks());

  it('hear every 401 and nothing else, until they stop listening', async () => {
    fakeApi({
      'GET /tickets/stats/': unauthorized,
      'GET /users/': { status: 403, body: { detail: 'Admins only.', errors: {} } },
    });
    const listener = vi.fn();
    const stop = onUnauthorized(listener);

    await expect(getStats()).rejects.toMatchObject({ status: 401 });
    await expect(listUsers()).rejects.toMatchObject({ status: 403 });
    expect(listener).toHaveBeenCalledTimes(1);

    stop();
    await expect(getStats()).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('account API functions', () => {
  it('send the right method, path and body for each endpoint', async () => {
    const api = fakeApi({
      'GET /auth/me/': { body: {} },
      'POST /auth/login/': { body: {} },
      'POST /auth/logout/': { status: 204 },
      'POST /auth/password/': { status: 204 },
      'GET /auth/tokens/': { body: [] },
      'POST /auth/tokens/': { status: 201, body: {} },
      'DELETE /auth/tokens/5/': { status: 204 },
      'GET /users/': { body: [] },
      'POST /users/': { status: 201, body: {} },
      'PATCH /users/9/': { body: {} },
      'GET /agents/': { body: [] },
    });

    await getMe();
    await signIn({ username: 'ann', password: 'pw' });
    await signOut();
    await changePassword({ current_password: 'old', new_password: 'new' });
    await listTokens();
    await createToken({ name: 'CI', expires_in_days: 30 });
    await revokeToken(5);
    await listUsers();
    await createUser({ username: 'bo', name: 'Bo', email: '', role: 'agent', password: 'long enough pw' });
    await updateUser(9, { is_active: false });
    await listAgents();

    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /auth/me/',
      'POST /auth/login/',
      'POST /auth/logout/',
      'POST /auth/password/',
      'GET /auth/tokens/',
      'POST /auth/tokens/',
      'DELETE /auth/tokens/5/',
      'GET /users/',
      'POST /users/',
      'PATCH /users/9/',
      'GET /agents/',
    ]);
    expect(api.callsTo('POST /auth/login/')[0].body).toEqual({ username: 'ann', password: 'pw' });
    expect(api.callsTo('POST /auth/password/')[0].body).toEqual({ current_password: 'old', new_password: 'new' });
    expect(api.callsTo('POST /auth/tokens/')[0].body).toEqual({ name: 'CI', expires_in_days: 30 });
    expect(api.callsTo('PATCH /users/9/')[0].body).toEqual({ is_active: false });
  });
});
