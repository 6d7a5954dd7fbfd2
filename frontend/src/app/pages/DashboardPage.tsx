import { useCallback, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { DashboardView } from '../../features/stats';
import { useLiveRefresh } from '../../lib/live';
import { useAutoRefresh } from '../../lib/useAutoRefresh';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

const AUTO_REFRESH_MS = 60_000;

/** `/dashboard`: the team's numbers on a page of their own. */
export function DashboardPage() {
  useDocumentTitle('Dashboard');
  const [statsKey, setStatsKey] = useState(0);
  const refresh = useCallback(() => setStatsKey((k) => k + 1), []);
  useAutoRefresh(refresh, AUTO_REFRESH_MS);
  // Anyone's change reaches the numbers within moments (CONTRACT §9's stream).
  useLiveRefresh(refresh, 500);

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="How many tickets come in and get resolved, how fast, how they are spread, and how often the AI's suggestions are kept. Every bar leads to its tickets."
      />
      <DashboardView refreshKey={statsKey} />
    </>
  );
}
