/**
 * Calendar dates as 'YYYY-MM-DD' strings. The union works on Vietnam's calendar (UTC+7, no DST):
 * "today" is today in Hà Nội, not on the server's clock.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** "30/06/2025", the way dates are written in Vietnamese documents and screens. */
export function formatVietnameseDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

const VIETNAM_TIME = new Intl.DateTimeFormat('vi-VN', {
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  timeZone: 'Asia/Ho_Chi_Minh',
});

/** "14:05 03-12": when something was saved, on Vietnam's clock (conflict messages name it). */
export function formatVietnamTime(at: Date): string {
  return VIETNAM_TIME.format(at);
}
