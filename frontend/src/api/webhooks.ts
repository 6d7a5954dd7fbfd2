import { apiClient, request } from './client';

/** One function per endpoint of the webhooks API (admins only). */

export type WebhookEvent = 'ticket.created' | 'ticket.updated' | 'comment.created';

export const WEBHOOK_EVENTS: { value: WebhookEvent; label: string }[] = [
  { value: 'ticket.created', label: 'A ticket was created' },
  { value: 'ticket.updated', label: 'A ticket changed' },
  { value: 'comment.created', label: 'A comment was added (replies and internal notes)' },
];

export interface Webhook {
  id: number;
  url: string;
  events: WebhookEvent[];
  description: string;
  created_at: string;
}

/** The answer to creating one: the only time its signing secret is shown. */
export interface NewWebhook extends Webhook {
  secret: string;
}

export interface WebhookCreate {
  url: string;
  events: WebhookEvent[];
  description?: string;
}

export interface Delivery {
  id: number;
  event: WebhookEvent | 'ping';
  attempts: number;
  status_code: number | null;
  delivered_at: string | null;
  next_attempt_at: string | null;
}

export function listWebhooks(signal?: AbortSignal): Promise<Webhook[]> {
  return request(() => apiClient.get<Webhook[]>('/webhooks/', { signal }));
}

export function createWebhook(body: WebhookCreate): Promise<NewWebhook> {
  return request(() => apiClient.post<NewWebhook>('/webhooks/', body));
}

export function deleteWebhook(id: number): Promise<void> {
  return request(() => apiClient.delete<void>(`/webhooks/${id}/`));
}

export function sendTestPing(id: number): Promise<Delivery> {
  return request(() => apiClient.post<Delivery>(`/webhooks/${id}/test/`));
}

export function listDeliveries(id: number, signal?: AbortSignal): Promise<Delivery[]> {
  return request(() => apiClient.get<Delivery[]>(`/webhooks/${id}/deliveries/`, { signal }));
}
