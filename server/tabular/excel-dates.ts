// Excel serial dates. In the 1900 system day 1 is 1900-01-01 and Excel keeps Lotus's phantom
// 1900-02-29 (serial 60), so serials from 61 on are offset by one day; the 1904 system (old Mac
// workbooks) counts from 1904-01-01 = 0.

const DAY_MS = 86_400_000;
/** 9999-12-31, the last date Excel can show. */
export const MAX_EXCEL_SERIAL = 2_958_465;

/** ISO date (or date-time when the serial carries a time) for a serial, or null when out of range. */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_EXCEL_SERIAL + 1) return null;
  const days = Math.floor(serial);
  // Round the time to the second: serials carry binary noise (0.9999999 of a day).
  const seconds = Math.round((serial - days) * 86_400);
  const base = date1904 ? Date.UTC(1904, 0, 1) : days >= 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const ms = base + days * DAY_MS + seconds * 1000;
  const iso = new Date(ms).toISOString();
  return seconds === 0 || seconds === 86_400 ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** Serial (1900 system) for a calendar date given in UTC parts. */
export function isoToExcelSerial(iso: string): number {
  const ms = Date.parse(iso.slice(0, 10) + 'T00:00:00Z');
  const days = Math.round((ms - Date.UTC(1899, 11, 30)) / DAY_MS);
  return days < 61 ? days - 1 : days;
}
