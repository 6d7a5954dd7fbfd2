import { formatDuration } from './duration';
import styles from './Medians.module.css';

interface MediansProps {
  firstResponse: number | null | undefined;
  resolution: number | null | undefined;
}

interface MedianProps {
  term: string;
  seconds: number | null | undefined;
  definition: string;
  none: string;
}

function Median({ term, seconds, definition, none }: MedianProps) {
  const known = seconds !== null && seconds !== undefined;
  return (
    <div className={styles.median}>
      <dt>{term}</dt>
      <dd className={styles.value}>{known ? formatDuration(seconds) : '—'}</dd>
      <dd className={styles.more}>
        {!known && <p className={styles.none}>{none}</p>}
        <details className={styles.details}>
          <summary>What is measured?</summary>
          <p>{definition}</p>
          <p>The median: half of these tickets took less time, half took longer.</p>
        </details>
      </dd>
    </div>
  );
}

/** Median first response and resolution times, each with what exactly it measures. */
export function Medians({ firstResponse, resolution }: MediansProps) {
  return (
    <dl className={styles.medians}>
      <Median
        term="Median first response"
        seconds={firstResponse}
        none="No ticket created in the last 30 days has had a reply yet."
        definition="From a ticket's creation to the first public reply an agent wrote to the requester. Internal notes and the requester's own messages do not count. Over the tickets created in the last 30 days that have had such a reply; tickets still waiting for one are left out."
      />
      <Median
        term="Median resolution time"
        seconds={resolution}
        none="No ticket created in the last 30 days is resolved yet."
        definition="From a ticket's creation to the moment it was set to resolved or closed. A ticket reopened since counts again only once it is resolved again, up to that latest resolution. Over the tickets created in the last 30 days that are resolved or closed now."
      />
    </dl>
  );
}
