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
import type { TicketDetail } from './workspace-types';

/** One function per endpoint of the ticket API. */

/** The filters as query parameters: empty values and the first page left out. */
export function listParams(filters: TicketFilters): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'page' && value === 1) continue;
    params[key] = value as string | number;
  }
  return params;
}

export function listTickets(filters: TicketFilters, signal?: AbortSignal): Promise<Page<Ticket>> {
  const params = listParams(filters);
  return request(() => apiClient.get<Page<Ticket>>('/tickets/', { params, signal }));
}

/** The list as agents see it: each ticket with its assignee, requester and version. */
export function listAgentTickets(filters: TicketFilters, signal?: AbortSignal): Promise<Page<TicketDetail>> {
  const params = listParams(filters);
  return request(() => apiClient.get<Page<TicketDetail>>('/tickets/', { params, signal }));
}

/** Where the CSV of every ticket matching `filters` downloads from (page and size ignored). */
export function exportUrl(filters: TicketFilters): string {
  const params = listParams({ ...filters, page: undefined, page_size: undefined });
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return `/api/tickets/export.csv${query ? `?${query}` : ''}`;
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
