import { apiClient, request } from './client';
import type { Page } from './types';
import type { Comment, Visibility } from './workspace-types';

/** One page (50, oldest first) of a ticket's public replies and internal notes. */
export function listComments(ticketId: number, page = 1, signal?: AbortSignal): Promise<Page<Comment>> {
  const params = page > 1 ? { page } : undefined;
  return request(() => apiClient.get<Page<Comment>>(`/tickets/${ticketId}/comments/`, { params, signal }));
}

/** A reply the requester sees (`public`) or a note only agents see (`internal`). */
export function createComment(ticketId: number, body: string, visibility: Visibility): Promise<Comment> {
  return request(() => apiClient.post<Comment>(`/tickets/${ticketId}/comments/`, { body, visibility }));
}
