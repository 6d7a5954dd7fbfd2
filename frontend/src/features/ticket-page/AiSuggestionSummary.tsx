import type { TicketDetail } from '../../api/workspace-types';
import { BAND_LABELS, CATEGORY_LABELS, PRIORITY_LABELS, providerLabel } from '../../lib/labels';
import { confidenceBand, confidencePercent } from './confidence';
import styles from './TicketDetails.module.css';

function languageName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function overrideText(ticket: TicketDetail): string {
  const ai = ticket.ai_suggestion!;
  const changed: string[] = [];
  if (ai.category !== ticket.category) changed.push(`category is now ${CATEGORY_LABELS[ticket.category]}`);
  if (ai.priority !== ticket.priority) changed.push(`priority is now ${PRIORITY_LABELS[ticket.priority]}`);
  if (changed.length === 0) return 'Kept as suggested.';
  return `Overridden: ${changed.join(', ')}.`;
}

/** What the AI suggested on arrival, how sure it was, who answered, and whether agents kept it. */
export function AiSuggestionSummary({ ticket }: { ticket: TicketDetail }) {
  const ai = ticket.ai_suggestion;
  if (!ai) return <p className={styles.muted}>No AI suggestion was made for this ticket.</p>;
  const band = confidenceBand(ai);
  const language = languageName(ai.language);
  const overridden = ai.category !== ticket.category || ai.priority !== ticket.priority;
  return (
    <div className={styles.ai}>
      <p>
        <span className={styles.aiMark} aria-hidden="true">
          ✦{' '}
        </span>
        AI suggested{' '}
        <strong>
          {CATEGORY_LABELS[ai.category] ?? ai.category} · {PRIORITY_LABELS[ai.priority] ?? ai.priority}
        </strong>
      </p>
      <p className={styles.muted}>
        {providerLabel(ai.provider)}, {BAND_LABELS[band]} (category {confidencePercent(ai.category_confidence)}, priority{' '}
        {confidencePercent(ai.priority_confidence)}){language ? ` · written in ${language}` : ''}
      </p>
      <p className={overridden ? styles.overridden : styles.kept}>{overrideText(ticket)}</p>
    </div>
  );
}
