import { useCallback, useRef, useState } from 'react';
import type { User } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { Spinner } from '../../components/Spinner';
import { useAuth } from '../../lib/auth';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { AddUserForm } from './AddUserForm';
import styles from './TeamPage.module.css';
import { useUsers } from './useUsers';
import { UserTable, type TeamMessage } from './UserTable';

/** `/team` (admins): who may sign in, with which role, and adding people. */
export function TeamPage() {
  useDocumentTitle('Team');
  const { user: me, refresh } = useAuth();
  const { users, error, retry, put } = useUsers();
  const [message, setMessage] = useState<TeamMessage | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  const showMessage = useCallback((next: TeamMessage) => {
    setMessage(next);
    if (next.tone === 'error') requestAnimationFrame(() => messageRef.current?.focus());
  }, []);

  const handleChanged = useCallback(
    (user: User) => {
      put(user);
      // A change to oneself (role, active) changes what this page may show.
      if (user.id === me?.id) void refresh();
    },
    [put, me?.id, refresh],
  );

  const active = users?.filter((u) => u.is_active).length ?? 0;

  return (
    <>
      <PageHeader
        title="Team"
        description="Everyone who may sign in. Agents work the queue; admins also manage the team and webhooks."
      />
      <Panel id="people" title="Team members">
        {message &&
          (message.tone === 'error' ? (
            <ErrorBanner ref={messageRef} onDismiss={() => setMessage(null)}>
              {message.text}
            </ErrorBanner>
          ) : (
            <ErrorBanner tone="info" onDismiss={() => setMessage(null)}>
              {message.text}
            </ErrorBanner>
          ))}
        {error && <ErrorBanner onRetry={retry}>Could not load the team. {error.message}</ErrorBanner>}
        {!users && !error && <Spinner label="Loading the team…" showLabel />}
        {users && (
          <>
            <p className={styles.summary}>
              {active} active of {users.length} {users.length === 1 ? 'person' : 'people'}
            </p>
            <UserTable users={users} currentUserId={me?.id ?? -1} onChanged={handleChanged} onMessage={showMessage} />
          </>
        )}
      </Panel>
      <Panel id="add-member" title="Add a team member">
        <AddUserForm onAdded={put} />
      </Panel>
    </>
  );
}
