import { useEffect, useRef } from 'react';
import { LiveChannel, type LiveEnvironment, type LiveEvent, type LiveListener } from './liveChannel';

export type { LiveEvent, LiveListener } from './liveChannel';
export { LiveChannel } from './liveChannel';

let shared: LiveChannel | null = null;

function browserEnvironment(): LiveEnvironment {
  return {
    EventSource: typeof EventSource === 'function' ? EventSource : undefined,
    BroadcastChannel: typeof BroadcastChannel === 'function' ? BroadcastChannel : undefined,
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (id) => window.clearTimeout(id),
    setInterval: (callback, ms) => window.setInterval(callback, ms),
    clearInterval: (id) => window.clearInterval(id),
    now: () => Date.now(),
  };
}

/** This tab's end of the browser's one live stream, started on first use. */
export function liveChannel(): LiveChannel {
  if (!shared) {
    const channel = new LiveChannel(browserEnvironment());
    shared = channel;
    // Leaving (or into the back-forward cache): another tab takes the stream over at once.
    window.addEventListener('pagehide', () => channel.stop());
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) channel.start();
    });
  }
  shared.start();
  return shared;
}

/** Whether this browser gets live updates (else pages keep polling). */
export function liveAvailable(): boolean {
  return typeof EventSource === 'function';
}

/** Calls `handler` with every live event while the component is mounted. */
export function useLiveEvents(handler: (event: LiveEvent) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!liveAvailable()) return;
    const listener: LiveListener = (event) => latest.current(event);
    return liveChannel().subscribe(listener);
  }, []);
}

/**
 * Calls `refresh` after live events, at most once per `delayMs` (a burst of changes is one
 * reload); the first event of a burst waits `delayMs`, so the reload sees all of it.
 */
export function useLiveRefresh(refresh: () => void, delayMs = 250): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  const timer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
  useLiveEvents(() => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      latest.current();
    }, delayMs);
  });
}
