import type { ReactNode } from 'react';
import { Brand } from './Brand';
import styles from './PublicLayout.module.css';

interface PublicLayoutProps {
  /** At the header's right, e.g. the agents' "Sign in" link. */
  action?: ReactNode;
  children: ReactNode;
}

/** The frame of pages for people without a session: the product and the page. */
export function PublicLayout({ action, children }: PublicLayoutProps) {
  return (
    <div className={styles.app}>
      <a className={styles.skip} href="#main">
        Skip to main content
      </a>
      <header className={styles.header}>
        <div className={styles.headerInner}>
          <Brand />
          {action && <div className={styles.action}>{action}</div>}
        </div>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
