import { forwardRef } from 'react';
import { Link } from 'react-router';
import { exportUrl } from '../../api';
import type { AgentRef } from '../../api/workspace-types';
import { FilterChips } from './FilterChips';
import { activeView, apiFilters, toQueryParams, viewQuery, VIEWS, type ListQuery } from './listQuery';
import { QueueFilters } from './QueueFilters';
import styles from './QueueToolbar.module.css';

interface QueueToolbarProps {
  query: ListQuery;
  agents: AgentRef[];
  onChange: (changes: Partial<ListQuery>, opts?: { replace?: boolean }) => void;
  onShowShortcuts: () => void;
}

function viewHref(query: Partial<ListQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(toQueryParams(query))) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `/?${search}` : '/';
}

/** The views, the filters and sort, and what to do with the list: new ticket, export, shortcuts. */
export const QueueToolbar = forwardRef<HTMLInputElement, QueueToolbarProps>(function QueueToolbar(
  { query, agents, onChange, onShowShortcuts },
  searchRef,
) {
  const current = activeView(query);
  return (
    <div className={styles.toolbar}>
      <div className={styles.top}>
        <nav aria-label="Views" className={styles.views}>
          <ul>
            {VIEWS.map((view) => (
              <li key={view.id}>
                <Link
                  to={viewHref({ ...viewQuery(view), search: query.search })}
                  className={styles.view}
                  aria-current={current?.id === view.id ? 'page' : undefined}
                >
                  {view.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles.actions}>
          <Link to="/submit" className={styles.primary}>
            New ticket
          </Link>
          <a className={styles.action} href={exportUrl(apiFilters({ ...query, page: 1 }, 0))} download>
            Export CSV
          </a>
          <button type="button" className={styles.action} onClick={onShowShortcuts} aria-keyshortcuts="?">
            Shortcuts
          </button>
        </div>
      </div>
      <QueueFilters ref={searchRef} query={query} agents={agents} onChange={onChange} />
      <FilterChips query={query} onChange={onChange} />
    </div>
  );
});
