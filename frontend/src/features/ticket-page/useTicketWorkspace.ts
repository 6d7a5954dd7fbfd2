import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/client';
import { createComment } from '../../api/comments';
import { getTicket, patchTicket, rotatePortalLink } from '../../api/ticket-detail';
import type { Comment, TicketChanges, TicketDetail, TicketEvent, Visibility } from '../../api/workspace-types';
import { useTimeline } from './useTimeline';

export type SaveOutcome = 'saved' | 'conflict' | 'failed';

/** A change the server refused because the ticket had moved on (412), and what moved it. */
export interface Conflict {
  attempted: TicketChanges;
  /** The events after the version the page had; null when they could not be read. */
  events: TicketEvent[] | null;
}

export interface SaveState {
  state: 'idle' | 'saving' | 'saved' | 'failed';
  fields: (keyof TicketChanges)[];
  message?: string;
}

const PRECONDITION_FAILED = 412;
/** How long "Saved" stays on screen. */
const SAVED_SHOWN_MS = 4000;

const IDLE: SaveState = { state: 'idle', fields: [] };

function withoutApplied(pending: TicketChanges, applied: TicketChanges): TicketChanges {
  const next: TicketChanges = { ...pending };
  for (const key of Object.keys(applied) as (keyof TicketChanges)[]) {
    if (next[key] === applied[key]) delete next[key];
  }
  return next;
}

/**
 * The ticket an agent works on, and every write to it. Writes run one after another, each
 * with the version the page holds in If-Match; on 412 the ticket is reloaded and the
 * events since the page's version say who changed what. Drafts live in the components,
 * so a reload never loses what the agent was typing.
 */
export function useTicketWorkspace(ticketId: number) {
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [loadKey, setLoadKey] = useState(0);
  const [pending, setPending] = useState<TicketChanges>({});
  const [saveState, setSaveState] = useState<SaveState>(IDLE);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const timeline = useTimeline(ticketId);
  const { sync, addComment } = timeline;
  const current = useRef<TicketDetail | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  /** Shows a ticket from the server unless the page already has a newer version. */
  const apply = useCallback((fresh: TicketDetail) => {
    if (current.current && current.current.version > fresh.version) return;
    current.current = fresh;
    setTicket(fresh);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setLoadError(null);
    getTicket(ticketId, controller.signal)
      .then(apply)
      .catch((failure: ApiError) => {
        if (!controller.signal.aborted && !failure.aborted) setLoadError(failure);
      });
    return () => controller.abort();
  }, [ticketId, loadKey, apply]);

  const retryLoad = useCallback(() => setLoadKey((key) => key + 1), []);

  useEffect(() => {
    if (saveState.state !== 'saved') return;
    const timer = window.setTimeout(() => setSaveState((now) => (now === saveState ? IDLE : now)), SAVED_SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [saveState]);

  /** Runs writes one at a time, so each one sends the version the previous one left. */
  const enqueue = useCallback(<T,>(task: () => Promise<T>): Promise<T> => {
    const result = queue.current.then(task);
    queue.current = result.catch(() => undefined);
    return result;
  }, []);

  /** The ticket again, and the events after `sinceVersion` (null when they could not be read). */
  const catchUp = useCallback(
    async (sinceVersion: number): Promise<TicketEvent[] | null> => {
      apply(await getTicket(ticketId));
      return sync(sinceVersion).catch(() => null);
    },
    [ticketId, apply, sync],
  );

  const save = useCallback(
    (changes: TicketChanges): Promise<SaveOutcome> => {
      const fields = Object.keys(changes) as (keyof TicketChanges)[];
      setPending((shown) => ({ ...shown, ...changes }));
      setSaveState({ state: 'saving', fields });
      return enqueue(async (): Promise<SaveOutcome> => {
        const base = current.current;
        if (!base) return 'failed';
        try {
          apply(await patchTicket(ticketId, changes, base.version));
          setSaveState({ state: 'saved', fields });
          setConflict((shown) => (shown && fields.some((f) => f in shown.attempted) ? null : shown));
          void sync(base.version).catch(() => undefined);
          return 'saved';
        } catch (failure) {
          const error = failure as ApiError;
          if (error.status !== PRECONDITION_FAILED) {
            setSaveState({ state: 'failed', fields, message: error.message });
            return 'failed';
          }
          try {
            const events = await catchUp(base.version);
            setConflict({ attempted: changes, events });
            setSaveState(IDLE);
          } catch (reloadFailure) {
            const message = `Someone changed this ticket meanwhile, and it could not be reloaded: ${(reloadFailure as ApiError).message}`;
            setSaveState({ state: 'failed', fields, message });
          }
          return 'conflict';
        } finally {
          setPending((shown) => withoutApplied(shown, changes));
        }
      });
    },
    [ticketId, enqueue, apply, sync, catchUp],
  );

  const reapply = useCallback(() => {
    if (!conflict) return Promise.resolve<SaveOutcome>('failed');
    const shown = current.current;
    const still: TicketChanges = {};
    for (const [field, value] of Object.entries(conflict.attempted) as [keyof TicketChanges, never][]) {
      const now = field === 'assignee' ? (shown?.assignee?.id ?? null) : shown?.[field];
      if (now !== value) still[field] = value;
    }
    setConflict(null);
    return Object.keys(still).length ? save(still) : Promise.resolve<SaveOutcome>('saved');
  }, [conflict, save]);

  const dismissConflict = useCallback(() => setConflict(null), []);
  const dismissSaveError = useCallback(() => setSaveState(IDLE), []);

  /** Posts a reply or note; the ticket's version grew with it, so the ticket is read again. */
  const postComment = useCallback(
    (body: string, visibility: Visibility): Promise<Comment> =>
      enqueue(async () => {
        const since = current.current?.version ?? 0;
        const comment = await createComment(ticketId, body, visibility);
        addComment(comment);
        await catchUp(since).catch(() => undefined);
        return comment;
      }),
    [ticketId, enqueue, addComment, catchUp],
  );

  const rotateLink = useCallback(
    (): Promise<string> =>
      enqueue(async () => {
        const since = current.current?.version ?? 0;
        const { portal_url } = await rotatePortalLink(ticketId);
        await catchUp(since).catch(() => undefined);
        return portal_url;
      }),
    [ticketId, enqueue, catchUp],
  );

  /** Picks up other people's changes (polling): events since the shown version, if it moved. */
  const refresh = useCallback(
    (): Promise<TicketEvent[]> =>
      enqueue(async () => {
        const shown = current.current;
        if (!shown) return [];
        const fresh = await getTicket(ticketId);
        if (fresh.version === shown.version) return [];
        apply(fresh);
        return sync(shown.version);
      }),
    [ticketId, enqueue, apply, sync],
  );

  return {
    ticket,
    pending,
    loadError,
    retryLoad,
    timeline,
    saveState,
    conflict,
    save,
    reapply,
    dismissConflict,
    dismissSaveError,
    postComment,
    rotateLink,
    refresh,
  };
}
