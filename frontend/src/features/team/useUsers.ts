import { useCallback, useEffect, useState } from 'react';
import { ApiError, listUsers, type User } from '../../api';

function byUsername(a: User, b: User) {
  return a.username.localeCompare(b.username);
}

/** Every user, as the API lists them (by username); kept in step with the page's changes. */
export function useUsers() {
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [retryKey, setRetryKey] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    listUsers(controller.signal)
      .then(setUsers)
      .catch((err: ApiError) => {
        if (!controller.signal.aborted && !err.aborted) setError(err);
      });
    return () => controller.abort();
  }, [retryKey]);

  const retry = useCallback(() => setRetryKey((k) => k + 1), []);

  /** Puts a user the server just answered into the list (new or changed). */
  const put = useCallback((user: User) => {
    setUsers((current) => {
      const others = (current ?? []).filter((u) => u.id !== user.id);
      return [...others, user].sort(byUsername);
    });
  }, []);

  return { users, error, retry, put };
}
