import axios, { AxiosError, AxiosHeaders } from 'axios';

/**
 * The one HTTP client of the web UI. The API is served from the same origin
 * as the page (`/api/...`), both under `make run` and behind the dev proxy.
 */
export const apiClient = axios.create({
  baseURL: '/api',
  headers: { Accept: 'application/json' },
  timeout: 20_000,
  // The CSRF header is set below, on every unsafe request: axios's own cookie
  // echo depends on its same-origin guess, which must not decide silently.
  withXSRFToken: false,
});

/** Django's CSRF cookie (set by `GET /api/auth/me/`) and the header that echoes it. */
export const CSRF_COOKIE = 'csrftoken';
export const CSRF_HEADER = 'X-CSRFToken';
const SAFE_METHODS = new Set(['get', 'head', 'options', 'trace']);

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

// Read on every request, never cached: signing in rotates the token.
apiClient.interceptors.request.use((config) => {
  if (!SAFE_METHODS.has((config.method ?? 'get').toLowerCase())) {
    const token = readCookie(CSRF_COOKIE);
    if (token) config.headers.set(CSRF_HEADER, token);
  }
  return config;
});

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/**
 * Calls `listener` whenever the API answers 401 (not signed in, or the session
 * ended); returns the function that stops it. The auth provider listens.
 */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

apiClient.interceptors.response.use(undefined, (error: unknown) => {
  if (error instanceof AxiosError && error.response?.status === 401) {
    unauthorizedListeners.forEach((listener) => listener());
  }
  return Promise.reject(error);
});

export type FieldErrors = Record<string, string[]>;

/**
 * Every failure of a request, normalised: the server's error shape is
 * `{"detail": "...", "errors": {"field": ["message"]}}`.
 */
export class ApiError extends Error {
  readonly status: number | null;
  readonly fieldErrors: FieldErrors;
  readonly retryAfter: number | null;
  readonly aborted: boolean;

  constructor(
    message: string,
    opts: { status?: number | null; fieldErrors?: FieldErrors; retryAfter?: number | null; aborted?: boolean } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = opts.status ?? null;
    this.fieldErrors = opts.fieldErrors ?? {};
    this.retryAfter = opts.retryAfter ?? null;
    this.aborted = opts.aborted ?? false;
  }
}

function asFieldErrors(value: unknown): FieldErrors {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(messages)) out[field] = messages.map(String);
    else if (typeof messages === 'string') out[field] = [messages];
  }
  return out;
}

function fallbackMessage(status: number | null): string {
  if (status === null) return 'Could not reach the server. Check your connection and try again.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests. Please wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Please try again.';
  return 'The request was refused.';
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (axios.isCancel(error)) return new ApiError('Request cancelled.', { aborted: true });
  if (error instanceof AxiosError) {
    if (error.code === AxiosError.ERR_CANCELED) return new ApiError('Request cancelled.', { aborted: true });
    const response = error.response;
    const status = response ? response.status : null;
    const data = (response?.data ?? null) as { detail?: unknown; errors?: unknown } | null;
    const detail = data && typeof data === 'object' && typeof data.detail === 'string' ? data.detail : null;
    const headers = response?.headers;
    const retryHeader =
      headers instanceof AxiosHeaders ? headers.get('retry-after') : (headers as Record<string, unknown> | undefined)?.['retry-after'];
    const retryAfter = retryHeader !== undefined && retryHeader !== null && !Number.isNaN(Number(retryHeader))
      ? Number(retryHeader)
      : null;
    return new ApiError(detail ?? fallbackMessage(status), {
      status,
      fieldErrors: data && typeof data === 'object' ? asFieldErrors(data.errors) : {},
      retryAfter,
    });
  }
  return new ApiError(error instanceof Error ? error.message : 'Unexpected error.');
}

/** Runs a request and turns any failure into an ApiError. */
export async function request<T>(run: () => Promise<{ data: T }>): Promise<T> {
  try {
    const response = await run();
    return response.data;
  } catch (error) {
    throw toApiError(error);
  }
}
