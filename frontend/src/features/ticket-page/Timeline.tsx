import type { ApiError } from '../../api/client';
import type { Comment, TicketEvent } from '../../api/workspace-types';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RelativeTime } from '../../components/RelativeTime';
import { Spinner } from '../../components/Spinner';
import { buildTimeline } from './buildTimeline';
import { CommentCard } from './CommentCard';
import styles from './Timeline.module.css';

interface TimelineProps {
  comments: Comment[];
  events: TicketEvent[];
  status: 'loading' | 'ready' | 'error';
  error: ApiError | null;
  onRetry: () => void;
}

/**
 * The conversation and the history in one list, oldest first: replies and notes as
 * cards, every other change as a one-line sentence between them.
 */
export function Timeline({ comments, events, status, error, onRetry }: TimelineProps) {
  if (status === 'loading' && events.length === 0) return <Spinner label="Loading the conversation…" showLabel />;
  if (status === 'error' && events.length === 0) {
    return (
      <ErrorBanner onRetry={onRetry}>
        The conversation could not be loaded. {error?.message}
      </ErrorBanner>
    );
  }
  const items = buildTimeline(events, comments);
  return (
    <>
      {comments.length === 0 && <p className={styles.empty}>No replies yet. Write the first one below.</p>}
      <ol className={styles.timeline} aria-label="Conversation and history">
        {items.map((item) =>
          item.type === 'comment' ? (
            <li key={item.key} className={styles.commentItem}>
              <CommentCard comment={item.comment} />
            </li>
          ) : (
            <li key={item.key} className={styles.event} data-kind={item.event.kind}>
              <span className={styles.marker} aria-hidden="true">
                {item.event.kind === 'ai_suggested' ? '✦' : ''}
              </span>
              <p>
                <span className={styles.sentence}>{item.sentence}</span>
                <span aria-hidden="true"> · </span>
                <RelativeTime iso={item.event.at} className={styles.time} />
              </p>
            </li>
          ),
        )}
      </ol>
    </>
  );
}
