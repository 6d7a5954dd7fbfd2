import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiError } from '../../api/client';
import type { Comment, Visibility } from '../../api/workspace-types';
import { isSubmitShortcut, submitShortcutLabel } from '../../lib/submitShortcut';
import { COMMENT_MAX } from './limits';
import { Button } from '../../components/Button';
import styles from './ReplyBox.module.css';

interface ReplyBoxProps {
  requesterName: string | null;
  onSend: (body: string, visibility: Visibility) => Promise<Comment>;
}

const MODES: { value: Visibility; label: string }[] = [
  { value: 'public', label: 'Reply to customer' },
  { value: 'internal', label: 'Internal note' },
];

/**
 * Where agents write. "Reply to customer" is the default; "Internal note" changes the
 * box's colour, label, hint and button, so a note is never sent as a reply by mistake.
 * The choice stays after sending: a second note must not go out as a reply.
 */
export function ReplyBox({ requesterName, onSend }: ReplyBoxProps) {
  const id = useId();
  const [mode, setMode] = useState<Visibility>('public');
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState('');
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const internal = mode === 'internal';
  const shortcut = submitShortcutLabel();

  const send = async () => {
    if (sending) return;
    const text = body.trim();
    setSent('');
    if (!text) {
      setError(internal ? 'Write the note first.' : 'Write the reply first.');
      boxRef.current?.focus();
      return;
    }
    if (text.length > COMMENT_MAX) {
      setError(`A message can have at most ${COMMENT_MAX.toLocaleString('en-US')} characters (this one has ${text.length.toLocaleString('en-US')}).`);
      boxRef.current?.focus();
      return;
    }
    setSending(true);
    setError(null);
    try {
      await onSend(text, mode);
      setBody('');
      setSent(internal ? 'Internal note added.' : 'Reply sent to the customer.');
    } catch (failure) {
      setError(`Not sent: ${(failure as ApiError).message} Your text is still here.`);
    } finally {
      setSending(false);
      boxRef.current?.focus();
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isSubmitShortcut(event)) {
      event.preventDefault();
      void send();
    }
  };

  const boxLabel = internal ? 'Internal note (only agents see it)' : `Reply to ${requesterName || 'the customer'}`;
  const hint = internal
    ? 'Only agents see internal notes. The customer is not told.'
    : 'The customer sees this reply on their ticket page.';

  return (
    <form className={styles.box} data-mode={mode} onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h2 id={`${id}-heading`} className="visually-hidden">
        Write a reply or an internal note
      </h2>
      <fieldset className={styles.switch}>
        <legend className="visually-hidden">Who sees this message</legend>
        {MODES.map((option) => (
          <label key={option.value} className={styles.segment} data-value={option.value}>
            <input
              type="radio"
              name={`${id}-mode`}
              value={option.value}
              checked={mode === option.value}
              onChange={() => setMode(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-body`} className={styles.boxLabel}>
        {internal && (
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" fill="currentColor" />
          </svg>
        )}
        {boxLabel}
      </label>
      <textarea
        id={`${id}-body`}
        ref={boxRef}
        className={`control ${styles.text}`}
        value={body}
        readOnly={sending}
        onChange={(event) => {
          setBody(event.target.value);
          if (error) setError(null);
        }}
        onKeyDown={onKeyDown}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={!!error || undefined}
        aria-keyshortcuts="Control+Enter Meta+Enter"
      />
      <p id={`${id}-hint`} className={styles.hint}>
        {hint} {shortcut} sends.
      </p>
      {error && (
        <p id={`${id}-error`} className={styles.error} role="alert">
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" className={styles.send} aria-busy={sending || undefined}>
          {sending ? 'Sending…' : internal ? 'Add internal note' : 'Send reply'}
        </Button>
        <p role="status" className={styles.sent}>
          {sent}
        </p>
      </div>
    </form>
  );
}
