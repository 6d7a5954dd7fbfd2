import { useRef, useState, type FormEvent } from 'react';
import { ApiError, changePassword, type FieldErrors } from '../../api';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import styles from './AccountPage.module.css';

const PASSWORD_MIN = 10;

/** Changes one's own password; the server ends the other sessions and revokes the tokens. */
export function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    setFormError(null);
    const missing: FieldErrors = {};
    if (!current) missing.current_password = ['Enter your current password.'];
    if (next.length < PASSWORD_MIN) missing.new_password = [`The new password needs at least ${PASSWORD_MIN} characters.`];
    setErrors(missing);
    if (missing.current_password || missing.new_password) {
      (missing.current_password ? currentRef : nextRef).current?.focus();
      return;
    }
    setBusy(true);
    try {
      await changePassword({ current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setDone(true);
      onChanged();
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('Could not change the password.');
      const { current_password, new_password, ...rest } = apiError.fieldErrors;
      const onFields: FieldErrors = {};
      if (current_password) onFields.current_password = current_password;
      if (new_password) onFields.new_password = new_password;
      setErrors(onFields);
      const others = Object.values(rest).flat();
      const message = others.length ? others.join(' ') : current_password || new_password ? null : apiError.message;
      setFormError(message);
      if (message) requestAnimationFrame(() => alertRef.current?.focus());
      else (current_password ? currentRef : nextRef).current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={handleSubmit} noValidate aria-label="Change password">
      {formError && <ErrorBanner ref={alertRef}>{formError}</ErrorBanner>}
      <TextField
        ref={currentRef}
        label="Current password"
        type="password"
        name="current_password"
        autoComplete="current-password"
        value={current}
        errors={errors.current_password}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <TextField
        ref={nextRef}
        label="New password"
        type="password"
        name="new_password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters, not too common, not like your username.`}
        value={next}
        errors={errors.new_password}
        onChange={(e) => setNext(e.target.value)}
      />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </Button>
        <p role="status" className={styles.success}>
          {done && 'Password changed. Your other sessions were signed out and your API tokens revoked.'}
        </p>
      </div>
    </form>
  );
}
