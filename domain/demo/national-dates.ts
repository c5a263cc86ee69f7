/**
 * Calendar days as integers (days since 1970-01-01, UTC) with a precomputed ISO table: the
 * national generator handles tens of millions of dates, and Date objects per date would dominate.
 */
const FIRST_DAY = Date.UTC(1920, 0, 1) / 86400_000;
const LAST_DAY = Date.UTC(2040, 0, 1) / 86400_000;
let table: string[] | null = null;

export function isoOfDay(day: number): string {
  if (day < FIRST_DAY || day >= LAST_DAY) return new Date(day * 86400_000).toISOString().slice(0, 10);
  table ??= Array.from({ length: LAST_DAY - FIRST_DAY }, (_, i) => new Date((FIRST_DAY + i) * 86400_000).toISOString().slice(0, 10));
  return table[day - FIRST_DAY]!;
}

export const dayOf = (iso: string): number => Date.parse(iso) / 86400_000;

/** Same calendar day `years` later (29 Feb becomes 1 Mar). */
export function addYearsDay(day: number, years: number): number {
  const d = new Date(day * 86400_000);
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()) / 86400_000;
}
