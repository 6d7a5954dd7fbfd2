import { useEffect } from 'react';

export const PRODUCT_NAME = 'Support Desk';

/** "Team · Support Desk": the tab says which page it is. */
export function useDocumentTitle(page: string | null) {
  useEffect(() => {
    document.title = page ? `${page} · ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [page]);
}
