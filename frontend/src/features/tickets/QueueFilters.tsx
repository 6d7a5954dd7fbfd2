import { forwardRef, useEffect, useId, useRef, useState } from 'react';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../api';
import type { AgentRef } from '../../api/workspace-types';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../lib/labels';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { hasFilters, NO_FILTERS, type ListQuery } from './listQuery';
import styles from './QueueToolbar.module.css';

export const SEARCH_DELAY_MS = 300;
/** The API refuses longer searches. */
export const SEARCH_MAX_CHARS = 200;

interface QueueFiltersProps {
  query: ListQuery;
  agents: AgentRef[];
  onChange: (changes: Partial<ListQuery>, opts?: { replace?: boolean }) => void;
}

/** Search, the filters that have controls, and the sort; all kept in the URL. */
export const QueueFilters = forwardRef<HTMLInputElement, QueueFiltersProps>(function QueueFilters(
  { query, agents, onChange },
  searchRef,
) {
  const id = useId();
  const [text, setText] = useState(query.search);
  const debounced = useDebouncedValue(text, SEARCH_DELAY_MS);
  const sent = useRef(query.search);

  // Typing settles -> the URL (and so the request) follows.
  useEffect(() => {
    if (debounced !== sent.current) {
      sent.current = debounced;
      onChange({ search: debounced, page: 1 }, { replace: true });
    }
  }, [debounced, onChange]);

  // The URL changed elsewhere (back button, a view, "Clear filters") -> the box follows.
  useEffect(() => {
    if (query.search !== sent.current) {
      sent.current = query.search;
      setText(query.search);
    }
  }, [query.search]);

  const knownAssignee =
    !query.assignee || query.assignee === 'me' || query.assignee === 'none' || agents.some((a) => String(a.id) === query.assignee);

  return (
    <div className={styles.filters} role="search" aria-label="Filter tickets">
      <div className={`${styles.field} ${styles.search}`}>
        <label htmlFor={`${id}-search`}>Search</label>
        <input
          id={`${id}-search`}
          ref={searchRef}
          className="control"
          type="search"
          maxLength={SEARCH_MAX_CHARS}
          placeholder="Words, or a ticket number"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && text !== sent.current) {
              sent.current = text;
              onChange({ search: text, page: 1 }, { replace: true });
            }
          }}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-category`}>Category</label>
        <select
          id={`${id}-category`}
          className="control"
          value={query.category}
          onChange={(e) => onChange({ category: e.target.value as ListQuery['category'], page: 1 })}
        >
          <option value="">All</option>
          {CATEGORIES.map((v) => (
            <option key={v} value={v}>
              {CATEGORY_LABELS[v]}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-priority`}>Priority</label>
        <select
          id={`${id}-priority`}
          className="control"
          value={query.priority}
          onChange={(e) => onChange({ priority: e.target.value as ListQuery['priority'], page: 1 })}
        >
          <option value="">All</option>
          {PRIORITIES.map((v) => (
            <option key={v} value={v}>
              {PRIORITY_LABELS[v]}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          className="control"
          value={query.status}
          onChange={(e) => onChange({ status: e.target.value as ListQuery['status'], page: 1 })}
        >
          <option value="">All</option>
          {STATUSES.map((v) => (
            <option key={v} value={v}>
              {STATUS_LABELS[v]}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-assignee`}>Assignee</label>
        <select
          id={`${id}-assignee`}
          className="control"
          value={query.assignee}
          onChange={(e) => onChange({ assignee: e.target.value, page: 1 })}
        >
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Nobody</option>
          {agents.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.name}
            </option>
          ))}
          {!knownAssignee && <option value={query.assignee}>Agent #{query.assignee}</option>}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-sort`}>Sort</label>
        <select
          id={`${id}-sort`}
          className="control"
          value={query.sort || 'newest'}
          onChange={(e) => onChange({ sort: e.target.value as ListQuery['sort'], page: 1 })}
        >
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
          <option value="priority">Priority</option>
        </select>
      </div>
      {(hasFilters(query) || text) && (
        <button
          type="button"
          className={styles.clear}
          onClick={() => {
            setText('');
            sent.current = '';
            onChange({ ...NO_FILTERS, page: 1 });
          }}
        >
          Clear filters
        </button>
      )}
    </div>
  );
});
