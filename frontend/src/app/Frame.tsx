import { Link, Outlet, useMatch } from 'react-router';
import { ErrorBanner } from '../components/ErrorBanner';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { useAuth } from '../lib/auth';
import { AppShell } from './AppShell';
import { PublicLayout } from './PublicLayout';
import styles from './Frame.module.css';

/**
 * Picks the frame by who is looking: the app shell for a signed-in agent, the
 * plain public header for everyone else. One frame for all of the app's
 * pages, so moving between them keeps the header (and its focus handling).
 */
export function Frame() {
  const { state, refresh } = useAuth();
  const onSubmitPage = useMatch('/submit') !== null;

  if (state.status === 'loading') {
    return (
      <div className={styles.loading}>
        <Spinner label="Loading…" showLabel />
      </div>
    );
  }
  if (state.status === 'unavailable') {
    return (
      <PublicLayout>
        <PageHeader title="Cannot reach the server" />
        <ErrorBanner onRetry={() => void refresh()}>
          The app could not ask the server who is signed in. {state.error.message}
        </ErrorBanner>
      </PublicLayout>
    );
  }
  if (state.status === 'signed-in') {
    return (
      <AppShell>
        <Outlet />
      </AppShell>
    );
  }
  return (
    <PublicLayout action={onSubmitPage ? <Link to="/">Sign in</Link> : undefined}>
      <Outlet />
    </PublicLayout>
  );
}
