import { AxiosHeaders, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, apiClient } from '../client';
import { classifyTicket, createTicket, getStats, listTickets, updateTicket } from '../tickets';

const originalAdapter = apiClient.defaults.adapter;
let seen: InternalAxiosRequestConfig[] = [];

function respond(status: number, data: unknown, headers: Record<string, string> = {}): AxiosAdapter {
  return async (config) => {
    seen.push(config);
    const response = { data, status, statusText: '', headers: new AxiosHeaders(headers), config };
    if (status >= 400) {
      const { AxiosError } = await import('axios');
      throw new AxiosError('Request failed', 'ERR_BAD_REQUEST', config, null, response);
    }
    return response;
  };
}

afterEach(() => {
  apiClient.defaults.adapter = originalAdapter;
  seen = [];
});

describe('ticket API functions', () => {
  it('lists with only the filters that are set', async () => {
    apiClient.defaults.adapter = respond(200, { count: 0, next: null, previous: null, results: [] });

    await listTickets({ category: 'billing', priority: '', status: undefined, search: 'refund', page: 1, page_size: 20 });

    expect(seen[0].method).toBe('get');
    expect(seen[0].baseURL).toBe('/api');
    expect(seen[0].url).toBe('/tickets/');
    expect(seen[0].params).toEqual({ category: 'billing', search: 'refund', page_size: 20 });
  });

  it('sends the right method, path and body for each endpoint', async () => {
    apiClient.defaults.adapter = respond(200, {});
    await createTicket({ title: 'T', description: 'D' });
    await updateTicket(12, { status: 'closed' });
    await classifyTicket({ description: 'Something broke' });
    await getStats();

    expect(seen.map((c) => [c.method, c.url])).toEqual([
      ['post', '/tickets/'],
      ['patch', '/tickets/12/'],
      ['post', '/tickets/classify/'],
      ['get', '/tickets/stats/'],
    ]);
    expect(JSON.parse(seen[0].data)).toEqual({ title: 'T', description: 'D' });
    expect(JSON.parse(seen[1].data)).toEqual({ status: 'closed' });
  });

  it('turns the error shape into an ApiError with field errors', async () => {
    apiClient.defaults.adapter = respond(400, {
      detail: 'Invalid input.',
      errors: { title: ['This field may not be blank.'] },
    });

    const error = await createTicket({ title: ' ', description: 'x' }).catch((e) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toBe('Invalid input.');
    expect(error.fieldErrors).toEqual({ title: ['This field may not be blank.'] });
  });

  it('reads Retry-After from a rate-limit answer', async () => {
    apiClient.defaults.adapter = respond(429, { detail: 'Request was throttled.', errors: {} }, { 'Retry-After': '17' });
    const error = await classifyTicket({ description: 'hello there' }).catch((e) => e);
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(17);
  });

  it('gives a readable message when the body is not the error shape', async () => {
    apiClient.defaults.adapter = respond(502, '<html>Bad gateway</html>');
    const error = await getStats().catch((e) => e);
    expect(error.message).toBe('The server had a problem. Please try again.');
    expect(error.fieldErrors).toEqual({});
  });

  it('marks cancelled requests as aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await listTickets({}, controller.signal).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.aborted).toBe(true);
  });
});
