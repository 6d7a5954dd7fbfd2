import { Outlet } from 'react-router';
import { SignInPage } from '../features/auth';
import { useAuth } from '../lib/auth';

/**
 * Agent pages: signed out, the sign-in form takes the page's place at the same
 * URL, so after signing in the agent is where they were. Nothing of the page
 * stays mounted meanwhile: signing out drops every agent's data on screen.
 */
export function RequireAgent() {
  const { state } = useAuth();
  if (state.status !== 'signed-in') {
    return <SignInPage reason={state.status === 'signed-out' ? state.reason : 'initial'} />;
  }
  return <Outlet />;
}
