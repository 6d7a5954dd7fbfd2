import { useCallback, useEffect, useState } from 'react';
import { listDeliveries, type Delivery } from '../../api/webhooks';
import { toApiError } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { formatDateTime } from '../../lib/format';
import { deliveryState, STATE_LABELS } from './deliveryState';
import styles from './WebhooksPage.module.css';

interface DeliveryTableProps {
  webhookId: number;
  url: string;
  /** Changes when a ping was queued, so the table reloads. */
  refreshKey: number;
}

/** The webhook's last 100 deliveries, newest first. */
export function DeliveryTable({ webhookId, url, refreshKey }: DeliveryTableProps) {
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    listDeliveries(webhookId, controller.signal)
      .then(setDeliveries)
      .catch((failure: unknown) => {
        const apiError = toApiError(failure);
        if (!apiError.aborted) setError(apiError.message);
      });
    return () => controller.abort();
  }, [webhookId, refreshKey, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  if (error) return <ErrorBanner onRetry={reload}>{error}</ErrorBanner>;
  if (deliveries === null) return <Spinner label="Loading deliveries…" />;
  return (
    <div className={styles.deliveries}>
      <div className={styles.deliveriesHeader}>
        <span>{deliveries.length === 0
            ? 'No deliveries yet.'
            : deliveries.length === 1
              ? 'Last delivery'
              : `Last ${deliveries.length} deliveries`}</span>
        <Button variant="ghost" onClick={reload}>
          Refresh deliveries
        </Button>
      </div>
      {deliveries.length > 0 && (
        <table className={styles.table}>
          <caption className="visually-hidden">Deliveries to {url}</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">State</th>
              <th scope="col">Status code</th>
              <th scope="col">Attempts</th>
              <th scope="col">Delivered</th>
              <th scope="col">Next attempt</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => {
              const state = deliveryState(delivery);
              return (
                <tr key={delivery.id}>
                  <td>{delivery.event}</td>
                  <td>
                    <span className={styles.state} data-state={state}>
                      {STATE_LABELS[state]}
                    </span>
                  </td>
                  <td>{delivery.status_code ?? '—'}</td>
                  <td>{delivery.attempts}</td>
                  <td>{delivery.delivered_at ? formatDateTime(delivery.delivered_at) : '—'}</td>
                  <td>{delivery.next_attempt_at ? formatDateTime(delivery.next_attempt_at) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
