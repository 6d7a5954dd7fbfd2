import { apiClient, request } from './client';
import type { ApiToken, Credentials, Me, NewApiToken, PasswordChange, TokenCreate } from './types';

/** One function per endpoint of sign-in, the signed-in user and their API tokens. */

/** Who is signed in; a 401 means nobody. Also sets the CSRF cookie. */
export function getMe(signal?: AbortSignal): Promise<Me> {
  return request(() => apiClient.get<Me>('/auth/me/', { signal }));
}

export function signIn(credentials: Credentials): Promise<Me> {
  return request(() => apiClient.post<Me>('/auth/login/', credentials));
}

export function signOut(): Promise<void> {
  return request(() => apiClient.post<void>('/auth/logout/'));
}

export function changePassword(body: PasswordChange): Promise<void> {
  return request(() => apiClient.post<void>('/auth/password/', body));
}

export function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return request(() => apiClient.get<ApiToken[]>('/auth/tokens/', { signal }));
}

export function createToken(body: TokenCreate): Promise<NewApiToken> {
  return request(() => apiClient.post<NewApiToken>('/auth/tokens/', body));
}

export function revokeToken(id: number): Promise<void> {
  return request(() => apiClient.delete<void>(`/auth/tokens/${id}/`));
}
