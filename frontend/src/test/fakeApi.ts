import { AxiosError, AxiosHeaders, CanceledError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { apiClient } from '../api/client';

/** One request the app made, as the server would have seen it. */
export interface Call {
  method: string;
  url: string;
  params: Record<string, unknown> | undefined;
  body: unknown;
  headers: Record<string, string>;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = Reply | ((call: Call) => Reply | Promise<Reply>);

/**
 * A stand-in for the server at the HTTP client's edge: routes are
 * "METHOD /path/" (as the app's API functions call them), answers are status,
 * JSON body and headers. Everything the client does on the way (the CSRF
 * header, the 401 listener, the error shape) runs as in the browser.
 * Unrouted requests answer 404, so a missing route shows up in the test.
 */
export function fakeApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const table = { ...routes };

  apiClient.defaults.adapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    if (config.signal?.aborted) throw new CanceledError(undefined, undefined, config);
    const method = (config.method ?? 'get').toUpperCase();
    const url = config.url ?? '';
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(AxiosHeaders.from(config.headers).toJSON())) {
      if (typeof value === 'string') headers[key.toLowerCase()] = value;
    }
    const call: Call = {
      method,
      url,
      params: config.params,
      body: typeof config.data === 'string' && config.data ? JSON.parse(config.data) : config.data,
      headers,
    };
    calls.push(call);
    const handler = table[`${method} ${url}`];
    const reply: Reply = handler
      ? typeof handler === 'function'
        ? await handler(call)
        : handler
      : { status: 404, body: { detail: `No test route for ${method} ${url}.`, errors: {} } };
    const status = reply.status ?? 200;
    const response: AxiosResponse = {
      data: reply.body ?? '',
      status,
      statusText: '',
      headers: new AxiosHeaders(reply.headers ?? {}),
      config,
      request: {},
    };
    if (status >= 400) {
      throw new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_REQUEST', config, {}, response);
    }
    return response;
  };

  return {
    calls,
    /** Changes or adds routes for the rest of the test. */
    route(more: Record<string, Handler>) {
      Object.assign(table, more);
    },
    /** The requests for one route, e.g. callsTo('PATCH /users/2/'). */
    callsTo(route: string) {
      return calls.filter((c) => `${c.method} ${c.url}` === route);
    },
  };
}

export const unauthorized: Reply = {
  status: 401,
  body: { detail: 'Authentication credentials were not provided.', errors: {} },
  headers: { 'WWW-Authenticate': 'Bearer' },
};

export function clearCookies() {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}
