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
  if (seconds === 0) return civilDate(Math.round((base - EPOCH_1970) / DAY_MS) + days);
  const iso = new Date(base + days * DAY_MS + seconds * 1000).toISOString();
  return seconds === 86_400 ? iso.slice(0, 10) : iso.slice(0, 19);
}

const EPOCH_1970 = Date.UTC(1970, 0, 1);

/**
 * Days since 1970-01-01 → "YYYY-MM-DD" with integer arithmetic (H. Hinnant's civil_from_days):
 * a million rows with two date columns make Date#toISOString the reader's hottest call.
 */
function civilDate(daysSince1970: number): string {
  const z = daysSince1970 + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Serial (1900 system) for a calendar date given in UTC parts. */
export function isoToExcelSerial(iso: string): number {
  const ms = Date.parse(iso.slice(0, 10) + 'T00:00:00Z');
  const days = Math.round((ms - Date.UTC(1899, 11, 30)) / DAY_MS);
  return days < 61 ? days - 1 : days;
}
