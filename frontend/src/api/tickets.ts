import { apiClient, request } from './client';
import type {
  Classification,
  Page,
  Stats,
  Ticket,
  TicketCreate,
  TicketFilters,
  TicketUpdate,
} from './types';

/** One function per endpoint of the ticket API. */

export function listTickets(filters: TicketFilters, signal?: AbortSignal): Promise<Page<Ticket>> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'page' && value === 1) continue;
    params[key] = value as string | number;
  }
  return request(() => apiClient.get<Page<Ticket>>('/tickets/', { params, signal }));
}

export function createTicket(body: TicketCreate): Promise<Ticket> {
  return request(() => apiClient.post<Ticket>('/tickets/', body));
}

export function updateTicket(id: number, changes: TicketUpdate): Promise<Ticket> {
  return request(() => apiClient.patch<Ticket>(`/tickets/${id}/`, changes));
}

/**
 * Suggest labels. `instant` answers at once (the local model, or the LLM's cached answer)
 * and says `pending: true` while the configured LLM is still working on the text.
 */
export function classifyTicket(
  body: { title?: string; description: string },
  signal?: AbortSignal,
  { instant = false }: { instant?: boolean } = {},
): Promise<Classification> {
  const params = instant ? { instant: 'true' } : undefined;
  return request(() =>
    apiClient.post<Classification>('/tickets/classify/', body, { signal, params }),
  );
}

/** The dashboard's numbers; `tz` (an IANA zone, default UTC) sets the days' boundaries. */
export function getStats(signal?: AbortSignal, options: { tz?: string } = {}): Promise<Stats> {
  const params = options.tz ? { tz: options.tz } : undefined;
  return request(() => apiClient.get<Stats>('/tickets/stats/', { signal, params }));
}
