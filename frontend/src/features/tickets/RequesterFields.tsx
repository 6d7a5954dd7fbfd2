import type { RefObject } from 'react';
import styles from './TicketForm.module.css';
import { EMAIL_MAX, REQUESTER_NAME_MAX } from './validation';

export type RequesterField = 'requester_name' | 'requester_email';

/** The id of a requester input, so the form can point its errors and focus at it. */
export function requesterFieldId(prefix: string, field: RequesterField): string {
  return `${prefix}-${field === 'requester_name' ? 'requester-name' : 'requester-email'}`;
}

interface RequesterFieldsProps {
  /** Customers must say who they are; an agent filing for someone may say who asked. */
  required: boolean;
  idPrefix: string;
  values: Record<RequesterField, string>;
  errors: Partial<Record<RequesterField, string[]>>;
  refs: Record<RequesterField, RefObject<HTMLInputElement>>;
  onChange: (field: RequesterField, value: string) => void;
}

const LABELS: Record<'customer' | 'agent', Record<RequesterField, string>> = {
  customer: { requester_name: 'Your name', requester_email: 'Your e-mail' },
  agent: { requester_name: "Requester's name", requester_email: "Requester's e-mail" },
};

/** Who is asking: name and e-mail, side by side, with one sentence on what they are for. */
export function RequesterFields({ required, idPrefix, values, errors, refs, onChange }: RequesterFieldsProps) {
  const hintId = `${idPrefix}-requester-hint`;
  const labels = LABELS[required ? 'customer' : 'agent'];

  function field(name: RequesterField) {
    const isName = name === 'requester_name';
    const id = requesterFieldId(idPrefix, name);
    const messages = errors[name];
    const errorId = messages?.length ? `${id}-error` : undefined;
    return (
      <div className={styles.field}>
        <label htmlFor={id}>{labels[name]}</label>
        <input
          ref={refs[name]}
          id={id}
          className="control"
          type={isName ? 'text' : 'email'}
          name={name}
          autoComplete={required ? (isName ? 'name' : 'email') : 'off'}
          inputMode={isName ? undefined : 'email'}
          maxLength={isName ? REQUESTER_NAME_MAX : EMAIL_MAX}
          value={values[name]}
          aria-required={required || undefined}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId ? `${hintId} ${errorId}` : hintId}
          onChange={(e) => onChange(name, e.target.value)}
        />
        {errorId && (
          <p className={styles.error} id={errorId}>
            {messages!.join(' ')}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className={styles.requester}>
      <div className={styles.row}>
        {field('requester_name')}
        {field('requester_email')}
      </div>
      <p className={styles.requesterHint} id={hintId}>
        {required
          ? 'The team answers you by e-mail, with a private link to follow your ticket.'
          : 'Optional: who asked, when you file this for someone. They get e-mail updates and a private link.'}
      </p>
    </div>
  );
}
