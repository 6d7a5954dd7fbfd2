import styles from './Badge.module.css';

export type BadgeKind = 'category' | 'priority' | 'status';

interface BadgeProps {
  kind: BadgeKind;
  value: string;
  label: string;
}

/** A colour-coded pill for a category, priority or status. */
export function Badge({ kind, value, label }: BadgeProps) {
  return (
    <span className={styles.badge} data-kind={kind} data-value={value}>
      {kind === 'priority' && <span className={styles.dot} aria-hidden="true" />}
      {label}
    </span>
  );
}
