import { formatVietnameseDate } from '../../domain/time/calendar-date.ts';

/**
 * Calendar dates travel as ISO strings (YYYY-MM-DD) between the app and the server and are shown
 * as dd/mm/yyyy (domain/time/calendar-date.ts parses and formats them, for the server and the app
 * alike). What stays here is the screen's side: a missing date shown as nothing, the user's own
 * "today", and the date pickers' format.
 */

/** "2025-07-01" → "01/07/2025"; no date → ""; anything else is returned unchanged rather than guessed at. */
export function formatViDate(iso: string | null | undefined): string {
  return iso ? formatVietnameseDate(iso) : '';
}

/**
 * Today's date on the user's own calendar (not UTC: at 6 a.m. in Hà Nội UTC is still yesterday).
 * The browser's clock, unlike the server's todayInVietnam: the day the user sees on their device.
 */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export const VI_DATE_FORMAT = 'DD/MM/YYYY';
