import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../api/client';
import { getPortalTicket } from '../../api/portal';
import type { PortalTicket } from '../../api/workspace-types';

export type PortalState =
  | { status: 'loading' }
  | { status: 'ready'; ticket: PortalTicket }
  | { status: 'invalid' }
  | { status: 'error'; error: ApiError };

const NOT_FOUND = 404;

/** The requester's ticket by its key. A wrong or replaced key is "invalid", and nothing more is said. */
export function usePortalTicket(portalKey: string) {
  const [state, setState] = useState<PortalState>({ status: 'loading' });
  const [loadKey, setLoadKey] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getPortalTicket(portalKey, controller.signal)
      .then((ticket) => setState({ status: 'ready', ticket }))
      .catch((error: ApiError) => {
        if (controller.signal.aborted || error.aborted) return;
        setState(error.status === NOT_FOUND ? { status: 'invalid' } : { status: 'error', error });
      });
    return () => controller.abort();
  }, [portalKey, loadKey]);

  /** Reads the ticket again; the page stays as it is while the answer comes. */
  const reload = useCallback(() => setLoadKey((key) => key + 1), []);
  const markInvalid = useCallback(() => setState({ status: 'invalid' }), []);

  return { state, reload, markInvalid };
}
