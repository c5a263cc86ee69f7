/**
 * Instants (login times, audit rows) are stored in UTC and shown on Vietnamese time whatever
 * the computer's own zone is: an officer comparing the log with a phone call means Hà Nội time.
 */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(iso: string): Record<string, string> | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return Object.fromEntries(PARTS.formatToParts(date).map((p) => [p.type, p.value]));
}

/** "2026-03-05T01:02:03Z" → "05/03/2026 08:02:03". */
export function formatViDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}` : iso;
}

/** "2026-03-05T01:02:03Z" → "08:02" (for "Tạm khóa đến 08:17"). */
export function formatViTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  return p ? `${p.hour}:${p.minute}` : iso;
}

/** Day and minute only, for tables where seconds are noise. */
export function formatViDateMinute(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : iso;
}
