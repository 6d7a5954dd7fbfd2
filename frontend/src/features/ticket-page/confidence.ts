import type { ConfidenceBand } from '../../api/types';
import type { StoredAiSuggestion } from '../../api/workspace-types';

// The server's cut-offs (triage/suggestion.py): the band comes from the lower confidence.
const HIGH = 0.75;
const MEDIUM = 0.5;

export function confidenceBand(suggestion: Pick<StoredAiSuggestion, 'category_confidence' | 'priority_confidence'>): ConfidenceBand {
  const lowest = Math.min(suggestion.category_confidence, suggestion.priority_confidence);
  if (lowest >= HIGH) return 'high';
  if (lowest >= MEDIUM) return 'medium';
  return 'low';
}

/** A confidence as a person reads it: rounded, never "100%" (a model is never certain), never "0%". */
export function confidencePercent(share: number): string {
  const percent = Math.round(share * 100);
  if (percent < 1) return '<1%';
  return `${Math.min(percent, 99)}%`;
}
