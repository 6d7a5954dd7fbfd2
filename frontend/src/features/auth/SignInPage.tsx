import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, type FieldErrors } from '../../api';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { readDebugAdmin, useAuth } from '../../lib/auth';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import styles from './SignInPage.module.css';

interface SignInPageProps {
  /** Why the form is shown: first visit, after signing out, or because the session ended. */
  reason?: 'initial' | 'signed-out' | 'expired';
}

function waitSentence(error: ApiError): string {
  // The server's sentence says how long; this is for an answer without one (a proxy's).
  if (error.message.startsWith('Too many sign-in attempts')) return error.message;
  const minutes = error.retryAfter ? Math.max(1, Math.round(error.retryAfter / 60)) : null;
  return minutes
    ? `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`
    : 'Too many sign-in attempts. Please wait a few minutes and try again.';
}

/** The agents' way in: username and password, with every refusal said next to the form. */
export function SignInPage({ reason = 'initial' }: SignInPageProps) {
  useDocumentTitle('Sign in');
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [debugAdmin] = useState(readDebugAdmin);

  function focusAfterRender(target: { current: HTMLElement | null }) {
    requestAnimationFrame(() => target.current?.focus());
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const missing: FieldErrors = {};
    if (!username.trim()) missing.username = ['Enter your username.'];
    if (!password) missing.password = ['Enter your password.'];
    setFormError(null);
    setFieldErrors(missing);
    if (missing.username || missing.password) {
      focusAfterRender(missing.username ? usernameRef : passwordRef);
      return;
    }
    setBusy(true);
    try {
      await signIn({ username: username.trim(), password });
      // Signed in: this page gives way to the one that was asked for.
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('Could not sign in.');
      const { username: userErrors, password: passwordErrors, ...rest } = apiError.fieldErrors;
      const onFields: FieldErrors = {};
      if (userErrors) onFields.username = userErrors;
      if (passwordErrors) onFields.password = passwordErrors;
      setFieldErrors(onFields);
      const others = Object.values(rest).flat();
      let message: string | null;
      if (apiError.status === 429) message = waitSentence(apiError);
      else if (others.length) message = others.join(' ');
      else if (onFields.username || onFields.password) message = null;
      else message = apiError.message || 'Could not sign in.';
      setFormError(message);
      setPassword('');
      setBusy(false);
      focusAfterRender(message ? alertRef : onFields.username ? usernameRef : passwordRef);
    }
  }

  return (
    <div className={styles.page}>
      <section className={styles.card} aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading" className={styles.title}>
          Sign in
        </h1>
        <p className={styles.lead}>Agents and admins sign in to work the ticket queue.</p>

        {reason === 'expired' && (
          <p className={styles.notice} role="status">
            Your session has ended. Sign in again to continue where you were.
          </p>
        )}
        {reason === 'signed-out' && (
          <p className={styles.notice} role="status">
            You are signed out.
          </p>
        )}
        {debugAdmin && (
          <p className={styles.debug} role="note">
            <strong>Debug mode:</strong> sign in as {debugAdmin.username} / {debugAdmin.password}
            <span className={styles.debugNote}> Change this password on your Account page before you share this server.</span>
          </p>
        )}

        <form className={styles.form} onSubmit={handleSubmit} noValidate aria-label="Sign in">
          {formError && <ErrorBanner ref={alertRef}>{formError}</ErrorBanner>}
          <TextField
            ref={usernameRef}
            label="Username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            errors={fieldErrors.username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <TextField
            ref={passwordRef}
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            errors={fieldErrors.password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <Button type="submit" variant="primary" disabled={busy} className={styles.submit}>
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
      </section>

      <p className={styles.customer}>
        Need help from the support team? <Link to="/submit">Submit a ticket without an account</Link>
      </p>
    </div>
  );
}
