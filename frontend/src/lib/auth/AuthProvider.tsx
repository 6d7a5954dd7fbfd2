import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  ApiError,
  CSRF_COOKIE,
  getMe,
  onUnauthorized,
  readCookie,
  signIn as postSignIn,
  signOut as postSignOut,
  type Credentials,
  type Me,
} from '../../api';
import { AuthContext, type AuthContextValue, type AuthState } from './AuthContext';

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('Unexpected error.');
}

/**
 * Knows who is signed in: asks `GET /api/auth/me/` at start (which also sets
 * the CSRF cookie) and treats every 401 from the API as "signed out", so an
 * ended session sends the agent back to the sign-in form on the page they were on.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const user = await getMe(signal);
      if (!signal?.aborted) setState({ status: 'signed-in', user });
    } catch (error) {
      const apiError = asApiError(error);
      if (signal?.aborted || apiError.aborted) return;
      if (apiError.status === 401) setState({ status: 'signed-out', reason: 'initial' });
      else setState({ status: 'unavailable', error: apiError });
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(
    () =>
      onUnauthorized(() =>
        setState((current) =>
          current.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : current,
        ),
      ),
    [],
  );

  const signIn = useCallback(async (credentials: Credentials): Promise<Me> => {
    if (!readCookie(CSRF_COOKIE)) {
      // The cookie went away (cleared by the visitor): the 401 answer sets it again.
      await getMe().catch(() => undefined);
    }
    const user = await postSignIn(credentials);
    setState({ status: 'signed-in', user, justSignedIn: true });
    return user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await postSignOut();
    } catch (error) {
      // A 401 means the session had already ended: signed out all the same.
      if (asApiError(error).status !== 401) throw asApiError(error);
    }
    setState({ status: 'signed-out', reason: 'signed-out' });
  }, []);

  const refresh = useCallback(() => load(), [load]);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      user: state.status === 'signed-in' ? state.user : null,
      signIn,
      signOut,
      refresh,
    }),
    [state, signIn, signOut, refresh],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
