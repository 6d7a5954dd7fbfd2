import styles from './Spinner.module.css';

interface SpinnerProps {
  label?: string;
  size?: 'sm' | 'md';
  /** Show the label beside the spinner rather than only to screen readers. */
  showLabel?: boolean;
}

export function Spinner({ label = 'Loading…', size = 'md', showLabel = false }: SpinnerProps) {
  return (
    <span className={styles.wrap} role="status">
      <span className={`${styles.spinner} ${size === 'sm' ? styles.sm : ''}`} aria-hidden="true" />
      <span className={showLabel ? styles.label : 'visually-hidden'}>{label}</span>
    </span>
  );
}
