import { useEffect, useRef } from 'react';

/**
 * Calls `refresh` every `intervalMs` while the page is visible, and on coming
 * back to the page when the last refresh is older than that: a page left open
 * all day stays current without hammering the server from a background tab.
 */
export function useAutoRefresh(refresh: () => void, intervalMs: number) {
  const last = useRef(Date.now());
  const callback = useRef(refresh);
  callback.current = refresh;

  useEffect(() => {
    const run = () => {
      last.current = Date.now();
      callback.current();
    };
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') run();
    }, intervalMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible' && Date.now() - last.current >= intervalMs) run();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs]);
}
