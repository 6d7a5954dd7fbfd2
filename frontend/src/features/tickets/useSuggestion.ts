import { useCallback, useEffect, useRef, useState } from 'react';
import { classifyTicket, type Classification } from '../../api';
import { TITLE_MAX } from './validation';

/** Classify only once the description says something. */
export const SUGGEST_MIN_CHARS = 10;
export const SUGGEST_DELAY_MS = 350;
/** While the LLM's answer is pending, ask again this often, this many times at most. */
export const FOLLOW_UP_DELAY_MS = 1000;
export const MAX_FOLLOW_UPS = 8;

/**
 * AI suggestions for the draft as the user types: debounced, each stale
 * request aborted. The last suggestion stays visible while a newer one is
 * on its way (no flicker); a failed request just means no new suggestion.
 * Requests use instant mode: the local model answers at once, and while the
 * server says a configured LLM's answer is pending, the same text is asked
 * again until that answer replaces the local one.
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
    // A title the API refuses would only get a 400: no request (the form explains).
    if (text.length < SUGGEST_MIN_CHARS || title.trim().length > TITLE_MAX) {
      setSuggestion(null);
      setPending(false);
      return;
    }
    let followUp: number | undefined;
    const ask = (attempt: number) => {
      const controller = new AbortController();
      controllerRef.current = controller;
      setPending(true);
      const cleanTitle = title.trim();
      const body = cleanTitle ? { title: cleanTitle, description: text } : { description: text };
      classifyTicket(body, controller.signal, { instant: true })
        .then((result) => {
          if (controller.signal.aborted) return;
          setSuggestion(result);
          if (result.pending && attempt < MAX_FOLLOW_UPS) {
            followUp = window.setTimeout(() => ask(attempt + 1), FOLLOW_UP_DELAY_MS);
          }
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
    };
    const timer = window.setTimeout(() => ask(0), SUGGEST_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      window.clearTimeout(followUp);
    };
  }, [title, description, abort]);

  useEffect(() => abort, [abort]);

  const reset = useCallback(() => {
    abort();
    setSuggestion(null);
    setPending(false);
  }, [abort]);

  return { suggestion, pending, reset };
}
