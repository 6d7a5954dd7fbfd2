import { apiClient, request } from './client';
import type { PortalReply, PortalTicket } from './workspace-types';

/**
 * The requester portal: the key in the URL is the only credential (the server ignores
 * cookies there), so these work signed out.
 */

function keyPath(key: string): string {
  return `/portal/${encodeURIComponent(key)}/`;
}

export function getPortalTicket(key: string, signal?: AbortSignal): Promise<PortalTicket> {
  return request(() => apiClient.get<PortalTicket>(keyPath(key), { signal }));
}

/** 409 when the ticket is closed; replying to a resolved ticket reopens it. */
export function createPortalReply(key: string, body: string): Promise<PortalReply> {
  return request(() => apiClient.post<PortalReply>(`${keyPath(key)}replies/`, { body }));
}
