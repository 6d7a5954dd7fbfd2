import { useCallback, useEffect, useState } from 'react';

export type QueryParams = Record<string, string>;

function read(): QueryParams {
  const out: QueryParams = {};
  new URLSearchParams(window.location.search).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/**
 * The page's query string as state, so a filtered view can be shared and
 * survives a reload. Empty values are dropped from the URL. `replace` keeps
 * keystroke-by-keystroke changes (search) out of the back-button history.
 */
export function useQueryParams(): [QueryParams, (changes: QueryParams, opts?: { replace?: boolean }) => void] {
  const [params, setParams] = useState<QueryParams>(read);

  useEffect(() => {
    const onPop = () => setParams(read());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const update = useCallback((changes: QueryParams, opts: { replace?: boolean } = {}) => {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const query = next.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      if (opts.replace) window.history.replaceState(window.history.state, '', url);
      else window.history.pushState(window.history.state, '', url);
    }
    setParams(read());
  }, []);

  return [params, update];
}
