import { useCallback, useState } from 'react';
import type { Ticket } from './api';
import { Button } from './components/Button';
import { Panel } from './components/Panel';
import { Dashboard } from './features/stats';
import { TicketBrowser, TicketForm } from './features/tickets';
import { useAutoRefresh } from './lib/useAutoRefresh';
import styles from './App.module.css';

/** How often an open page reloads the list and the numbers. */
const AUTO_REFRESH_MS = 60_000;

/** The page: composes the features; they talk only through these props. */
export function App() {
  const [created, setCreated] = useState<Ticket | null>(null);
  const [listKey, setListKey] = useState(0);
  const [statsKey, setStatsKey] = useState(0);

  const handleCreated = useCallback((ticket: Ticket) => {
    setCreated(ticket);
    setListKey((k) => k + 1);
    setStatsKey((k) => k + 1);
  }, []);

  const handleChanged = useCallback(() => setStatsKey((k) => k + 1), []);

  const refreshAll = useCallback(() => {
    setListKey((k) => k + 1);
    setStatsKey((k) => k + 1);
  }, []);
  useAutoRefresh(refreshAll, AUTO_REFRESH_MS);

  return (
    <div className={styles.app}>
      <a className={styles.skip} href="#tickets">
        Skip to tickets
      </a>
      <header className={styles.header}>
        <div className={styles.headerInner}>
          <span className={styles.logo} aria-hidden="true">
            <svg viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round">
              <rect x="3" y="5" width="18" height="14" rx="2" />
              <path d="M3 7l9 6 9-6" />
            </svg>
          </span>
          <div>
            <h1 className={styles.brand}>Support Desk</h1>
            <p className={styles.tagline}>Tickets with AI triage</p>
          </div>
          <nav className={styles.links} aria-label="Other tools">
            <a href="/api/docs/">API docs</a>
            <a href="/admin/">Admin</a>
          </nav>
        </div>
      </header>

      <main className={styles.layout}>
        <div className={styles.side}>
          <Panel id="new-ticket" title="New ticket">
            <TicketForm onCreated={handleCreated} />
          </Panel>
          <Panel id="overview" title="Overview" className={styles.overview}>
            <Dashboard refreshKey={statsKey} />
          </Panel>
        </div>
        <Panel
          id="tickets"
          title="Tickets"
          className={styles.tickets}
          actions={
            <Button variant="ghost" onClick={refreshAll}>
              Refresh
            </Button>
          }
        >
          <TicketBrowser created={created} refreshKey={listKey} onChanged={handleChanged} />
        </Panel>
      </main>
    </div>
  );
}
