import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, updateUser, type User } from '../../api';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { PASSWORD_MIN } from './AddUserForm';
import styles from './TeamPage.module.css';

interface ResetPasswordProps {
  user: User;
  onDone: (user: User) => void;
}

/** "Reset password": a new password for someone else, in place in their row. */
export function ResetPassword({ user, onDone }: ResetPasswordProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<string[] | undefined>();
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open) inputRef.current?.focus();
    else if (wasOpen.current) buttonRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  function close() {
    setOpen(false);
    setPassword('');
    setErrors(undefined);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (password.length < PASSWORD_MIN) {
      setErrors([`The password needs at least ${PASSWORD_MIN} characters.`]);
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const saved = await updateUser(user.id, { password });
      close();
      onDone(saved);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('Could not change the password.');
      setErrors(apiError.fieldErrors.password ?? [apiError.message]);
      inputRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <Button ref={buttonRef} aria-label={`Reset password of ${user.name}`} onClick={() => setOpen(true)}>
        Reset password
      </Button>
    );
  }

  return (
    <form
      className={styles.resetForm}
      onSubmit={handleSubmit}
      noValidate
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !busy) close();
      }}
    >
      <TextField
        ref={inputRef}
        id={`${id}-password`}
        label={`New password for ${user.name}`}
        type="password"
        autoComplete="new-password"
        hint="Their sessions end and their API tokens are revoked."
        value={password}
        errors={errors}
        onChange={(e) => {
          setPassword(e.target.value);
          setErrors(undefined);
        }}
      />
      <div className={styles.inlineButtons}>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save password'}
        </Button>
        <Button variant="ghost" disabled={busy} onClick={close}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
