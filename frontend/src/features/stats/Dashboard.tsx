import { CATEGORIES, PRIORITIES } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { formatNumber, formatPercent } from '../../lib/format';
import { CATEGORY_LABELS, PRIORITY_LABELS } from '../../lib/labels';
import { BarChart } from './BarChart';
import styles from './Dashboard.module.css';
import { useStats } from './useStats';

interface DashboardProps {
  /** Bump after a ticket is created or edited to reload the numbers. */
  refreshKey?: number;
}

const PRIORITY_COLOURS = Object.fromEntries(PRIORITIES.map((p) => [p, `var(--bar-${p})`]));
const CATEGORY_COLOURS = Object.fromEntries(CATEGORIES.map((c) => [c, `var(--bar-${c})`]));

/** Totals, breakdowns and how often the AI's suggestions were kept. */
export function Dashboard({ refreshKey = 0 }: DashboardProps) {
  const { stats, error, loading, retry } = useStats(refreshKey);

  if (!stats) {
    if (error) return <ErrorBanner onRetry={retry}>Could not load statistics. {error.message}</ErrorBanner>;
    return (
      <div className={styles.placeholder}>
        <Spinner label="Loading statistics…" showLabel />
      </div>
    );
  }

  const ai = stats.ai;
  return (
    <div className={styles.dashboard} aria-busy={loading || undefined}>
      {error && <ErrorBanner onRetry={retry}>Could not refresh statistics. {error.message}</ErrorBanner>}
      <dl className={styles.tiles}>
        <div className={styles.tile}>
          <dt>Total tickets</dt>
          <dd>{formatNumber(stats.total_tickets)}</dd>
        </div>
        <div className={styles.tile}>
          <dt>Open</dt>
          <dd>{formatNumber(stats.open_tickets)}</dd>
        </div>
        <div className={styles.tile}>
          <dt>Average per day</dt>
          <dd>{stats.avg_tickets_per_day.toLocaleString(undefined, { maximumFractionDigits: 1 })}</dd>
        </div>
      </dl>

      <BarChart
        title="Tickets by priority"
        colours={PRIORITY_COLOURS}
        bars={PRIORITIES.map((p) => ({ key: p, label: PRIORITY_LABELS[p], value: stats.priority_breakdown?.[p] ?? 0 }))}
      />
      <BarChart
        title="Tickets by category"
        colours={CATEGORY_COLOURS}
        bars={CATEGORIES.map((c) => ({ key: c, label: CATEGORY_LABELS[c], value: stats.category_breakdown?.[c] ?? 0 }))}
      />

      {ai && (
        <section className={styles.ai} aria-labelledby="ai-kept-heading">
          <h3 id="ai-kept-heading" className={styles.aiTitle}>
            <span aria-hidden="true">✦</span> AI suggestions kept
          </h3>
          {ai.suggested === 0 ? (
            <p className={styles.aiNote}>No AI suggestions yet.</p>
          ) : (
            <>
              <dl className={styles.aiGrid}>
                <div>
                  <dt>Category</dt>
                  <dd>{formatPercent(ai.category_kept)}</dd>
                </div>
                <div>
                  <dt>Priority</dt>
                  <dd>{formatPercent(ai.priority_kept)}</dd>
                </div>
              </dl>
              <p className={styles.aiNote}>
                of {formatNumber(ai.suggested)} {ai.suggested === 1 ? 'ticket' : 'tickets'} with a suggestion
              </p>
            </>
          )}
        </section>
      )}
    </div>
  );
}
