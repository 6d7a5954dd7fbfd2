import { useRef, useState, type FormEvent } from 'react';
import { ApiError, ROLES, createUser, type FieldErrors, type Role, type User } from '../../api';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { ROLE_LABELS } from '../../lib/labels';
import styles from './TeamPage.module.css';

type Field = 'name' | 'username' | 'email' | 'role' | 'password';
const FIELDS: Field[] = ['name', 'username', 'email', 'role', 'password'];
const EMPTY = { name: '', username: '', email: '', role: 'agent' as Role, password: '' };
export const PASSWORD_MIN = 10;

function checkDraft(draft: typeof EMPTY): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.name.trim()) errors.name = ['Enter their name.'];
  if (!draft.username.trim()) errors.username = ['Choose a username.'];
  if (draft.email.trim() && !/^[^\s@]+@[^\s@]+$/.test(draft.email.trim())) {
    errors.email = ['Enter an e-mail address like name@example.com.'];
  }
  if (draft.password.length < PASSWORD_MIN) errors.password = [`The password needs at least ${PASSWORD_MIN} characters.`];
  return errors;
}

/** Adds an agent or admin; the API's refusals appear beside their fields. */
export function AddUserForm({ onAdded }: { onAdded: (user: User) => void }) {
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<User | null>(null);
  const refs = {
    name: useRef<HTMLInputElement>(null),
    username: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    role: useRef<HTMLSelectElement>(null),
    password: useRef<HTMLInputElement>(null),
  };
  const alertRef = useRef<HTMLDivElement>(null);

  function change(field: Field, value: string) {
    setDraft((d) => ({ ...d, [field]: value }));
    if (errors[field]) {
      setErrors((current) => {
        const next = { ...current };
        delete next[field];
        return next;
      });
    }
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    setAdded(null);
    const clientErrors = checkDraft(draft);
    const firstInvalid = FIELDS.find((f) => clientErrors[f]);
    setErrors(clientErrors);
    if (firstInvalid) {
      refs[firstInvalid].current?.focus();
      return;
    }
    setBusy(true);
    try {
      const user = await createUser({
        name: draft.name.trim(),
        username: draft.username.trim(),
        email: draft.email.trim(),
        role: draft.role,
        password: draft.password,
      });
      setDraft(EMPTY);
      setAdded(user);
      onAdded(user);
      refs.name.current?.focus();
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('Could not add them.');
      const onFields: FieldErrors = {};
      const others: string[] = [];
      for (const [field, messages] of Object.entries(apiError.fieldErrors)) {
        if ((FIELDS as string[]).includes(field)) onFields[field] = messages;
        else others.push(...messages);
      }
      setErrors(onFields);
      const first = FIELDS.find((f) => onFields[f]);
      const message = others.length ? others.join(' ') : first ? null : apiError.message;
      setFormError(message);
      if (message) requestAnimationFrame(() => alertRef.current?.focus());
      else if (first) refs[first].current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.addForm} onSubmit={handleSubmit} noValidate aria-label="Add a team member">
      {formError && <ErrorBanner ref={alertRef}>{formError}</ErrorBanner>}
      <div className={styles.addGrid}>
        <TextField
          ref={refs.name}
          label="Name"
          name="name"
          autoComplete="off"
          maxLength={150}
          value={draft.name}
          errors={errors.name}
          onChange={(e) => change('name', e.target.value)}
        />
        <TextField
          ref={refs.username}
          label="Username"
          name="username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={150}
          hint="Letters, digits and @ . + - _ only."
          value={draft.username}
          errors={errors.username}
          onChange={(e) => change('username', e.target.value)}
        />
        <TextField
          ref={refs.email}
          label="E-mail"
          name="email"
          type="email"
          autoComplete="off"
          hint="Optional."
          value={draft.email}
          errors={errors.email}
          onChange={(e) => change('email', e.target.value)}
        />
        <SelectField
          ref={refs.role}
          label="Role"
          name="role"
          hint="Admins also manage the team and webhooks."
          value={draft.role}
          errors={errors.role}
          onChange={(e) => change('role', e.target.value)}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <TextField
          ref={refs.password}
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters. Pass it on safely; they can change it on their Account page.`}
          value={draft.password}
          errors={errors.password}
          onChange={(e) => change('password', e.target.value)}
        />
      </div>
      <div className={styles.addActions}>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add team member'}
        </Button>
        <p role="status" className={styles.added}>
          {added &&
            `${added.name} (${added.username}) was added as ${added.role === 'admin' ? 'an admin' : 'an agent'} and can sign in now.`}
        </p>
      </div>
    </form>
  );
}
