import { createContext, useContext } from 'react';
import type { ApiError, Credentials, Me } from '../../api';

/**
 * Where the browser stands: still asking the server, signed out (and why),
 * signed in as someone, or unable to tell because the server did not answer.
 */
export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: 'initial' | 'signed-out' | 'expired' }
  | { status: 'signed-in'; user: Me; justSignedIn?: boolean }
  | { status: 'unavailable'; error: ApiError };

export interface AuthContextValue {
  state: AuthState;
  /** The signed-in user, or null. */
  user: Me | null;
  /** Starts a session; rejects with the ApiError (400 wrong credentials, 429 too many attempts). */
  signIn: (credentials: Credentials) => Promise<Me>;
  /** Ends the session; every agent page unmounts with its data. */
  signOut: () => Promise<void>;
  /** Asks the server again who is signed in (after a role change, or to retry). */
  refresh: () => Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>.');
  return value;
}
