import { useEffect, useRef } from 'react';
import { isPlainKey, isTyping } from '../../lib/keyboard';

export interface QueueKeys {
  focusSearch: () => void;
  move: (step: 1 | -1) => void;
  open: () => void;
  toggle: () => void;
  status: (key: string) => boolean;
  assignToMe: () => void;
  showHelp: () => void;
  back: () => void;
}

/**
 * The queue's single-key shortcuts, on the whole page. None fires while the person types in a
 * field, with a modifier held, or while a dialog is open (the dialog owns the keyboard then).
 */
export function useQueueKeyboard(keys: QueueKeys, enabled: boolean) {
  const latest = useRef(keys);
  latest.current = keys;

  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isPlainKey(event) || isTyping(event.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const k = latest.current;
      const target = event.target as HTMLElement | null;
      switch (event.key) {
        case '/':
          event.preventDefault();
          k.focusSearch();
          return;
        case '?':
          event.preventDefault();
          k.showHelp();
          return;
        case 'j':
          event.preventDefault();
          k.move(1);
          return;
        case 'k':
          event.preventDefault();
          k.move(-1);
          return;
        case 'Enter':
          // A focused link or button does its own thing.
          if (target?.closest('a, button, input, select')) return;
          k.open();
          return;
        case 'x':
          event.preventDefault();
          k.toggle();
          return;
        case 'a':
          event.preventDefault();
          k.assignToMe();
          return;
        case 'Escape':
          k.back();
          return;
        default:
          if (event.key.length === 1 && k.status(event.key)) event.preventDefault();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
