import { useState } from 'react';
import type { NewWebhook } from '../../api/webhooks';
import { Button } from '../../components/Button';
import styles from './WebhooksPage.module.css';

interface SecretNoticeProps {
  webhook: NewWebhook;
  onDone: () => void;
}

/** The signing secret of a new webhook: shown once, with a copy button. */
export function SecretNotice({ webhook, onDone }: SecretNoticeProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(webhook.secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className={styles.secret} role="status">
      <p>
        <strong>Webhook added.</strong> Copy its signing secret now: it is shown only this once. Receivers use it to
        verify the <code>webhook-signature</code> header (Standard Webhooks).
      </p>
      <label htmlFor="webhook-secret">Signing secret for {webhook.url}</label>
      <div className={styles.secretRow}>
        <input id="webhook-secret" readOnly value={webhook.secret} onFocus={(e) => e.target.select()} />
        <Button onClick={copy}>Copy</Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      {copied === 'yes' && <p className={styles.hint}>Copied to the clipboard.</p>}
      {copied === 'failed' && <p className={styles.hint}>Copying failed: select the secret and copy it by hand.</p>}
    </div>
  );
}
