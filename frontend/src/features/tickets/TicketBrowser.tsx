import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, updateTicket, type Ticket } from '../../api';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../lib/labels';
import { formatNumber } from '../../lib/format';
import { useQueryParams } from '../../lib/useQueryParams';
import { hasFilters, parseListQuery, toQueryParams, type ListQuery } from './listQuery';
import { Pagination } from './Pagination';
import { TicketCard, type EditableField } from './TicketCard';
import { TicketFilters } from './TicketFilters';
import styles from './TicketBrowser.module.css';
import { PAGE_SIZE, useTicketPage } from './useTicketPage';

interface TicketBrowserProps {
  /** The ticket just submitted: shown at the top, highlighted. */
  created?: Ticket | null;
  /** Bump to reload the list. */
  refreshKey?: number;
  /** Called after the server accepted an inline edit. */
  onChanged?: (ticket: Ticket) => void;
}

const FIELD_NAMES: Record<EditableField, string> = { status: 'status', priority: 'priority', category: 'category' };

function valueLabel(field: EditableField, value: string): string {
  const labels: Record<string, string> =
    field === 'status' ? STATUS_LABELS : field === 'priority' ? PRIORITY_LABELS : CATEGORY_LABELS;
  return labels[value] ?? value;
}

/** Filters, the paginated list of ticket cards, and inline triage. */
export function TicketBrowser({ created = null, refreshKey = 0, onChanged }: TicketBrowserProps) {
  const [params, setParams] = useQueryParams();
  const query = useMemo(() => parseListQuery(params), [params]);
  const listRef = useRef<HTMLDivElement>(null);

  const changeQuery = useCallback(
    (changes: Partial<ListQuery>, opts?: { replace?: boolean }) => setParams(toQueryParams(changes), opts),
    [setParams],
  );

  const { data, loading, error, retry, updateLocal } = useTicketPage(query, refreshKey);

  const [pinned, setPinned] = useState<Ticket | null>(created);
  useEffect(() => setPinned(created), [created]);

  const [cardErrors, setCardErrors] = useState<Record<number, string>>({});
  const [saving, setSaving] = useState<Record<number, number>>({});
  // Edits in flight, per ticket and field: the value wanted and the last one saved.
  const edits = useRef(new Map<string, { desired: string; confirmed: string }>());

  // A page past the end (the list shrank meanwhile): back to the first page.
  useEffect(() => {
    if (error?.status === 404 && query.page > 1) changeQuery({ page: 1 }, { replace: true });
  }, [error, query.page, changeQuery]);

  const applyLocal = useCallback(
    (id: number, change: (ticket: Ticket) => Ticket) => {
      updateLocal(id, change);
      setPinned((p) => (p && p.id === id ? change(p) : p));
    },
    [updateLocal],
  );

  const setCardError = useCallback((id: number, message: string | null) => {
    setCardErrors((current) => {
      const next = { ...current };
      if (message) next[id] = message;
      else delete next[id];
      return next;
    });
  }, []);

  const handleChange = useCallback(
    async (ticket: Ticket, field: EditableField, value: string) => {
      const key = `${ticket.id}:${field}`;
      const existing = edits.current.get(key);
      // Optimistic: the card shows the new value at once.
      applyLocal(ticket.id, (t) => ({ ...t, [field]: value }));
      setCardError(ticket.id, null);
      if (existing) {
        // A request for this field is in flight: it sends the latest value when done.
        existing.desired = value;
        return;
      }
      if (ticket[field] === value) return;
      const edit = { desired: value, confirmed: ticket[field] as string };
      edits.current.set(key, edit);
      setSaving((s) => ({ ...s, [ticket.id]: (s[ticket.id] ?? 0) + 1 }));
      try {
        // One request at a time per field, so the server ends with the last choice
        // even when keyboard arrows fire a change per step.
        while (edit.desired !== edit.confirmed) {
          const target = edit.desired;
          try {
            const saved = await updateTicket(ticket.id, { [field]: target });
            edit.confirmed = saved[field];
            if (edit.desired === target) {
              applyLocal(ticket.id, (t) => ({ ...t, [field]: saved[field], updated_at: saved.updated_at }));
            }
            onChanged?.(saved);
          } catch (err) {
            // Refused: put the last saved value back and say why.
            applyLocal(ticket.id, (t) => ({ ...t, [field]: edit.confirmed }));
            const reason = err instanceof ApiError ? err.message : 'Unexpected error.';
            setCardError(
              ticket.id,
              `Could not change ${FIELD_NAMES[field]} to ${valueLabel(field, target)}: ${reason} It is back to ${valueLabel(field, edit.confirmed)}.`,
            );
            break;
          }
        }
      } finally {
        edits.current.delete(key);
        setSaving((s) => ({ ...s, [ticket.id]: Math.max(0, (s[ticket.id] ?? 1) - 1) }));
      }
    },
    [applyLocal, setCardError, onChanged],
  );

  const goToPage = useCallback(
    (page: number) => {
      changeQuery({ page });
      const calm = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      listRef.current?.scrollIntoView?.({ block: 'start', behavior: calm ? 'auto' : 'smooth' });
    },
    [changeQuery],
  );

  const results = data?.results ?? [];
  const showPinned = pinned !== null && query.page === 1 && !results.some((t) => t.id === pinned.id);
  const tickets = showPinned && pinned ? [pinned, ...results] : results;
  const filtered = hasFilters(query);
  const pageCount = data ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : 1;

  let summary = '';
  if (data) {
    const n = formatNumber(data.count);
    const noun = data.count === 1 ? 'ticket' : 'tickets';
    summary = `${data.count_is_estimate ? 'About ' : ''}${n} ${noun}${filtered ? ' match' + (data.count === 1 ? 'es' : '') : ''}`;
  }

  return (
    <div className={styles.browser}>
      <TicketFilters query={query} onChange={changeQuery} />

      <div className={styles.statusBar} ref={listRef}>
        <p className={styles.summary} aria-live="polite">
          {summary}
        </p>
        {loading && data && <Spinner size="sm" label="Updating…" showLabel />}
      </div>

      {error && error.status !== 404 && (
        <ErrorBanner onRetry={retry}>Could not load tickets. {error.message}</ErrorBanner>
      )}

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
              <Button
                variant="secondary"
                onClick={() => changeQuery({ category: '', priority: '', status: '', search: '', page: 1 })}
              >
                Clear filters
              </Button>
            </>
          ) : (
            <>
              <p className={styles.emptyTitle}>No tickets yet.</p>
              <p>Submitted tickets will appear here, newest first.</p>
            </>
          )}
        </div>
      )}

      {tickets.length > 0 && (
        <ul className={`${styles.list} ${loading ? styles.stale : ''}`} aria-label="Tickets" aria-busy={loading || undefined}>
          {tickets.map((ticket) => (
            <li key={ticket.id}>
              <TicketCard
                ticket={ticket}
                highlighted={created?.id === ticket.id}
                note={created?.id === ticket.id ? 'New' : undefined}
                error={cardErrors[ticket.id]}
                saving={(saving[ticket.id] ?? 0) > 0}
                onChange={handleChange}
                onDismissError={() => setCardError(ticket.id, null)}
              />
            </li>
          ))}
        </ul>
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
    </div>
  );
}
