import { useState } from 'react';
import { ApiError, ROLES, updateUser, type Role, type User, type UserUpdate } from '../../api';
import { ConfirmAction } from '../../components/ConfirmAction';
import { formatDateTime } from '../../lib/format';
import { ROLE_LABELS } from '../../lib/labels';
import { ResetPassword } from './ResetPassword';
import styles from './TeamPage.module.css';

export type TeamMessage = { tone: 'error' | 'success'; text: string };

interface UserTableProps {
  users: User[];
  currentUserId: number;
  /** A user as the server answered after a change. */
  onChanged: (user: User) => void;
  onMessage: (message: TeamMessage) => void;
}

function describeChange(user: User, changes: UserUpdate): string {
  if (changes.role) return `make ${user.name} ${changes.role === 'admin' ? 'an admin' : 'an agent'}`;
  if (changes.is_active === false) return `deactivate ${user.name}`;
  if (changes.is_active === true) return `reactivate ${user.name}`;
  return `change ${user.name}`;
}

function doneSentence(user: User, changes: UserUpdate): string {
  if (changes.role) return `${user.name} is now ${changes.role === 'admin' ? 'an admin' : 'an agent'}.`;
  if (changes.is_active === false) {
    return `${user.name} is deactivated: signed out everywhere, API tokens revoked, open tickets unassigned.`;
  }
  if (changes.is_active === true) return `${user.name} is active again and can sign in.`;
  return `${user.name} was changed.`;
}

/** The team as a table: who, their role, whether they may sign in, and what an admin can change. */
export function UserTable({ users, currentUserId, onChanged, onMessage }: UserTableProps) {
  const [saving, setSaving] = useState<Record<number, boolean>>({});

  async function change(user: User, changes: UserUpdate) {
    setSaving((s) => ({ ...s, [user.id]: true }));
    try {
      const saved = await updateUser(user.id, changes);
      onChanged(saved);
      onMessage({ tone: 'success', text: doneSentence(saved, changes) });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('Unexpected error.');
      const detail = Object.values(apiError.fieldErrors).flat().join(' ') || apiError.message;
      onMessage({ tone: 'error', text: `Could not ${describeChange(user, changes)}: ${detail}` });
    } finally {
      setSaving((s) => ({ ...s, [user.id]: false }));
    }
  }

  return (
    <table className={styles.table} role="table">
      <caption className="visually-hidden">Team members</caption>
      <thead role="rowgroup">
        <tr role="row">
          <th scope="col" role="columnheader">Name</th>
          <th scope="col" role="columnheader">Username</th>
          <th scope="col" role="columnheader">E-mail</th>
          <th scope="col" role="columnheader">Role</th>
          <th scope="col" role="columnheader">Status</th>
          <th scope="col" role="columnheader">Last sign-in</th>
          <th scope="col" role="columnheader">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        {users.map((user) => {
          const busy = saving[user.id] ?? false;
          const isMe = user.id === currentUserId;
          return (
            <tr key={user.id} role="row" className={user.is_active ? undefined : styles.inactive}>
              <th scope="row" role="rowheader" className={styles.nameCell}>
                {user.name}
                {isMe && <span className={styles.you}> (you)</span>}
              </th>
              <td role="cell" data-label="Username" className={styles.mono}>
                {user.username}
              </td>
              <td role="cell" data-label="E-mail" className={styles.email}>
                {user.email || <span className={styles.none}>None</span>}
              </td>
              <td role="cell" data-label="Role">
                <select
                  className={`control ${styles.roleSelect}`}
                  aria-label={`Role of ${user.name}`}
                  value={user.role}
                  disabled={busy}
                  onChange={(e) => void change(user, { role: e.target.value as Role })}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABELS[role]}
                    </option>
                  ))}
                </select>
              </td>
              <td role="cell" data-label="Status">
                <span className={user.is_active ? styles.active : styles.deactivated}>
                  {user.is_active ? 'Active' : 'Deactivated'}
                </span>
              </td>
              <td role="cell" data-label="Last sign-in">
                {user.last_login ? formatDateTime(user.last_login) : <span className={styles.none}>Never</span>}
              </td>
              <td role="cell" className={styles.actionsCell}>
                <div className={styles.rowActions}>
                  {user.is_active ? (
                    <ConfirmAction
                      label="Deactivate"
                      accessibleLabel={`Deactivate ${user.name}`}
                      danger
                      disabled={busy}
                      question={
                        isMe
                          ? 'Deactivate your own account? You are signed out at once and cannot sign in again.'
                          : `Deactivate ${user.name}? They are signed out at once, their API tokens stop working and their open tickets are unassigned.`
                      }
                      confirmLabel="Deactivate"
                      onConfirm={() => change(user, { is_active: false })}
                    />
                  ) : (
                    <ConfirmAction
                      label="Reactivate"
                      accessibleLabel={`Reactivate ${user.name}`}
                      disabled={busy}
                      question={`Reactivate ${user.name}? They can sign in again with their password.`}
                      confirmLabel="Reactivate"
                      onConfirm={() => change(user, { is_active: true })}
                    />
                  )}
                  <ResetPassword
                    user={user}
                    onDone={(saved) => {
                      onChanged(saved);
                      onMessage({
                        tone: 'success',
                        text: `${saved.name}'s password was changed: their sessions ended and their API tokens were revoked.`,
                      });
                    }}
                  />
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
