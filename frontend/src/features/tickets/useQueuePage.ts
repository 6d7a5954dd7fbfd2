import { useCallback, useEffect, useRef, useState } from 'react';
import { listAgentTickets, type ApiError, type Page } from '../../api';
import type { TicketDetail } from '../../api/workspace-types';
import { useLiveRefresh } from '../../lib/live';
import { apiFilters, type ListQuery } from './listQuery';

export const PAGE_SIZE = 25;
/** Live events that come in a burst are one reload. */
const LIVE_RELOAD_MS = 250;

interface State {
  data: Page<TicketDetail> | null;
  loading: boolean;
  error: ApiError | null;
}

/**
 * One page of the queue and its count, always as the server has them: after any change
 * (the agent's own, or anyone's through the live stream) the page is read again, so rows
 * and count never go out of step with the filters. A newer request aborts the older one;
 * the page on screen stays while the next one loads.
 */
export function useQueuePage(query: ListQuery, refreshKey: number) {
  const [state, setState] = useState<State>({ data: null, loading: true, error: null });
  const [reloadKey, setReloadKey] = useState(0);
  const controllerRef = useRef<AbortController | null>(null);
  const filters = JSON.stringify(apiFilters(query, PAGE_SIZE));

  useEffect(() => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setState((s) => ({ ...s, loading: true, error: null }));
    listAgentTickets(JSON.parse(filters), controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setState({ data, loading: false, error: null });
      })
      .catch((error: ApiError) => {
        if (controller.signal.aborted || error.aborted) return;
        setState((s) => ({ ...s, loading: false, error }));
      });
    return () => controller.abort();
  }, [filters, refreshKey, reloadKey]);

  const reload = useCallback(() => setReloadKey((k) => k + 1), []);

  useLiveRefresh(reload, LIVE_RELOAD_MS);

  return { ...state, reload };
}
