/**
 * The admin's one way to show a moment ("7 Dec 2026, 09:20" in the browser's language and time
 * zone), so the gap inbox, conversations and channels read alike.
 */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A day alone, in the same style ("7 Dec 2026"). */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** A calendar day (`2026-12-07`, no time zone) as a short label ("Dec 7"), as the chart's axis shows it. */
export function formatDay(day: string): string {
  return new Date(`${day}T12:00:00`).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}
