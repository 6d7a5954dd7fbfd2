import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/client';
import { listComments } from '../../api/comments';
import { listEvents } from '../../api/events';
import type { Comment, TicketEvent } from '../../api/workspace-types';
import { allPages } from './allPages';

type Status = 'loading' | 'ready' | 'error';

function mergeById<T extends { id: number }>(known: T[], incoming: T[]): T[] {
  const seen = new Set(known.map((row) => row.id));
  const fresh = incoming.filter((row) => !seen.has(row.id));
  return fresh.length ? [...known, ...fresh] : known;
}

/**
 * A ticket's conversation (comments) and history (events), both oldest first. `sync`
 * fetches only the events newer than a version, and the comments again when one of
 * those events is a comment this page has not seen.
 */
export function useTimeline(ticketId: number) {
  const [comments, setComments] = useState<Comment[]>([]);
  const [events, setEvents] = useState<TicketEvent[]>([]);
  const [status, setStatus] = useState<Status>('loading');
  const [error, setError] = useState<ApiError | null>(null);
  const [loadKey, setLoadKey] = useState(0);
  const commentIds = useRef(new Set<number>());

  const applyComments = useCallback((rows: Comment[]) => {
    setComments((known) => {
      const merged = mergeById(known, rows);
      commentIds.current = new Set(merged.map((c) => c.id));
      return merged;
    });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    setStatus('loading');
    setError(null);
    Promise.all([
      allPages((page) => listComments(ticketId, page, signal)),
      allPages((page) => listEvents(ticketId, { page }, signal)),
    ])
      .then(([loadedComments, loadedEvents]) => {
        if (signal.aborted) return;
        commentIds.current = new Set(loadedComments.map((c) => c.id));
        setComments(loadedComments);
        setEvents(loadedEvents);
        setStatus('ready');
      })
      .catch((failure: ApiError) => {
        if (signal.aborted || failure.aborted) return;
        setError(failure);
        setStatus('error');
      });
    return () => controller.abort();
  }, [ticketId, loadKey]);

  const reload = useCallback(() => setLoadKey((key) => key + 1), []);

  /** Fetches the events after `sinceVersion`, adds them, and answers them (also those already shown). */
  const sync = useCallback(
    async (sinceVersion: number): Promise<TicketEvent[]> => {
      const newer = await allPages((page) => listEvents(ticketId, { sinceVersion, page }));
      setEvents((known) => mergeById(known, newer));
      const unseen = newer.some((e) => e.comment_id !== null && !commentIds.current.has(e.comment_id));
      if (unseen) applyComments(await allPages((page) => listComments(ticketId, page)));
      return newer;
    },
    [ticketId, applyComments],
  );

  const addComment = useCallback((comment: Comment) => applyComments([comment]), [applyComments]);

  return { comments, events, status, error, reload, sync, addComment };
}
