import { useId } from 'react';
import type { Comment } from '../../api/workspace-types';
import { RelativeTime } from '../../components/RelativeTime';
import styles from './Timeline.module.css';

function kindLabel(comment: Comment): string {
  if (comment.visibility === 'internal') return 'Internal note';
  return comment.author.type === 'requester' ? 'Customer' : 'Reply to customer';
}

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '');
  return letters.join('') || '?';
}

/** One reply or internal note. Notes differ by label, icon, edge and tint, not only by colour. */
export function CommentCard({ comment }: { comment: Comment }) {
  const id = useId();
  const internal = comment.visibility === 'internal';
  const label = kindLabel(comment);
  const kind = internal ? 'internal' : comment.author.type === 'requester' ? 'customer' : 'reply';
  return (
    <article className={styles.comment} data-kind={kind} aria-labelledby={`${id}-who`}>
      <header className={styles.commentHeader}>
        <span className={styles.avatar} aria-hidden="true">
          {initials(comment.author.name)}
        </span>
        <span id={`${id}-who`} className={styles.who}>
          <span className={styles.author}>{comment.author.name}</span>
          <span className={styles.kind}>
            {internal && (
              <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" className={styles.lock}>
                <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" fill="currentColor" />
              </svg>
            )}
            <span className="visually-hidden">, </span>
            {label}
          </span>
        </span>
        <RelativeTime iso={comment.created_at} className={styles.time} />
      </header>
      <p className={styles.body}>{comment.body}</p>
    </article>
  );
}
