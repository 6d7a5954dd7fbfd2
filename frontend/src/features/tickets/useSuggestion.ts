import { useCallback, useEffect, useRef, useState } from 'react';
import { classifyTicket, type Classification } from '../../api';

/** Classify only once the description says something. */
export const SUGGEST_MIN_CHARS = 10;
export const SUGGEST_DELAY_MS = 350;

/**
 * AI suggestions for the draft as the user types: debounced, each stale
 * request aborted. The last suggestion stays visible while a newer one is
 * on its way (no flicker); a failed request just means no new suggestion.
 */
export function useSuggestion(title: string, description: string) {
  const [suggestion, setSuggestion] = useState<Classification | null>(null);
  const [pending, setPending] = useState(false);
  const controllerRef = useRef<AbortController | null>(null);

  const abort = useCallback(() => {
    if (controllerRef.current) {
      controllerRef.current.abort();
      controllerRef.current = null;
      setPending(false);
    }
  }, []);

  useEffect(() => {
    const text = description.trim();
    // Whatever is in flight was for other text now.
    abort();
    if (text.length < SUGGEST_MIN_CHARS) {
      setSuggestion(null);
      setPending(false);
      return;
    }
    const timer = window.setTimeout(() => {
      const controller = new AbortController();
      controllerRef.current = controller;
      setPending(true);
      const cleanTitle = title.trim();
      classifyTicket(cleanTitle ? { title: cleanTitle, description: text } : { description: text }, controller.signal)
        .then((result) => {
          if (!controller.signal.aborted) setSuggestion(result);
        })
        .catch(() => {
          // No suggestion this time: never blocks the form.
        })
        .finally(() => {
          if (controllerRef.current === controller) {
            controllerRef.current = null;
            setPending(false);
          }
        });
    }, SUGGEST_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [title, description, abort]);

  useEffect(() => abort, [abort]);

  const reset = useCallback(() => {
    abort();
    setSuggestion(null);
    setPending(false);
  }, [abort]);

  return { suggestion, pending, reset };
}
