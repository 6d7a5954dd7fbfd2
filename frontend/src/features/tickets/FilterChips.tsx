import type { ListQuery } from './listQuery';
import styles from './QueueToolbar.module.css';

const AI_WORDS: Record<string, string> = {
  category: 'AI category overridden',
  priority: 'AI priority overridden',
  any: 'AI suggestion overridden',
};

/** The filters without a control of their own (links from the dashboard set them), removable. */
export function FilterChips({ query, onChange }: { query: ListQuery; onChange: (changes: Partial<ListQuery>) => void }) {
  const chips: { key: keyof ListQuery; text: string }[] = [];
  const zone = query.tz ? ` (${query.tz})` : '';
  if (query.created_from) chips.push({ key: 'created_from', text: `Created from ${query.created_from}${zone}` });
  if (query.created_to) chips.push({ key: 'created_to', text: `Created to ${query.created_to}${zone}` });
  if (query.ai_overridden) chips.push({ key: 'ai_overridden', text: AI_WORDS[query.ai_overridden] });
  if (chips.length === 0) return null;
  return (
    <ul className={styles.chips} aria-label="More filters">
      {chips.map((chip) => (
        <li key={chip.key} className={styles.chip}>
          <span>{chip.text}</span>
          <button
            type="button"
            className={styles.chipRemove}
            aria-label={`Remove filter: ${chip.text}`}
            onClick={() => onChange({ [chip.key]: '', page: 1 })}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
