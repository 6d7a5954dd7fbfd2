import { useState } from 'react';
import { deleteWebhook, sendTestPing, type Webhook } from '../../api/webhooks';
import { toApiError } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../lib/format';
import { DeliveryTable } from './DeliveryTable';
import styles from './WebhooksPage.module.css';

interface WebhookItemProps {
  webhook: Webhook;
  onDeleted: (id: number) => void;
}

/** One webhook: what it receives, a test ping, its deliveries, and deleting it. */
export function WebhookItem({ webhook, onDeleted }: WebhookItemProps) {
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pings, setPings] = useState(0);

  async function ping() {
    setBusy(true);
    setError(null);
    try {
      await sendTestPing(webhook.id);
      setMessage('Test ping queued: see its delivery below.');
      setShowDeliveries(true);
      setPings((n) => n + 1);
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await deleteWebhook(webhook.id);
      onDeleted(webhook.id);
    } catch (failure) {
      setError(toApiError(failure).message);
      setBusy(false);
    }
  }

  const deliveriesId = `webhook-${webhook.id}-deliveries`;
  return (
    <li className={styles.item} aria-label={webhook.url}>
      <div className={styles.itemHead}>
        <div className={styles.itemText}>
          <span className={styles.url}>{webhook.url}</span>
          {webhook.description && <span className={styles.hint}>{webhook.description}</span>}
          <span className={styles.hint}>
            {webhook.events.join(', ')} · added {formatDateTime(webhook.created_at)}
          </span>
        </div>
        <div className={styles.itemActions}>
          <Button onClick={ping} disabled={busy}>
            Send test ping
          </Button>
          <Button
            variant="ghost"
            aria-expanded={showDeliveries}
            aria-controls={deliveriesId}
            onClick={() => setShowDeliveries((shown) => !shown)}
          >
            {showDeliveries ? 'Hide deliveries' : 'Show deliveries'}
          </Button>
          {!confirming && (
            <Button variant="ghost" onClick={() => setConfirming(true)} disabled={busy}>
              Delete
            </Button>
          )}
        </div>
      </div>
      {confirming && (
        <div className={styles.confirm} role="group" aria-label="Confirm deletion">
          <span>Delete this webhook? Deliveries not yet made are dropped.</span>
          <Button variant="primary" onClick={remove} disabled={busy}>
            Yes, delete
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)} disabled={busy}>
            Cancel
          </Button>
        </div>
      )}
      {message && (
        <p className={styles.hint} role="status">
          {message}
        </p>
      )}
      {error && <ErrorBanner onDismiss={() => setError(null)}>{error}</ErrorBanner>}
      <div id={deliveriesId}>
        {showDeliveries && <DeliveryTable webhookId={webhook.id} url={webhook.url} refreshKey={pings} />}
      </div>
    </li>
  );
}
