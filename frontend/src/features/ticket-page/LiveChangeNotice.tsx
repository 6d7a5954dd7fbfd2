import { Button } from '../../components/Button';
import styles from './ConflictNotice.module.css';

interface LiveChangeNoticeProps {
  /** One sentence per change, e.g. "Sam Okafor changed status from Open to In progress". */
  changes: string[];
  onDismiss: () => void;
}

/**
 * Someone else changed the ticket while it is open here: the page shows the new values and
 * says what changed; whatever the agent is typing stays in its editor.
 */
export function LiveChangeNotice({ changes, onDismiss }: LiveChangeNoticeProps) {
  return (
    <div className={styles.notice} role="status">
      <p className={styles.title}>This ticket was just changed by someone else</p>
      <ul>
        {changes.map((sentence, i) => (
          <li key={i}>{sentence}.</li>
        ))}
      </ul>
      <p>The details below are up to date. Anything you are typing is kept.</p>
      <div className={styles.actions}>
        <Button variant="secondary" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
    </div>
  );
}
