import { useState, type FormEvent } from 'react';
import { createWebhook, WEBHOOK_EVENTS, type NewWebhook, type WebhookEvent } from '../../api/webhooks';
import { toApiError, type FieldErrors } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import styles from './WebhooksPage.module.css';

interface WebhookFormProps {
  onCreated: (webhook: NewWebhook) => void;
}

/** Add a webhook: its URL, the events it wants, and a note for the team. */
export function WebhookForm({ onCreated }: WebhookFormProps) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['ticket.created']);
  const [description, setDescription] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  function toggle(event: WebhookEvent, on: boolean) {
    setEvents((current) => (on ? [...current, event] : current.filter((e) => e !== event)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (events.length === 0) {
      setFieldErrors({ events: ['Choose at least one event.'] });
      return;
    }
    setSaving(true);
    setError(null);
    setFieldErrors({});
    try {
      const ordered = WEBHOOK_EVENTS.map((e) => e.value).filter((e) => events.includes(e));
      const created = await createWebhook({ url: url.trim(), events: ordered, description: description.trim() });
      setUrl('');
      setDescription('');
      onCreated(created);
    } catch (failure) {
      const apiError = toApiError(failure);
      setError(apiError.message);
      setFieldErrors(apiError.fieldErrors);
    } finally {
      setSaving(false);
    }
  }

  const urlError = fieldErrors.url?.join(' ');
  const eventsError = fieldErrors.events?.join(' ');
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {error && !urlError && !eventsError && <ErrorBanner>{error}</ErrorBanner>}
      <div className={styles.field}>
        <label htmlFor="webhook-url">Receiver URL</label>
        <input
          id="webhook-url"
          type="url"
          required
          placeholder="https://example.com/hooks/support"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? 'webhook-url-error' : 'webhook-url-hint'}
        />
        {urlError ? (
          <p id="webhook-url-error" className={styles.fieldError}>
            {urlError}
          </p>
        ) : (
          <p id="webhook-url-hint" className={styles.hint}>
            http(s) on a public address; redirects are not followed.
          </p>
        )}
      </div>
      <fieldset className={styles.events} aria-describedby={eventsError ? 'webhook-events-error' : undefined}>
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map(({ value, label }) => (
          <label key={value} className={styles.check}>
            <input
              type="checkbox"
              checked={events.includes(value)}
              onChange={(e) => toggle(value, e.target.checked)}
            />
            <code>{value}</code> <span className={styles.hint}>{label}</span>
          </label>
        ))}
        {eventsError && (
          <p id="webhook-events-error" className={styles.fieldError}>
            {eventsError}
          </p>
        )}
      </fieldset>
      <div className={styles.field}>
        <label htmlFor="webhook-description">Description (optional)</label>
        <input
          id="webhook-description"
          maxLength={200}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div>
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? 'Adding…' : 'Add webhook'}
        </Button>
      </div>
    </form>
  );
}
