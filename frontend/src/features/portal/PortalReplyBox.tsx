import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError } from '../../api/client';
import { createPortalReply } from '../../api/portal';
import { isSubmitShortcut, submitShortcutLabel } from '../../lib/submitShortcut';
import { Button } from '../../components/Button';
import styles from './PortalPage.module.css';

const REPLY_MAX = 10_000;
const NOT_FOUND = 404;
const CONFLICT = 409;

interface PortalReplyBoxProps {
  portalKey: string;
  resolved: boolean;
  onSent: () => void;
  /** The ticket was closed meanwhile: the page turns read-only, keeping the unsent text. */
  onClosed: (unsent: string) => void;
  onInvalid: () => void;
}

/** The requester's answer. Focus stays in the box after sending; the sent reply is announced. */
export function PortalReplyBox({ portalKey, resolved, onSent, onClosed, onInvalid }: PortalReplyBoxProps) {
  const id = useId();
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState('');
  const boxRef = useRef<HTMLTextAreaElement>(null);

  const send = async () => {
    if (sending) return;
    const text = body.trim();
    setSent('');
    if (!text) {
      setError('Write your reply first.');
      boxRef.current?.focus();
      return;
    }
    if (text.length > REPLY_MAX) {
      setError(`A reply can have at most ${REPLY_MAX.toLocaleString('en-US')} characters (this one has ${text.length.toLocaleString('en-US')}).`);
      boxRef.current?.focus();
      return;
    }
    setSending(true);
    setError(null);
    try {
      await createPortalReply(portalKey, text);
      setBody('');
      setSent(resolved ? 'Your reply was sent, and the ticket is open again.' : 'Your reply was sent.');
      onSent();
    } catch (failure) {
      const problem = failure instanceof ApiError ? failure : new ApiError('Unexpected error.');
      if (problem.status === CONFLICT) onClosed(text);
      else if (problem.status === NOT_FOUND) onInvalid();
      else setError(`Your reply was not sent: ${problem.message} Your text is still here.`);
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

  return (
    <form className={styles.reply} onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h2 id={`${id}-heading`} className={styles.sectionTitle}>
        Reply
      </h2>
      {resolved && (
        <p className={styles.note}>This ticket is resolved. If you still need help, reply and it opens again.</p>
      )}
      <label htmlFor={`${id}-body`} className={styles.label}>
        Your reply
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
        Our support team sees your reply here. {submitShortcutLabel()} sends.
      </p>
      {error && (
        <p id={`${id}-error`} className={styles.error} role="alert">
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" aria-busy={sending || undefined}>
          {sending ? 'Sending…' : 'Send reply'}
        </Button>
        <p role="status" className={styles.sent}>
          {sent}
        </p>
      </div>
    </form>
  );
}
