import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, listTickets, type Page, type Ticket } from '../../api';
import type { ListQuery } from './listQuery';

export const PAGE_SIZE = 20;

interface State {
  data: Page<Ticket> | null;
  loading: boolean;
  error: ApiError | null;
}

/**
 * Loads one page of tickets for a query. A newer query aborts the older
 * request; the previous page stays on screen while the next one loads.
 */
export function useTicketPage(query: ListQuery, refreshKey: number) {
  const [state, setState] = useState<State>({ data: null, loading: true, error: null });
  const [retryKey, setRetryKey] = useState(0);
  const { category, priority, status, search, page } = query;
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(() => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setState((s) => ({ ...s, loading: true, error: null }));
    listTickets({ category, priority, status, search: search.trim(), page, page_size: PAGE_SIZE }, controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setState({ data, loading: false, error: null });
      })
      .catch((error: ApiError) => {
        if (controller.signal.aborted || error.aborted) return;
        setState((s) => ({ ...s, loading: false, error }));
      });
    return () => controller.abort();
  }, [category, priority, status, search, page, refreshKey, retryKey]);

  const retry = useCallback(() => setRetryKey((k) => k + 1), []);

  /** Replaces tickets on screen (optimistic edits and their rollbacks). */
  const updateLocal = useCallback((id: number, change: (ticket: Ticket) => Ticket) => {
    setState((s) =>
      s.data
        ? { ...s, data: { ...s.data, results: s.data.results.map((t) => (t.id === id ? change(t) : t)) } }
        : s,
    );
  }, []);

  return { ...state, retry, updateLocal };
}
