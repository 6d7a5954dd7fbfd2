import { useCallback, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { QueueView } from '../../features/tickets';
import { liveAvailable } from '../../lib/live';
import { useAutoRefresh } from '../../lib/useAutoRefresh';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import styles from './QueuePage.module.css';

/** Without live updates (no EventSource), how often an open queue reloads. */
const POLL_MS = 60_000;

/** The agents' queue at `/`: views, filters, the dense list, bulk changes, live updates. */
export function QueuePage() {
  useDocumentTitle('Queue');
  const [listKey, setListKey] = useState(0);
  const refresh = useCallback(() => setListKey((k) => k + 1), []);
  useAutoRefresh(refresh, liveAvailable() ? 10 * POLL_MS : POLL_MS);

  return (
    <div className={styles.page}>
      <PageHeader title="Queue" />
      <QueueView refreshKey={listKey} />
    </div>
  );
}
