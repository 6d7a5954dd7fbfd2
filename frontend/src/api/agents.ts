import { apiClient, request } from './client';
import type { AgentRef, CurrentUser } from './workspace-types';

/** The active agents, by name: the assignee picker. */
export function listAgents(signal?: AbortSignal): Promise<AgentRef[]> {
  return request(() => apiClient.get<AgentRef[]>('/agents/', { signal }));
}

/** The signed-in agent (401 when signed out). */
export function getCurrentUser(signal?: AbortSignal): Promise<CurrentUser> {
  return request(() => apiClient.get<CurrentUser>('/auth/me/', { signal }));
}
