import type { ReactNode } from 'react';
import styles from './Panel.module.css';

interface PanelProps {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled card-like region of the page. */
export function Panel({ id, title, actions, children, className }: PanelProps) {
  return (
    <section className={`${styles.panel} ${className ?? ''}`} aria-labelledby={`${id}-heading`} id={id}>
      <header className={styles.header}>
        <h2 id={`${id}-heading`} className={styles.title}>
          {title}
        </h2>
        {actions}
      </header>
      {children}
    </section>
  );
}
