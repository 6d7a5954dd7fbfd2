import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { useAuth } from '../../lib/auth';
import { ROLE_LABELS } from '../../lib/labels';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import styles from './AccountPage.module.css';
import { PasswordForm } from './PasswordForm';
import { TokensSection } from './TokensSection';
import { useTokens } from './useTokens';

/** `/account`: who you are, your password, your API tokens. */
export function AccountPage() {
  useDocumentTitle('Account');
  const { user } = useAuth();
  const tokens = useTokens();
  if (!user) return null;

  return (
    <>
      <PageHeader title="Account" description="Your sign-in details and the API tokens of your scripts." />
      <div className={styles.grid}>
        <Panel id="profile" title="You">
          <dl className={styles.profile}>
            <div>
              <dt>Name</dt>
              <dd>{user.name}</dd>
            </div>
            <div>
              <dt>Username</dt>
              <dd>{user.username}</dd>
            </div>
            <div>
              <dt>E-mail</dt>
              <dd>{user.email || 'None'}</dd>
            </div>
            <div>
              <dt>Role</dt>
              <dd>{ROLE_LABELS[user.role]}</dd>
            </div>
          </dl>
        </Panel>
        <Panel id="password" title="Password">
          {/* The server revokes every token on a password change: the list follows. */}
          <PasswordForm onChanged={tokens.reload} />
        </Panel>
        <Panel id="tokens" title="API tokens" className={styles.wide}>
          <TokensSection tokens={tokens} />
        </Panel>
      </div>
    </>
  );
}
