import { apiClient, request } from './client';
import type { Agent, User, UserCreate, UserUpdate } from './types';

/** One function per endpoint of the Team API (admins) and the agent list. */

export function listUsers(signal?: AbortSignal): Promise<User[]> {
  return request(() => apiClient.get<User[]>('/users/', { signal }));
}

export function createUser(body: UserCreate): Promise<User> {
  return request(() => apiClient.post<User>('/users/', body));
}

export function updateUser(id: number, changes: UserUpdate): Promise<User> {
  return request(() => apiClient.patch<User>(`/users/${id}/`, changes));
}

export function listAgents(signal?: AbortSignal): Promise<Agent[]> {
  return request(() => apiClient.get<Agent[]>('/agents/', { signal }));
}
