import { Link } from 'react-router';
import type { AiStats } from '../../api';
import { formatNumber, formatPercent } from '../../lib/format';
import styles from './AiPanel.module.css';
import { queueHref } from './queueLinks';

/** How often the AI's suggestions were kept, what "kept" means, and the tickets where they were not. */
export function AiPanel({ ai }: { ai: AiStats }) {
  return (
    <div className={styles.ai}>
      {ai.suggested === 0 ? (
        <p className={styles.note}>No AI suggestions yet.</p>
      ) : (
        <>
          <dl className={styles.grid}>
            <div>
              <dt>Category kept</dt>
              <dd>{formatPercent(ai.category_kept)}</dd>
            </div>
            <div>
              <dt>Priority kept</dt>
              <dd>{formatPercent(ai.priority_kept)}</dd>
            </div>
          </dl>
          <p className={styles.note}>
            of {formatNumber(ai.suggested)} {ai.suggested === 1 ? 'ticket' : 'tickets'} with a suggestion
          </p>
        </>
      )}
      <p className={styles.explain}>
        <strong>Kept</strong> means the ticket&rsquo;s label is still the one the AI suggested. Only an agent&rsquo;s
        change counts as an override: a label the customer chose on the form, or a change an agent later undid,
        leaves the suggestion kept.
      </p>
      <ul className={styles.links}>
        <li>
          <Link to={queueHref({ ai_overridden: 'any' })}>Tickets whose labels differ from the AI&rsquo;s suggestion</Link>
        </li>
        <li>
          <Link to={queueHref({ ai_overridden: 'category' })}>Category differs</Link>
          {' · '}
          <Link to={queueHref({ ai_overridden: 'priority' })}>Priority differs</Link>
        </li>
      </ul>
    </div>
  );
}
