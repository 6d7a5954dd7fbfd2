import type { ReactNode } from 'react';
import styles from './ErrorBanner.module.css';

interface ErrorBannerProps {
  children: ReactNode;
  onRetry?: () => void;
  onDismiss?: () => void;
  tone?: 'error' | 'info';
}

/** A visible, announced message for a failed request. */
export function ErrorBanner({ children, onRetry, onDismiss, tone = 'error' }: ErrorBannerProps) {
  return (
    <div className={`${styles.banner} ${tone === 'info' ? styles.info : ''}`} role={tone === 'error' ? 'alert' : 'status'}>
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
}
