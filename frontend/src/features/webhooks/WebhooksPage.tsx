import { useCallback, useEffect, useState } from 'react';
import { listWebhooks, type NewWebhook, type Webhook } from '../../api/webhooks';
import { toApiError } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/Panel';
import { Spinner } from '../../components/Spinner';
import { SecretNotice } from './SecretNotice';
import { WebhookForm } from './WebhookForm';
import { WebhookItem } from './WebhookItem';
import styles from './WebhooksPage.module.css';

/** Admins' page at /webhooks: add, list, test and delete webhooks, and see their deliveries. */
export function WebhooksPage() {
  const [webhooks, setWebhooks] = useState<Webhook[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<NewWebhook | null>(null);
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    listWebhooks(controller.signal)
      .then(setWebhooks)
      .catch((failure: unknown) => {
        const apiError = toApiError(failure);
        if (apiError.aborted) return;
        if (apiError.status === 401) setError('Sign in as an admin to manage webhooks.');
        else if (apiError.status === 403) setError('Only admins may manage webhooks.');
        else setError(apiError.message);
      });
    return () => controller.abort();
  }, [loads]);

  const handleCreated = useCallback((webhook: NewWebhook) => {
    setCreated(webhook);
    const shown: Webhook = {
      id: webhook.id,
      url: webhook.url,
      events: webhook.events,
      description: webhook.description,
      created_at: webhook.created_at,
    };
    setWebhooks((current) => [...(current ?? []), shown]);
  }, []);

  const handleDeleted = useCallback((id: number) => {
    setWebhooks((current) => (current ?? []).filter((w) => w.id !== id));
  }, []);

  return (
    <main className={styles.page}>
      <h1 className={styles.title}>Webhooks</h1>
      <p className={styles.intro}>
        Other systems hear of new and changed tickets and of comments. Each delivery is signed (Standard Webhooks) and
        retried for over a day until the receiver answers 2xx.
      </p>
      <Panel id="webhook-add" title="Add a webhook">
        {created ? (
          <SecretNotice webhook={created} onDone={() => setCreated(null)} />
        ) : (
          <WebhookForm onCreated={handleCreated} />
        )}
      </Panel>
      <Panel id="webhook-list" title="Webhooks">
        {error && <ErrorBanner onRetry={() => setLoads((n) => n + 1)}>{error}</ErrorBanner>}
        {!error && webhooks === null && <Spinner label="Loading webhooks…" />}
        {webhooks !== null && webhooks.length === 0 && <p className={styles.hint}>No webhooks yet.</p>}
        {webhooks !== null && webhooks.length > 0 && (
          <ul className={styles.list}>
            {webhooks.map((webhook) => (
              <WebhookItem key={webhook.id} webhook={webhook} onDeleted={handleDeleted} />
            ))}
          </ul>
        )}
      </Panel>
    </main>
  );
}
