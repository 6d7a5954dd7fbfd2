import type { ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import styles from './ComingSoon.module.css';

interface ComingSoonProps {
  title: string;
  /** What the page will hold. */
  children: ReactNode;
}

/** A page whose address already works while what it shows is still being built. */
export function ComingSoon({ title, children }: ComingSoonProps) {
  useDocumentTitle(title);
  return (
    <>
      <PageHeader title={title} />
      <div className={styles.box}>{children}</div>
    </>
  );
}
