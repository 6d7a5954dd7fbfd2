import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api';
import { patchTicket } from '../../api/ticket-detail';
import type { AgentRef, TicketChanges, TicketDetail } from '../../api/workspace-types';
import { changedMeanwhile, valueLabel } from './writeText';

const PRECONDITION_FAILED = 412;
/** How long a row says "Saved". */
export const SAVED_SHOWN_MS = 3000;

export interface RowSave {
  state: 'saving' | 'saved' | 'failed';
  message?: string;
}

export interface BulkFailure {
  id: number;
  message: string;
}

export interface BulkState {
  running: boolean;
  done: number;
  total: number;
  description: string;
  applied: number[];
  failures: BulkFailure[];
}

function failureText(id: number, error: unknown): string {
  if (error instanceof ApiError && error.status === PRECONDITION_FAILED) return changedMeanwhile(id);
  return `#${id} could not be changed: ${error instanceof ApiError ? error.message : 'unexpected error.'}`;
}

/**
 * Every write of the queue: one row's inline change, and bulk changes. Each is a PATCH with
 * If-Match carrying the version the queue knows (the row's, or a newer one this page saved
 * since); writes to one ticket run one after another. After each write `onWritten` runs
 * (the queue reads its page again rather than patching rows locally).
 */
export function useTicketWrites(onWritten: () => void, agents: AgentRef[]) {
  const [rows, setRows] = useState<Record<number, RowSave>>({});
  const [pending, setPending] = useState<Record<number, TicketChanges>>({});
  const [bulk, setBulk] = useState<BulkState | null>(null);
  const versions = useRef(new Map<number, number>());
  const chains = useRef(new Map<number, Promise<unknown>>());
  const timers = useRef(new Map<number, number>());
  const written = useRef(onWritten);
  written.current = onWritten;

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((t) => window.clearTimeout(t));
  }, []);

  const setRow = useCallback((id: number, save: RowSave | null) => {
    window.clearTimeout(timers.current.get(id));
    setRows((now) => {
      const next = { ...now };
      if (save) next[id] = save;
      else delete next[id];
      return next;
    });
    if (save?.state === 'saved') {
      timers.current.set(
        id,
        window.setTimeout(() => setRows((now) => (now[id] === save ? withoutKey(now, id) : now)), SAVED_SHOWN_MS),
      );
    }
  }, []);

  /** PATCH one ticket after the writes to it already under way. */
  const write = useCallback((ticket: TicketDetail, changes: TicketChanges): Promise<TicketDetail> => {
    const previous = chains.current.get(ticket.id) ?? Promise.resolve();
    const run = previous.then(async () => {
      const version = Math.max(ticket.version, versions.current.get(ticket.id) ?? 0);
      const saved = await patchTicket(ticket.id, changes, version);
      versions.current.set(ticket.id, saved.version);
      return saved;
    });
    chains.current.set(ticket.id, run.catch(() => undefined));
    return run;
  }, []);

  const saveRow = useCallback(
    async (ticket: TicketDetail, changes: TicketChanges) => {
      setPending((now) => ({ ...now, [ticket.id]: { ...now[ticket.id], ...changes } }));
      setRow(ticket.id, { state: 'saving' });
      try {
        await write(ticket, changes);
        setRow(ticket.id, { state: 'saved' });
      } catch (error) {
        let message = failureText(ticket.id, error);
        if (!(error instanceof ApiError && error.status === PRECONDITION_FAILED)) {
          const [field, value] = Object.entries(changes)[0] ?? ['', ''];
          const before = field === 'assignee' ? (ticket.assignee?.id ?? null) : ticket[field as keyof TicketDetail];
          const reason = error instanceof ApiError ? error.message : 'Unexpected error.';
          message = `Could not change ${field} to ${valueLabel(field, value, agents)}: ${reason} It is back to ${valueLabel(field, before, agents)}.`;
        }
        setRow(ticket.id, { state: 'failed', message });
      } finally {
        setPending((now) => withoutKey(now, ticket.id));
        written.current();
      }
    },
    [write, setRow, agents],
  );

  const runBulk = useCallback(
    async (tickets: TicketDetail[], changes: TicketChanges, description: string) => {
      const state: BulkState = { running: true, done: 0, total: tickets.length, description, applied: [], failures: [] };
      setBulk(state);
      for (const ticket of tickets) {
        try {
          await write(ticket, changes);
          state.applied = [...state.applied, ticket.id];
        } catch (error) {
          state.failures = [...state.failures, { id: ticket.id, message: failureText(ticket.id, error) }];
        }
        state.done += 1;
        setBulk({ ...state });
      }
      setBulk({ ...state, running: false });
      written.current();
      return state;
    },
    [write],
  );

  const dismissRow = useCallback((id: number) => setRow(id, null), [setRow]);
  const dismissBulk = useCallback(() => setBulk(null), []);

  return { rows, pending, bulk, saveRow, runBulk, dismissRow, dismissBulk };
}

function withoutKey<T>(record: Record<number, T>, id: number): Record<number, T> {
  const next = { ...record };
  delete next[id];
  return next;
}
