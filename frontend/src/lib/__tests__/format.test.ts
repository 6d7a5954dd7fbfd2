import { describe, expect, it } from 'vitest';
import { formatPercent, formatRelative } from '../format';

describe('formatRelative', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');

  it.each([
    ['2026-11-27T11:59:40Z', 'just now'],
    ['2026-11-27T11:55:00Z', '5 min ago'],
    ['2026-11-27T09:00:00Z', '3 h ago'],
    ['2026-11-25T12:00:00Z', '2 d ago'],
  ])('%s is "%s"', (iso, expected) => {
    expect(formatRelative(iso, now)).toBe(expected);
  });

  it('falls back to the date after a week, and to the input when it is not a date', () => {
    expect(formatRelative('2026-10-01T12:00:00Z', now)).toMatch(/2026/);
    expect(formatRelative('not a date', now)).toBe('not a date');
  });
});

describe('formatPercent', () => {
  it('rounds shares and shows a dash for no data', () => {
    expect(formatPercent(0.875)).toBe('88%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('—');
  });
});
