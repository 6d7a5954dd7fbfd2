import styles from './Spinner.module.css';

interface SpinnerProps {
  label?: string;
  size?: 'sm' | 'md';
  /** Show the label beside the spinner rather than only to screen readers. */
  showLabel?: boolean;
  /** Inside a region that already announces changes, stay silent. */
  announce?: boolean;
}

export function Spinner({ label = 'Loading…', size = 'md', showLabel = false, announce = true }: SpinnerProps) {
  return (
    <span className={styles.wrap} role={announce ? 'status' : undefined}>
      <span className={`${styles.spinner} ${size === 'sm' ? styles.sm : ''}`} aria-hidden="true" />
      <span className={showLabel ? styles.label : 'visually-hidden'}>{label}</span>
    </span>
  );
}
