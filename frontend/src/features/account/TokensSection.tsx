import { useEffect, useRef, useState } from 'react';
import { ApiError, revokeToken, type NewApiToken } from '../../api';
import { Button } from '../../components/Button';
import { ConfirmAction } from '../../components/ConfirmAction';
import { CopyButton } from '../../components/CopyButton';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { formatDateTime } from '../../lib/format';
import { NewTokenForm } from './NewTokenForm';
import styles from './AccountPage.module.css';
import type { useTokens } from './useTokens';

/** The secret of a token just created: shown this once, with a way to copy it. */
function NewTokenSecret({ token, onDone }: { token: NewApiToken; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className={styles.secret} aria-labelledby="new-token-heading">
      <h3 id="new-token-heading" ref={headingRef} tabIndex={-1} className={styles.secretTitle}>
        Token “{token.name}” created
      </h3>
      <p className={styles.warning}>
        <strong>Copy it now: it will not be shown again.</strong> Only a hash of it is stored. Scripts send it as{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <div className={styles.secretRow}>
        <label htmlFor="new-token-value" className="visually-hidden">
          The new token
        </label>
        <input
          id="new-token-value"
          className={`control ${styles.secretValue}`}
          readOnly
          value={token.token}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={token.token} label="Copy token" />
      </div>
      <div>
        <Button onClick={onDone}>I have copied it</Button>
      </div>
    </section>
  );
}

type Tokens = ReturnType<typeof useTokens>;

/** The user's API tokens: list, create (the secret shown once), revoke. */
export function TokensSection({ tokens }: { tokens: Tokens }) {
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function revoke(id: number, name: string) {
    setError(null);
    try {
      await revokeToken(id);
      tokens.remove(id);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError('Unexpected error.');
      if (apiError.status === 404) tokens.remove(id);
      else setError(`Could not revoke “${name}”: ${apiError.message}`);
    }
  }

  return (
    <div className={styles.tokens}>
      <p className={styles.lead}>
        Scripts and integrations use a token instead of your password. A token acts as you; revoke it when it is no
        longer needed.
      </p>
      {created ? (
        <NewTokenSecret token={created} onDone={() => setCreated(null)} />
      ) : (
        <NewTokenForm
          onCreated={(token) => {
            setCreated(token);
            tokens.add(token);
          }}
        />
      )}

      {error && <ErrorBanner onDismiss={() => setError(null)}>{error}</ErrorBanner>}
      {tokens.error && <ErrorBanner onRetry={tokens.reload}>Could not load your tokens. {tokens.error.message}</ErrorBanner>}
      {!tokens.tokens && !tokens.error && <Spinner label="Loading your tokens…" showLabel />}
      {tokens.tokens && tokens.tokens.length === 0 && <p className={styles.empty}>You have no API tokens.</p>}
      {tokens.tokens && tokens.tokens.length > 0 && (
        <table className={styles.table} role="table">
          <caption className="visually-hidden">Your API tokens</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">Name</th>
              <th scope="col" role="columnheader">Created</th>
              <th scope="col" role="columnheader">Expires</th>
              <th scope="col" role="columnheader">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {tokens.tokens.map((token) => (
              <tr key={token.id} role="row">
                <th scope="row" role="rowheader" className={styles.tokenName}>
                  {token.name}
                </th>
                <td role="cell" data-label="Created">{formatDateTime(token.created_at)}</td>
                <td role="cell" data-label="Expires">{token.expires_at ? formatDateTime(token.expires_at) : 'Never'}</td>
                <td role="cell" className={styles.actionsCell}>
                  <ConfirmAction
                    label="Revoke"
                    accessibleLabel={`Revoke ${token.name}`}
                    danger
                    question={`Revoke “${token.name}”? Whatever uses it stops working at once.`}
                    confirmLabel="Revoke"
                    onConfirm={() => revoke(token.id, token.name)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
