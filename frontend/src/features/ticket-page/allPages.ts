import type { Page } from '../../api/types';

/** Far more than any real conversation; a bound so a bad `next` link cannot loop forever. */
const MAX_PAGES = 40;

/** Every row of a paged list (oldest first), page after page until there is no next one. */
export async function allPages<T>(fetchPage: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await fetchPage(page);
    rows.push(...answer.results);
    if (!answer.next) break;
  }
  return rows;
}
