import { Button } from '../../components/Button';
import type { ConflictText } from './conflictText';
import styles from './ConflictNotice.module.css';

interface ConflictNoticeProps {
  text: ConflictText;
  onReapply: () => void;
  onDismiss: () => void;
}

/** After a refused change: who changed what meanwhile, and a way to apply one's own change again. */
export function ConflictNotice({ text, onReapply, onDismiss }: ConflictNoticeProps) {
  return (
    <div className={styles.notice} role="alert">
      <p className={styles.title}>This ticket changed while you were editing</p>
      <p>{text.happened}</p>
      <p>{text.yours}</p>
      <div className={styles.actions}>
        {text.canReapply && (
          <Button variant="primary" onClick={onReapply}>
            {text.reapplyLabel}
          </Button>
        )}
        <Button variant="secondary" onClick={onDismiss}>
          {text.canReapply ? 'Keep it as it is' : 'Dismiss'}
        </Button>
      </div>
    </div>
  );
}
