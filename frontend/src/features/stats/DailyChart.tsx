import { useId, useState, type MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { DayCount } from '../../api';
import { formatNumber } from '../../lib/format';
import styles from './DailyChart.module.css';
import { longDay, shortDay } from './days';
import { createdOnHref } from './queueLinks';
import { useElementWidth } from './useElementWidth';

interface DailyChartProps {
  days: DayCount[];
  /** The IANA zone the days are in: the queue links filter the same days. */
  timeZone: string;
}

const HEIGHT = 180;
const PAD = { top: 10, right: 4, bottom: 22, left: 30 };

/** A round top for the y axis: 1, 2, 5, 10, 20, 50… at least the largest value. */
function niceMax(value: number): number {
  if (value <= 4) return Math.max(1, value);
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

function dayLabel(day: DayCount): string {
  return `${longDay(day.date)}: ${formatNumber(day.created)} created, ${formatNumber(day.resolved)} resolved. Show the tickets created that day`;
}

/**
 * Created and resolved tickets per day as an SVG bar chart. Every day is a link to
 * the queue filtered to the tickets created that day; "Show as table" gives the
 * same numbers as a table.
 */
export function DailyChart({ days, timeZone }: DailyChartProps) {
  const id = useId();
  const navigate = useNavigate();
  const [asTable, setAsTable] = useState(false);
  const [boxRef, width] = useElementWidth<HTMLDivElement>(640);

  const max = niceMax(Math.max(0, ...days.map((d) => Math.max(d.created, d.resolved))));
  const plotWidth = Math.max(1, width - PAD.left - PAD.right);
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(1, (slot * 0.8) / 2);
  const y = (value: number) => PAD.top + plotHeight - (value / max) * plotHeight;
  const ticks = max === 1 ? [0, 1] : [0, max / 2, max];
  const labelEvery = width < 480 ? 10 : 5;

  // A click on a bar moves inside the app; modified clicks (new tab) stay the browser's.
  function follow(event: MouseEvent<Element>, href: string) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  }

  return (
    <figure className={styles.figure}>
      <figcaption className={styles.caption}>
        <span id={`${id}-title`} className={styles.title}>
          Created and resolved per day, last {days.length} days
        </span>
        <span className={styles.legend}>
          <span className={styles.key}>
            <span className={`${styles.swatch} ${styles.created}`} aria-hidden="true" /> Created
          </span>
          <span className={styles.key}>
            <span className={`${styles.swatch} ${styles.resolved}`} aria-hidden="true" /> Resolved
          </span>
        </span>
      </figcaption>
      <div ref={boxRef} className={styles.box}>
        <svg
          className={styles.svg}
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="group"
          aria-labelledby={`${id}-title`}
        >
          {ticks.map((tick) => (
            <g key={tick} aria-hidden="true">
              <line className={styles.grid} x1={PAD.left} x2={width - PAD.right} y1={y(tick)} y2={y(tick)} />
              <text className={styles.axis} x={PAD.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
                {formatNumber(tick)}
              </text>
            </g>
          ))}
          {days.map((day, index) => {
            const x = PAD.left + index * slot;
            const href = createdOnHref(day.date, timeZone);
            const fromEnd = days.length - 1 - index;
            return (
              <g key={day.date}>
                <a href={href} aria-label={dayLabel(day)} className={styles.day} onClick={(e) => follow(e, href)}>
                  <rect className={styles.hit} x={x} y={PAD.top} width={slot} height={plotHeight} />
                  <rect
                    className={styles.createdBar}
                    x={x + slot * 0.1}
                    y={y(day.created)}
                    width={barWidth}
                    height={y(0) - y(day.created)}
                    data-testid={`created-${day.date}`}
                  />
                  <rect
                    className={styles.resolvedBar}
                    x={x + slot * 0.1 + barWidth}
                    y={y(day.resolved)}
                    width={barWidth}
                    height={y(0) - y(day.resolved)}
                    data-testid={`resolved-${day.date}`}
                  />
                </a>
                {fromEnd % labelEvery === 0 && (
                  <text
                    className={styles.axis}
                    x={fromEnd === 0 ? x + slot : x + slot / 2}
                    y={HEIGHT - 6}
                    textAnchor={fromEnd === 0 ? 'end' : 'middle'}
                    aria-hidden="true"
                  >
                    {shortDay(day.date)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={asTable}
        aria-controls={`${id}-table`}
        onClick={() => setAsTable((shown) => !shown)}
      >
        {asTable ? 'Hide the table' : 'Show as table'}
      </button>
      <div id={`${id}-table`} className={styles.tableBox} hidden={!asTable}>
        {asTable && (
          <table className={styles.table}>
            <caption className="visually-hidden">Created and resolved per day ({timeZone})</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Created</th>
                <th scope="col">Resolved</th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.date}>
                  <th scope="row">
                    <Link to={createdOnHref(day.date, timeZone)}>{longDay(day.date)}</Link>
                  </th>
                  <td>{formatNumber(day.created)}</td>
                  <td>{formatNumber(day.resolved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </figure>
  );
}
