import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';

export type QueryParams = Record<string, string>;

function parse(search: string): QueryParams {
  const out: QueryParams = {};
  new URLSearchParams(search).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/**
 * The page's query string as state, so a filtered view can be shared and
 * survives a reload. Empty values are dropped from the URL. `replace` keeps
 * keystroke-by-keystroke changes (search) out of the back-button history.
 * Changes go through the router, so links and the back button agree with it.
 */
export function useQueryParams(): [QueryParams, (changes: QueryParams, opts?: { replace?: boolean }) => void] {
  const { search } = useLocation();
  const navigate = useNavigate();
  const params = useMemo(() => parse(search), [search]);

  const update = useCallback(
    (changes: QueryParams, opts: { replace?: boolean } = {}) => {
      // The browser's URL is the latest one, also between two calls in one event.
      const current = window.location.search;
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      const nextSearch = query ? `?${query}` : '';
      if (nextSearch === current) return;
      navigate({ search: nextSearch, hash: window.location.hash }, { replace: opts.replace });
    },
    [navigate],
  );

  return [params, update];
}
