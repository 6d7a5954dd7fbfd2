import { apiClient, request } from './client';
import type { TicketChanges, TicketDetail } from './workspace-types';

/** One function per request on a single ticket, as agents use it. */

export function getTicket(id: number, signal?: AbortSignal): Promise<TicketDetail> {
  return request(() => apiClient.get<TicketDetail>(`/tickets/${id}/`, { signal }));
}

/**
 * Changes a ticket only if it is still at `version`: the server answers 412 (and changes
 * nothing) when someone else changed it meanwhile.
 */
export function patchTicket(id: number, changes: TicketChanges, version: number): Promise<TicketDetail> {
  return request(() =>
    apiClient.patch<TicketDetail>(`/tickets/${id}/`, changes, { headers: { 'If-Match': `"${version}"` } }),
  );
}

/** A new private link for the requester; the old one stops working at once. */
export function rotatePortalLink(id: number): Promise<{ portal_url: string }> {
  return request(() => apiClient.post<{ portal_url: string }>(`/tickets/${id}/portal-link/`));
}
