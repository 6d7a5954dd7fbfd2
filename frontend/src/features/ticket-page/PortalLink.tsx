import { useEffect, useId, useRef, useState } from 'react';
import type { ApiError } from '../../api/client';
import { Button } from '../../components/Button';
import styles from './PortalLink.module.css';

interface PortalLinkProps {
  portalUrl: string;
  onRotate: () => Promise<string>;
}

type Message = { tone: 'ok' | 'error'; text: string } | null;

function absolute(url: string): string {
  try {
    return new URL(url, window.location.origin).href;
  } catch {
    return url;
  }
}

/** The requester's private link: copy it, or replace it (the old one then stops working). */
export function PortalLink({ portalUrl, onRotate }: PortalLinkProps) {
  const id = useId();
  const url = absolute(portalUrl);
  const [fallback, setFallback] = useState(false);
  const [fallbackShown, setFallbackShown] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const rotateRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const fieldRef = useRef<HTMLInputElement>(null);

  const copy = async () => {
    setMessage(null);
    try {
      if (!navigator.clipboard) throw new Error('No clipboard');
      await navigator.clipboard.writeText(url);
      setFallback(false);
      setMessage({ tone: 'ok', text: 'Link copied. Paste it into your message to the customer.' });
    } catch {
      // No clipboard access (an older browser, or a page not served over HTTPS): the
      // link in a selected field, ready for Ctrl+C.
      setFallback(true);
      setFallbackShown((count) => count + 1);
    }
  };

  useEffect(() => {
    if (fallbackShown) fieldRef.current?.focus();
  }, [fallbackShown]);

  const askRotate = () => {
    setMessage(null);
    setConfirming(true);
    window.setTimeout(() => confirmRef.current?.focus(), 0);
  };

  const cancelRotate = () => {
    setConfirming(false);
    rotateRef.current?.focus();
  };

  const rotate = async () => {
    if (rotating) return;
    setRotating(true);
    try {
      await onRotate();
      setConfirming(false);
      setFallback(false);
      setMessage({ tone: 'ok', text: 'New link made. The old link no longer works: send the customer the new one.' });
      copyRef.current?.focus();
    } catch (failure) {
      setMessage({ tone: 'error', text: `Could not make a new link: ${(failure as ApiError).message}` });
    } finally {
      setRotating(false);
    }
  };

  return (
    <div className={styles.link}>
      <p className={styles.hint}>
        The customer follows this private link to read public replies and answer. Anyone who has it can do the same.
      </p>
      <div className={styles.actions}>
        <Button ref={copyRef} variant="secondary" onClick={() => void copy()}>
          Copy link
        </Button>
        <Button ref={rotateRef} variant="ghost" onClick={askRotate} aria-expanded={confirming} aria-controls={`${id}-confirm`}>
          Make a new link
        </Button>
      </div>
      {fallback && (
        <div className={styles.fallback}>
          <label htmlFor={`${id}-url`}>Link to copy</label>
          <input
            id={`${id}-url`}
            ref={fieldRef}
            className="control"
            readOnly
            value={url}
            onFocus={(event) => event.target.select()}
            aria-describedby={`${id}-copy-hint`}
          />
          <p id={`${id}-copy-hint`} className={styles.hint}>
            Copying was not allowed here: the link is selected, press Ctrl+C (⌘+C on a Mac) to copy it.
          </p>
        </div>
      )}
      <div id={`${id}-confirm`} hidden={!confirming}>
        {confirming && (
          <div className={styles.confirm} role="group" aria-labelledby={`${id}-warning`}>
            <p id={`${id}-warning`}>
              The current link stops working at once. The customer can only use the new one, so send it to them.
            </p>
            <div className={styles.actions}>
              <Button ref={confirmRef} variant="primary" onClick={() => void rotate()} aria-busy={rotating || undefined}>
                {rotating ? 'Replacing…' : 'Replace the link'}
              </Button>
              <Button variant="secondary" onClick={cancelRotate}>
                Keep the current link
              </Button>
            </div>
          </div>
        )}
      </div>
      <p role="status" className={message?.tone === 'error' ? styles.error : styles.ok}>
        {message?.text}
      </p>
    </div>
  );
}
