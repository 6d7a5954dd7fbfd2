// Dates of the daily series are calendar days ("2026-06-12") in the team's zone: they are
// read and written as UTC midnights so that no other zone moves them to another day.
const short = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const long = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function asDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** "12 Jun" */
export function shortDay(day: string): string {
  return short.format(asDate(day));
}

/** "Friday 12 June 2026" */
export function longDay(day: string): string {
  return long.format(asDate(day)).replace(',', '');
}
