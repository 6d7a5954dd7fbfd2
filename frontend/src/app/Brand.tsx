import { Link } from 'react-router';
import { PRODUCT_NAME } from '../lib/useDocumentTitle';
import styles from './Brand.module.css';

/** The product's mark and name, linking home. */
export function Brand() {
  return (
    <Link to="/" className={styles.brand}>
      <span className={styles.logo} aria-hidden="true">
        <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round">
          <rect x="3" y="5" width="18" height="14" rx="2" />
          <path d="M3 7l9 6 9-6" />
        </svg>
      </span>
      <span className={styles.text}>
        <span className={styles.name}>{PRODUCT_NAME}</span>
        <span className={styles.tagline}>Tickets with AI triage</span>
      </span>
    </Link>
  );
}
