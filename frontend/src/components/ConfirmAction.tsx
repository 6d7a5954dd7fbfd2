import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from './Button';
import styles from './ConfirmAction.module.css';

interface ConfirmActionProps {
  /** The button's text, e.g. "Deactivate". */
  label: string;
  /** Its accessible name when the text alone is ambiguous in a list, e.g. "Deactivate Jane Doe". */
  accessibleLabel?: string;
  /** What will happen, asked as a question. */
  question: ReactNode;
  /** The confirming button's text. */
  confirmLabel: string;
  /** Runs the action; the confirmation closes when it settles. */
  onConfirm: () => Promise<unknown> | void;
  danger?: boolean;
  disabled?: boolean;
}

/**
 * A button that asks before it acts: the question and its two buttons replace
 * it in place (no modal), the keyboard moves to them, Escape or Cancel go back.
 */
export function ConfirmAction({
  label,
  accessibleLabel,
  question,
  confirmLabel,
  onConfirm,
  danger = false,
  disabled = false,
}: ConfirmActionProps) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      triggerRef.current?.focus();
    }
  }, [asking]);

  function cancel() {
    returnFocus.current = true;
    setAsking(false);
  }

  async function confirm() {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      // Back to the button (its label may have changed, e.g. to "Reactivate").
      returnFocus.current = true;
      setBusy(false);
      setAsking(false);
    }
  }

  if (!asking) {
    return (
      <Button
        ref={triggerRef}
        variant={danger ? 'danger' : 'secondary'}
        aria-label={accessibleLabel}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </Button>
    );
  }

  return (
    <div
      className={styles.confirm}
      role="group"
      aria-labelledby={`${id}-question`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !busy) {
          event.stopPropagation();
          cancel();
        }
      }}
    >
      <p id={`${id}-question`} className={styles.question}>
        {question}
      </p>
      <div className={styles.buttons}>
        <Button variant={danger ? 'danger' : 'primary'} disabled={busy} onClick={confirm}>
          {busy ? 'Working…' : confirmLabel}
        </Button>
        <Button ref={cancelRef} variant="ghost" disabled={busy} onClick={cancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
