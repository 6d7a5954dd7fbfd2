import { CATEGORIES, PRIORITIES, STATUSES } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/Panel';
import { Spinner } from '../../components/Spinner';
import { formatNumber } from '../../lib/format';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../lib/labels';
import { AiPanel } from './AiPanel';
import { BarChart } from './BarChart';
import { DailyChart } from './DailyChart';
import styles from './DashboardView.module.css';
import { Medians } from './Medians';
import { queueHref } from './queueLinks';
import { useTeamTimeZone } from './timeZone';
import { TimeZoneSelect } from './TimeZoneSelect';
import { useStats } from './useStats';

const colours = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, `var(--bar-${key})`]));
const STATUS_COLOURS = {
  open: 'var(--bar-technical)',
  in_progress: 'var(--bar-high)',
  resolved: 'var(--bar-billing)',
  closed: 'var(--bar-low)',
};

/**
 * The dashboard page's content: totals, statuses, the last 30 days per day in the
 * team's time zone, response and resolution medians, breakdowns and the AI's record.
 * Every breakdown row and every day links to those tickets in the queue.
 */
export function DashboardView({ refreshKey = 0 }: { refreshKey?: number }) {
  const [timeZone, setTimeZone] = useTeamTimeZone();
  const { stats, error, loading, retry } = useStats(refreshKey, timeZone);

  const zonePicker = (
    <div className={styles.toolbar}>
      <TimeZoneSelect value={timeZone} onChange={setTimeZone} />
      <p className={styles.zoneNote}>Days start at midnight in this zone.</p>
    </div>
  );

  if (!stats) {
    return (
      <>
        {zonePicker}
        {error ? (
          <ErrorBanner onRetry={retry}>Could not load statistics. {error.message}</ErrorBanner>
        ) : (
          <div className={styles.placeholder}>
            <Spinner label="Loading statistics…" showLabel />
          </div>
        )}
      </>
    );
  }

  const statuses = stats.status_breakdown;
  const unresolved = statuses ? statuses.open + statuses.in_progress : undefined;
  return (
    <div className={styles.view} aria-busy={loading || undefined}>
      {zonePicker}
      {error && <ErrorBanner onRetry={retry}>Could not refresh statistics. {error.message}</ErrorBanner>}

      <div className={styles.grid}>
        <Panel id="overview" title="Overview" className={styles.wide}>
          <dl className={styles.tiles}>
            <div className={styles.tile}>
              <dt>Total tickets</dt>
              <dd>{formatNumber(stats.total_tickets)}</dd>
            </div>
            {unresolved !== undefined && (
              <div className={styles.tile}>
                <dt>Unresolved (open + in progress)</dt>
                <dd>{formatNumber(unresolved)}</dd>
              </div>
            )}
            <div className={styles.tile}>
              <dt>Created per day (average)</dt>
              <dd>{stats.avg_tickets_per_day.toLocaleString(undefined, { maximumFractionDigits: 1 })}</dd>
            </div>
          </dl>
          {statuses && (
            <BarChart
              title="Tickets by status"
              colours={STATUS_COLOURS}
              bars={STATUSES.map((s) => ({
                key: s,
                label: STATUS_LABELS[s],
                value: statuses[s] ?? 0,
                href: queueHref({ status: s }),
              }))}
            />
          )}
          <p className={styles.note}>
            &ldquo;Open&rdquo; counts tickets nobody has started on; tickets being worked on are &ldquo;In progress&rdquo;.
          </p>
        </Panel>

        {stats.tickets_per_day && (
          <Panel id="last-30-days" title="Last 30 days" className={styles.wide}>
            <DailyChart days={stats.tickets_per_day} timeZone={timeZone} />
            <Medians
              firstResponse={stats.median_first_response_seconds}
              resolution={stats.median_resolution_seconds}
            />
          </Panel>
        )}

        <Panel id="breakdowns" title="Priority and category">
          <BarChart
            title="Tickets by priority"
            colours={colours(PRIORITIES)}
            bars={PRIORITIES.map((p) => ({
              key: p,
              label: PRIORITY_LABELS[p],
              value: stats.priority_breakdown?.[p] ?? 0,
              href: queueHref({ priority: p }),
            }))}
          />
          <BarChart
            title="Tickets by category"
            colours={colours(CATEGORIES)}
            bars={CATEGORIES.map((c) => ({
              key: c,
              label: CATEGORY_LABELS[c],
              value: stats.category_breakdown?.[c] ?? 0,
              href: queueHref({ category: c }),
            }))}
          />
        </Panel>

        {stats.ai && (
          <Panel id="ai" title="AI suggestions">
            <AiPanel ai={stats.ai} />
          </Panel>
        )}
      </div>
    </div>
  );
}
