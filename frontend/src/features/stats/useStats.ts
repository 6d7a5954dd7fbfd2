import { useCallback, useEffect, useState } from 'react';
import { ApiError, getStats, type Stats } from '../../api';

/** The dashboard's numbers, reloaded whenever `refreshKey` or the time zone `tz` changes. */
export function useStats(refreshKey: number, tz?: string) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [retryKey, setRetryKey] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    getStats(controller.signal, tz ? { tz } : undefined)
      .then((data) => {
        setStats(data);
        setError(null);
      })
      .catch((err: ApiError) => {
        if (!controller.signal.aborted && !err.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [refreshKey, retryKey, tz]);

  const retry = useCallback(() => setRetryKey((k) => k + 1), []);
  return { stats, error, loading, retry };
}
