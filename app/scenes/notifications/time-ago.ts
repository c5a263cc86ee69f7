/**
 * When a notification arrived, the way an officer says it: "5 phút trước", "hôm qua", then the
 * date. Vietnam has one time zone and no daylight saving, so days are counted in UTC+7 whatever
 * the browser's zone (a laptop left on another zone must not call this morning "hôm qua").
 */
const VN_OFFSET_MS = 7 * 3_600_000;
const dayNumber = (ms: number) => Math.floor((ms + VN_OFFSET_MS) / 86_400_000);
const pad = (n: number) => String(n).padStart(2, '0');

export function timeAgo(iso: string, now: Date = new Date()): string {
  const at = Date.parse(iso);
  const seconds = Math.max(0, Math.round((now.getTime() - at) / 1000));
  if (seconds < 60) return 'Vừa xong';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} phút trước`;
  const days = dayNumber(now.getTime()) - dayNumber(at);
  if (days === 0) return `${Math.floor(seconds / 3600)} giờ trước`;
  const local = new Date(at + VN_OFFSET_MS);
  const clock = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  if (days === 1) return `Hôm qua, ${clock}`;
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}, ${clock}`;
}

/** A link the server gave, followed only inside the app (never another site, whatever a row holds). */
export function safeAppLink(link: string | null): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : null;
}
