import { Button } from '../../components/Button';
import styles from './Pagination.module.css';

interface PaginationProps {
  page: number;
  pageCount: number;
  estimate?: boolean;
  hasPrevious: boolean;
  hasNext: boolean;
  onPage: (page: number) => void;
}

export function Pagination({ page, pageCount, estimate, hasPrevious, hasNext, onPage }: PaginationProps) {
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className={styles.pagination} aria-label="Pagination">
      <Button onClick={() => onPage(page - 1)} disabled={!hasPrevious}>
        <span aria-hidden="true">←</span> Previous
      </Button>
      <span className={styles.position} aria-current="page">
        Page {page} of {estimate ? 'about ' : ''}
        {pageCount}
      </span>
      <Button onClick={() => onPage(page + 1)} disabled={!hasNext}>
        Next <span aria-hidden="true">→</span>
      </Button>
    </nav>
  );
}
