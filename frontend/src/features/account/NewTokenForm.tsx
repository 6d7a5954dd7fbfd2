import { useRef, useState, type FormEvent } from 'react';
import { ApiError, createToken, type FieldErrors, type NewApiToken, type TokenCreate } from '../../api';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import styles from './AccountPage.module.css';

const NAME_MAX = 100;
const DAYS_MAX = 3650;

/** Names a new token and, optionally, how many days it lives. */
export function NewTokenForm({ onCreated }: { onCreated: (token: NewApiToken) => void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const daysRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const found: FieldErrors = {};
    if (!name.trim()) found.name = ['Name the token after what will use it.'];
    const dayCount = Number(days);
    if (days.trim() && (!Number.isInteger(dayCount) || dayCount < 1 || dayCount > DAYS_MAX)) {
      found.expires_in_days = [`Enter a whole number of days from 1 to ${DAYS_MAX}, or leave it empty.`];
    }
    setErrors(found);
    if (found.name || found.expires_in_days) {
      (found.name ? nameRef : daysRef).current?.focus();
      return;
    }
    const body: TokenCreate = { name: name.trim() };
    if (days.trim()) body.expires_in_days = dayCount;
    setBusy(true);
    try {
      const token = await createToken(body);
      setName('');
      setDays('');
      onCreated(token);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('Could not create the token.');
      const { name: nameErrors, expires_in_days: dayErrors, ...rest } = apiError.fieldErrors;
      const onFields: FieldErrors = {};
      if (nameErrors) onFields.name = nameErrors;
      if (dayErrors) onFields.expires_in_days = dayErrors;
      setErrors(onFields);
      const others = Object.values(rest).flat();
      setFormError(others.length ? others.join(' ') : nameErrors || dayErrors ? null : apiError.message);
      if (nameErrors) nameRef.current?.focus();
      else if (dayErrors) daysRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.tokenForm} onSubmit={handleSubmit} noValidate aria-label="Create an API token">
      {formError && <ErrorBanner>{formError}</ErrorBanner>}
      <div className={styles.tokenFields}>
        <TextField
          ref={nameRef}
          label="Token name"
          name="token_name"
          autoComplete="off"
          maxLength={NAME_MAX}
          placeholder="e.g. Nightly export"
          value={name}
          errors={errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          ref={daysRef}
          label="Expires in days"
          name="expires_in_days"
          type="number"
          inputMode="numeric"
          min={1}
          max={DAYS_MAX}
          hint="Optional. Empty: the token never expires."
          value={days}
          errors={errors.expires_in_days}
          onChange={(e) => setDays(e.target.value)}
        />
      </div>
      <div>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </Button>
      </div>
    </form>
  );
}
