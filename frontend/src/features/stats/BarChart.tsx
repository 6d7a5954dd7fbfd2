import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { formatNumber } from '../../lib/format';
import styles from './BarChart.module.css';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Where the bar's label leads (the queue, filtered to these tickets). */
  href?: string;
}

interface BarChartProps {
  title: string;
  bars: Bar[];
  /** CSS colour per bar key; falls back to the brand colour. */
  colours?: Record<string, string>;
}

/** Horizontal bars drawn with CSS: label, bar (share of the largest), count. */
export function BarChart({ title, bars, colours = {} }: BarChartProps) {
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  return (
    <figure className={styles.chart}>
      <figcaption className={styles.title}>{title}</figcaption>
      <ul className={styles.bars} aria-label={title}>
        {bars.map((bar) => {
          const width = max > 0 ? (bar.value / max) * 100 : 0;
          const share = total > 0 ? Math.round((bar.value / total) * 100) : 0;
          const style = {
            width: `${width}%`,
            '--bar-colour': colours[bar.key] ?? 'var(--brand-purple)',
          } as CSSProperties;
          return (
            <li key={bar.key} className={styles.row} data-key={bar.key}>
              {bar.href ? (
                <Link to={bar.href} className={`${styles.label} ${styles.link}`}>
                  {bar.label}
                </Link>
              ) : (
                <span className={styles.label}>{bar.label}</span>
              )}
              <span className={styles.track} aria-hidden="true">
                <span className={styles.fill} style={style} data-testid={`bar-${bar.key}`} />
              </span>
              <span className={styles.value}>
                <span data-count="">{formatNumber(bar.value)}</span>
                <span className={styles.share}> · {share}%</span>
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
