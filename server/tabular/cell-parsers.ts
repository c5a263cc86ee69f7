// Parsers for the cell values Vietnamese spreadsheets hold. Each returns the value or a precise
// Vietnamese reason the import can show next to the row and column; none of them throws.
import { excelSerialToIso, MAX_EXCEL_SERIAL } from './excel-dates.ts';
import { foldAccents } from './text-normalizer.ts';

export type CellParse<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): CellParse<T> => ({ ok: true, value });
const fail = <T>(reason: string): CellParse<T> => ({ ok: false, reason });

export interface DateParseOptions {
  /** Accept "1990" alone (recorded as 1990-01-01). */
  allowYearOnly?: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd (optionally with a time), Excel serials. */
export function parseDateCell(text: string | null, options: DateParseOptions = {}): CellParse<string> {
  const s = (text ?? '').trim();
  if (s === '') return fail('Thiếu ngày.');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(s);
  if (m) return calendarDate(Number(m[3]), Number(m[2]), Number(m[1]), s);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) {
    if (m[3]!.length !== 4) return fail(`Ngày "${s}" phải ghi năm đủ 4 chữ số (dd/mm/yyyy).`);
    return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]), s);
  }
  if (/^\d{4}$/.test(s)) {
    const year = Number(s);
    if (!options.allowYearOnly) return fail(`Ngày "${s}" chỉ có năm, cần ghi đủ ngày/tháng/năm.`);
    return year >= 1900 && year <= 2100 ? ok(`${s}-01-01`) : fail(`Năm ${s} không hợp lệ.`);
  }
  if (/^\d+(\.\d+)?$/.test(s)) return serialDate(Number(s), s);
  return fail(`"${s}" không phải ngày hợp lệ (dd/mm/yyyy).`);
}

function calendarDate(day: number, month: number, year: number, shown: string): CellParse<string> {
  if (year < 1900 || year > 9999) return fail(`Năm ${year} trong "${shown}" không hợp lệ.`);
  if (month < 1 || month > 12) return fail(`Tháng ${month} trong "${shown}" không hợp lệ.`);
  if (day < 1 || day > daysInMonth(month, year)) {
    return fail(`Ngày ${pad(day)}/${pad(month)}/${year} không tồn tại.`);
  }
  return ok(`${pad(year, 4)}-${pad(month)}-${pad(day)}`);
}

function daysInMonth(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function serialDate(serial: number, shown: string): CellParse<string> {
  // Serials below 1000 (before 1902) are almost always a mistyped number, not a date.
  if (serial < 1000 || serial > MAX_EXCEL_SERIAL) return fail(`"${shown}" không phải ngày hợp lệ (dd/mm/yyyy).`);
  const iso = excelSerialToIso(Math.floor(serial));
  return iso === null ? fail(`"${shown}" không phải ngày hợp lệ (dd/mm/yyyy).`) : ok(iso);
}

/**
 * Whole numbers as Vietnamese sheets write them: "1.250" and "1 250" are 1250 (dot groups
 * thousands in Vietnamese); "1,250,000" is clearly grouped; a single "1,250" could be 1.25 in
 * Vietnamese or 1250 in English, so it is refused with a reason rather than guessed.
 */
export function parseIntegerCell(text: string | null): CellParse<number> {
  const s = (text ?? '').trim().replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return fail('Thiếu số.');
  const m = /^([+-]?)(\d+(?:([.,])\d{3}(?:\3\d{3})*)?)$/.exec(s);
  if (!m) return fail(/^[+-]?\d+[.,]\d+$/.test(s) ? `Số ${s} không phải số nguyên.` : `"${s}" không phải số.`);
  const separator = m[3];
  if (separator === ',' && (s.match(/,/g) ?? []).length === 1) {
    return fail(`Số "${s}" không rõ nghĩa (1,250 là 1250 hay 1,25?); hãy ghi 1250 hoặc 1.250.`);
  }
  const value = Number(m[1] + m[2]!.replace(/[.,]/g, ''));
  if (!Number.isSafeInteger(value)) return fail(`Số ${s} quá lớn.`);
  return ok(value);
}

const TRUE_WORDS = new Set(['x', 'co', '1', 'true', 'yes', 'y', 'dung', 'v', '✓', '✔']);
const FALSE_WORDS = new Set(['', 'khong', '0', 'false', 'no', 'n', 'sai', '-']);

/** "x", "Có", "1", "TRUE" → true; empty, "Không", "0", "FALSE" → false. */
export function parseBooleanCell(text: string | null): CellParse<boolean> {
  const key = foldAccents((text ?? '').trim());
  if (TRUE_WORDS.has(key)) return ok(true);
  if (FALSE_WORDS.has(key)) return ok(false);
  return fail(`"${text}" không phải giá trị Có/Không (dùng "x", "Có" hoặc để trống).`);
}

export type Gender = 'male' | 'female';

const MALE = new Set(['nam', 'm', 'male', 'trai']);
const FEMALE = new Set(['nu', 'f', 'female', 'gai']);

/** "Nam", "M" → male; "Nữ", "nu", "F" → female. */
const GENDER_EXACT: Record<string, Gender> = { Nam: 'male', Nữ: 'female' };

export function parseGenderCell(text: string | null): CellParse<Gender> {
  // The common spellings first: folding accents for every row of a million-row file adds up.
  const exact = text === null ? undefined : GENDER_EXACT[text];
  if (exact) return ok(exact);
  const key = foldAccents((text ?? '').trim());
  if (key === '') return fail('Thiếu giới tính.');
  if (MALE.has(key)) return ok('male');
  if (FEMALE.has(key)) return ok('female');
  return fail(`Giới tính "${text}" không hợp lệ (ghi "Nam" hoặc "Nữ").`);
}
