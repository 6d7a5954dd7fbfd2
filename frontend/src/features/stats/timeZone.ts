import { useCallback, useEffect } from 'react';
import { useQueryParams } from '../../lib/useQueryParams';

/**
 * The team's time zone for the dashboard's days: the dashboard URL's `?tz=` when
 * it names a real zone, else the one chosen last on this browser (localStorage),
 * else the browser's own. Choosing one saves it and puts it in the URL.
 */
export const TZ_STORAGE_KEY = 'dashboard.timeZone';

export function isTimeZone(name: string | null | undefined): name is string {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isTimeZone(zone) ? zone : 'UTC';
}

export function storedTimeZone(): string | null {
  try {
    const zone = window.localStorage.getItem(TZ_STORAGE_KEY);
    return isTimeZone(zone) ? zone : null;
  } catch {
    return null;
  }
}

function storeTimeZone(zone: string): void {
  try {
    window.localStorage.setItem(TZ_STORAGE_KEY, zone);
  } catch {
    // storage blocked: the URL still carries it
  }
}

/** Every IANA zone the browser knows, UTC first, `current` always among them. */
export function timeZoneNames(current: string): string[] {
  const supported =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [browserTimeZone()];
  const rest = [...new Set([...supported, current])].filter((zone) => zone !== 'UTC').sort();
  return ['UTC', ...rest];
}

export function useTeamTimeZone(): [string, (zone: string) => void] {
  const [params, update] = useQueryParams();
  const fromUrl = isTimeZone(params.tz) ? params.tz : null;
  const zone = fromUrl ?? storedTimeZone() ?? browserTimeZone();

  // The URL always says which zone the page shows, so a copied link shows the same days.
  useEffect(() => {
    if (params.tz !== zone) update({ tz: zone }, { replace: true });
  }, [params.tz, zone, update]);

  const choose = useCallback(
    (next: string) => {
      if (!isTimeZone(next)) return;
      storeTimeZone(next);
      update({ tz: next }, { replace: true });
    },
    [update],
  );
  return [zone, choose];
}
