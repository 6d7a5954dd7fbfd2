import { useEffect, useId, useRef, useState } from 'react';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../api';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../lib/labels';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { hasFilters, type ListQuery } from './listQuery';
import styles from './TicketFilters.module.css';

export const SEARCH_DELAY_MS = 300;
/** The API refuses longer searches. */
export const SEARCH_MAX_CHARS = 200;

interface TicketFiltersProps {
  query: ListQuery;
  onChange: (changes: Partial<ListQuery>, opts?: { replace?: boolean }) => void;
}

/** Category / Priority / Status selects and a Search box, all kept in the URL. */
export function TicketFilters({ query, onChange }: TicketFiltersProps) {
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

  // The URL changed elsewhere (back button, "Clear filters") -> the box follows.
  useEffect(() => {
    if (query.search !== sent.current) {
      sent.current = query.search;
      setText(query.search);
    }
  }, [query.search]);

  return (
    <div className={styles.filters} role="search" aria-label="Filter tickets">
      <div className={`${styles.field} ${styles.search}`}>
        <label htmlFor={`${id}-search`}>Search</label>
        <input
          id={`${id}-search`}
          className="control"
          type="search"
          maxLength={SEARCH_MAX_CHARS}
          placeholder="Words in the title or description"
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
      {(hasFilters(query) || text) && (
        <button
          type="button"
          className={styles.clear}
          onClick={() => {
            setText('');
            sent.current = '';
            onChange({ category: '', priority: '', status: '', search: '', page: 1 });
          }}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
