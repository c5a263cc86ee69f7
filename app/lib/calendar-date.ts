/**
 * Calendar dates travel as ISO strings (YYYY-MM-DD) between the app and the server and are shown
 * as dd/mm/yyyy, the way Vietnamese documents write them. Plain string work, no time zones:
 * a unit valid from 01/07/2025 must read 01/07/2025 on every machine.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string | null | undefined): value is string {
  if (!value) return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** "2025-07-01" → "01/07/2025"; anything else is returned unchanged rather than guessed at. */
export function formatViDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = ISO_DATE.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** Today's date on the user's own calendar (not UTC: at 6 a.m. in Hà Nội UTC is still yesterday). */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export const VI_DATE_FORMAT = 'DD/MM/YYYY';
