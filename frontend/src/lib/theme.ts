import { useCallback, useEffect, useState } from 'react';

/**
 * Light or dark. Until someone presses the header's toggle the page follows the
 * system's `prefers-color-scheme` (and its changes); the toggle's choice is saved in
 * localStorage and wins from then on, in every tab. styles/tokens.css holds the colours
 * of both under `<html data-theme>`.
 */
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'theme';
const CHANGED = 'theme-changed';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function savedTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // storage blocked: follow the system
  }
}

export function systemTheme(): Theme {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

export function currentTheme(): Theme {
  return savedTheme() ?? systemTheme();
}

/** Puts the current theme on <html>; call once before the first render. */
export function applyTheme(): Theme {
  const theme = currentTheme();
  document.documentElement.dataset.theme = theme;
  return theme;
}

export function saveTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
  window.dispatchEvent(new Event(CHANGED));
}

/** The theme in use, kept on <html> as the system, the toggle or another tab changes it. */
export function useTheme(): { theme: Theme; followsSystem: boolean; setTheme: (theme: Theme) => void } {
  const [theme, setState] = useState<Theme>(currentTheme);
  const [followsSystem, setFollows] = useState(() => savedTheme() === null);

  useEffect(() => {
    const sync = () => {
      setState(applyTheme());
      setFollows(savedTheme() === null);
    };
    const media = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
    media?.addEventListener?.('change', sync);
    window.addEventListener(CHANGED, sync);
    window.addEventListener('storage', sync);
    sync();
    return () => {
      media?.removeEventListener?.('change', sync);
      window.removeEventListener(CHANGED, sync);
      window.removeEventListener('storage', sync);
    };
  }, []);

  const setTheme = useCallback((next: Theme) => saveTheme(next), []);
  return { theme, followsSystem, setTheme };
}
