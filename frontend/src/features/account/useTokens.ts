import { useCallback, useEffect, useState } from 'react';
import { ApiError, listTokens, type ApiToken } from '../../api';

/** The signed-in user's API tokens, newest first; `reload` after the server changed them. */
export function useTokens() {
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    listTokens(controller.signal)
      .then(setTokens)
      .catch((err: ApiError) => {
        if (!controller.signal.aborted && !err.aborted) setError(err);
      });
    return () => controller.abort();
  }, [reloadKey]);

  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  const add = useCallback((token: ApiToken) => setTokens((current) => [token, ...(current ?? [])]), []);
  const remove = useCallback((id: number) => setTokens((current) => (current ?? []).filter((t) => t.id !== id)), []);

  return { tokens, error, reload, add, remove };
}
