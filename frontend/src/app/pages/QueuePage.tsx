import { useCallback, useState } from 'react';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { Dashboard } from '../../features/stats';
import { TicketBrowser } from '../../features/tickets';
import { useAutoRefresh } from '../../lib/useAutoRefresh';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import styles from './QueuePage.module.css';

/** How often an open queue reloads the list and the numbers. */
const AUTO_REFRESH_MS = 60_000;

/** The agents' queue at `/`: the ticket list with inline triage, and the overview beside it. */
export function QueuePage() {
  useDocumentTitle('Queue');
  const [listKey, setListKey] = useState(0);
  const [statsKey, setStatsKey] = useState(0);

  const handleChanged = useCallback(() => setStatsKey((k) => k + 1), []);
  const refreshAll = useCallback(() => {
    setListKey((k) => k + 1);
    setStatsKey((k) => k + 1);
  }, []);
  useAutoRefresh(refreshAll, AUTO_REFRESH_MS);

  return (
    <>
      <PageHeader title="Queue" description="Every ticket, newest first: filter, search and triage them here." />
      <div className={styles.layout}>
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
          <TicketBrowser refreshKey={listKey} onChanged={handleChanged} />
        </Panel>
        <Panel id="overview" title="Overview" className={styles.overview}>
          <Dashboard refreshKey={statsKey} />
        </Panel>
      </div>
    </>
  );
}
