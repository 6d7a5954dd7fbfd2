import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { TicketChanges, TicketDetail } from '../../api/workspace-types';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { useQueryParams } from '../../lib/useQueryParams';
import { BulkBar } from './BulkBar';
import { hasFilters, NO_FILTERS, parseListQuery, toQueryParams, type ListQuery } from './listQuery';
import { Pagination } from './Pagination';
import { QueueRow } from './QueueRow';
import { QueueToolbar } from './QueueToolbar';
import { STATUS_KEYS } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useAgents } from './useAgents';
import { PAGE_SIZE, useQueuePage } from './useQueuePage';
import { useQueueKeyboard } from './useQueueKeyboard';
import { useTicketWrites } from './useTicketWrites';
import { describeChange } from './writeText';
import listStyles from './QueueList.module.css';
import styles from './QueueView.module.css';

interface QueueViewProps {
  /** Bump to read the page again. */
  refreshKey?: number;
}

/**
 * The agents' queue: views, filters and sort in the URL, a dense row per ticket with inline
 * triage, selection and bulk changes, keyboard shortcuts, and live updates from everyone.
 */
export function QueueView({ refreshKey = 0 }: QueueViewProps) {
  const [params, setParams] = useQueryParams();
  const query = useMemo(() => parseListQuery(params), [params]);
  const navigate = useNavigate();
  const { user } = useAuth();
  const agents = useAgents();
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const topRef = useRef<HTMLDivElement>(null);

  const changeQuery = useCallback(
    (changes: Partial<ListQuery>, opts?: { replace?: boolean }) => setParams(toQueryParams(changes), opts),
    [setParams],
  );

  const { data, loading, error, retry, reload } = usePage(query, refreshKey);
  const writes = useTicketWrites(reload, agents);
  const { saveRow, runBulk } = writes;

  const tickets = useMemo(
    () => (data?.results ?? []).map((t) => (writes.pending[t.id] ? applyPending(t, writes.pending[t.id]) : t)),
    [data, writes.pending],
  );

  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [active, setActive] = useState<number | null>(null);
  const anchor = useRef<number | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  // Another view: nothing selected, no current row.
  const viewKey = JSON.stringify(query);
  useEffect(() => {
    setSelected(new Set());
    setActive(null);
    anchor.current = null;
  }, [viewKey]);

  // A page past the end (the list shrank meanwhile): back to the first page.
  useEffect(() => {
    if (error?.status === 404 && query.page > 1) changeQuery({ page: 1 }, { replace: true });
  }, [error, query.page, changeQuery]);

  const selectedTickets = tickets.filter((t) => selected.has(t.id));
  const activeTicket = active !== null ? tickets[active] : undefined;

  const toggle = useCallback(
    (index: number, range: boolean) => {
      const ticket = tickets[index];
      if (!ticket) return;
      const from = range && anchor.current !== null ? Math.min(anchor.current, index) : null;
      const to = Math.max(anchor.current ?? index, index);
      setSelected((now) => {
        const next = new Set(now);
        const on = !now.has(ticket.id);
        if (from !== null) {
          for (const t of tickets.slice(from, to + 1)) {
            if (on) next.add(t.id);
            else next.delete(t.id);
          }
        } else if (on) next.add(ticket.id);
        else next.delete(ticket.id);
        return next;
      });
      anchor.current = index;
    },
    [tickets],
  );

  const allSelected = tickets.length > 0 && tickets.every((t) => selected.has(t.id));
  const someSelected = !allSelected && tickets.some((t) => selected.has(t.id));
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(tickets.map((t) => t.id)));

  const focusRow = useCallback((index: number) => {
    const link = listRef.current?.querySelectorAll<HTMLElement>('[data-row-link]')[index];
    link?.focus();
    link?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  const applyToCurrent = useCallback(
    (changes: TicketChanges) => {
      if (selectedTickets.length > 0) {
        void runBulk(selectedTickets, changes, describeChange(changes, agents)).then(() => setSelected(new Set()));
      } else if (activeTicket) {
        const differs = Object.entries(changes).some(([field, value]) =>
          field === 'assignee' ? (activeTicket.assignee?.id ?? null) !== value : activeTicket[field as keyof TicketDetail] !== value,
        );
        if (differs) void saveRow(activeTicket, changes);
      }
    },
    [selectedTickets, activeTicket, runBulk, saveRow, agents],
  );

  useQueueKeyboard(
    {
      focusSearch: () => searchRef.current?.focus(),
      move: (step) => {
        if (tickets.length === 0) return;
        const next = active === null ? (step === 1 ? 0 : tickets.length - 1) : Math.min(tickets.length - 1, Math.max(0, active + step));
        setActive(next);
        focusRow(next);
      },
      open: () => {
        if (activeTicket) navigate(`/tickets/${activeTicket.id}`);
      },
      toggle: () => {
        if (active !== null) toggle(active, false);
      },
      status: (key) => {
        const status = STATUS_KEYS[key];
        if (!status) return false;
        applyToCurrent({ status });
        return true;
      },
      assignToMe: () => {
        if (user) applyToCurrent({ assignee: user.id });
      },
      showHelp: () => setHelpOpen(true),
      back: () => {
        if (selected.size > 0) setSelected(new Set());
        else if (active !== null) {
          setActive(null);
          (document.activeElement as HTMLElement | null)?.blur?.();
          topRef.current?.focus();
        }
      },
    },
    !helpOpen,
  );

  const onRowChange = useCallback((ticket: TicketDetail, changes: TicketChanges) => void saveRow(ticket, changes), [saveRow]);

  const goToPage = useCallback(
    (page: number) => {
      changeQuery({ page });
      topRef.current?.scrollIntoView?.({ block: 'start' });
    },
    [changeQuery],
  );

  const filtered = hasFilters(query);
  const pageCount = data ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : 1;
  let summary = '';
  if (data) {
    const n = formatNumber(data.count);
    const noun = data.count === 1 ? 'ticket' : 'tickets';
    summary = `${data.count_is_estimate ? 'About ' : ''}${n} ${noun}${filtered ? ' match' + (data.count === 1 ? 'es' : '') : ''}`;
  }

  return (
    <div className={styles.queue}>
      <QueueToolbar ref={searchRef} query={query} agents={agents} onChange={changeQuery} onShowShortcuts={() => setHelpOpen(true)} />

      <BulkBar
        selectedCount={selectedTickets.length}
        agents={agents}
        bulk={writes.bulk}
        onApply={(changes) => applyToCurrent(changes)}
        onClear={() => setSelected(new Set())}
        onDismiss={writes.dismissBulk}
      />

      <div className={styles.statusBar} ref={topRef} tabIndex={-1}>
        <p className={styles.summary} aria-live="polite">
          {summary}
        </p>
        {loading && data && <Spinner size="sm" label="Updating…" showLabel />}
        <Button variant="ghost" onClick={reload}>
          Refresh
        </Button>
      </div>

      {error && error.status !== 404 && <ErrorBanner onRetry={retry}>Could not load tickets. {error.message}</ErrorBanner>}

      {loading && !data && !error && (
        <div className={styles.placeholder}>
          <Spinner label="Loading tickets…" showLabel />
        </div>
      )}

      {data && tickets.length === 0 && !loading && (
        <div className={styles.empty}>
          {filtered ? (
            <>
              <p className={styles.emptyTitle}>No tickets match these filters.</p>
              <Button variant="secondary" onClick={() => changeQuery({ ...NO_FILTERS, page: 1 })}>
                Clear filters
              </Button>
            </>
          ) : (
            <>
              <p className={styles.emptyTitle}>No tickets yet.</p>
              <p>Submitted tickets will appear here.</p>
            </>
          )}
        </div>
      )}

      {tickets.length > 0 && (
        <div>
          <div className={listStyles.head}>
            <input
              type="checkbox"
              className={listStyles.check}
              aria-label="Select all tickets on this page"
              checked={allSelected}
              ref={(el) => {
                if (el) el.indeterminate = someSelected;
              }}
              onChange={toggleAll}
            />
            <span aria-hidden="true">No.</span>
            <span aria-hidden="true">Title</span>
            <span aria-hidden="true">Requester</span>
            <span aria-hidden="true">Category</span>
            <span aria-hidden="true">Priority</span>
            <span aria-hidden="true">Status</span>
            <span aria-hidden="true">Assignee</span>
            <span aria-hidden="true">Age</span>
            <span aria-hidden="true" />
          </div>
          <ul ref={listRef} className={`${listStyles.list} ${loading ? listStyles.stale : ''}`} aria-label="Tickets" aria-busy={loading || undefined}>
            {tickets.map((ticket, index) => (
              <QueueRow
                key={ticket.id}
                ticket={ticket}
                index={index}
                selected={selected.has(ticket.id)}
                active={active === index}
                save={writes.rows[ticket.id]}
                onToggle={toggle}
                onChange={onRowChange}
                onActivate={setActive}
                onDismiss={writes.dismissRow}
              />
            ))}
          </ul>
        </div>
      )}

      {data && (
        <Pagination
          page={query.page}
          pageCount={pageCount}
          estimate={data.count_is_estimate}
          hasPrevious={Boolean(data.previous) || query.page > 1}
          hasNext={Boolean(data.next)}
          onPage={goToPage}
        />
      )}

      <p className={styles.hint}>
        Press <kbd>?</kbd> for keyboard shortcuts.
      </p>
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

function usePage(query: ListQuery, refreshKey: number) {
  const page = useQueuePage(query, refreshKey);
  return { ...page, retry: page.reload };
}

function applyPending(ticket: TicketDetail, changes: TicketChanges): TicketDetail {
  const { assignee, ...rest } = changes;
  const next: TicketDetail = { ...ticket, ...rest };
  if (assignee !== undefined) next.assignee = assignee === null ? null : { id: assignee, name: ticket.assignee?.name ?? '…' };
  return next;
}
