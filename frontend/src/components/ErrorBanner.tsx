import { forwardRef, type ReactNode } from 'react';
import styles from './ErrorBanner.module.css';

interface ErrorBannerProps {
  children: ReactNode;
  onRetry?: () => void;
  onDismiss?: () => void;
  tone?: 'error' | 'info';
}

/**
 * A visible, announced message for a failed request. With a ref it can take
 * focus (tabIndex -1), so a form can move the keyboard to what went wrong.
 */
export const ErrorBanner = forwardRef<HTMLDivElement, ErrorBannerProps>(function ErrorBanner(
  { children, onRetry, onDismiss, tone = 'error' },
  ref,
) {
  return (
    <div
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      className={`${styles.banner} ${tone === 'info' ? styles.info : ''}`}
      role={tone === 'error' ? 'alert' : 'status'}
    >
      <span className={styles.icon} aria-hidden="true">{tone === 'error' ? '!' : 'i'}</span>
      <div className={styles.message}>{children}</div>
      {(onRetry || onDismiss) && (
        <div className={styles.actions}>
          {onRetry && (
            <button type="button" className={styles.action} onClick={onRetry}>
              Try again
            </button>
          )}
          {onDismiss && (
            <button type="button" className={styles.action} onClick={onDismiss} aria-label="Dismiss message">
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
});
