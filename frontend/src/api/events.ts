import { apiClient, request } from './client';
import type { Page } from './types';
import type { TicketEvent } from './workspace-types';

/** One page (50, oldest first) of a ticket's history; `sinceVersion` keeps only newer events. */
export function listEvents(
  ticketId: number,
  { sinceVersion, page = 1 }: { sinceVersion?: number; page?: number } = {},
  signal?: AbortSignal,
): Promise<Page<TicketEvent>> {
  const params: Record<string, number> = {};
  if (sinceVersion !== undefined) params.since_version = sinceVersion;
  if (page > 1) params.page = page;
  return request(() => apiClient.get<Page<TicketEvent>>(`/tickets/${ticketId}/events/`, { params, signal }));
}
