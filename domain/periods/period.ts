/**
 * Reporting periods and their Vietnamese labels. A period is an inclusive range of days with a
 * stable code (used in URLs, the CLI and report templates):
 *   "2026" year · "2026-H1"/"2026-H2" six months · "2026-Q3" quarter · "2026-05" month ·
 *   "NK2023-2028" a congress term (nhiệm kỳ).
 * Union statistics cut their data off in late May and late November (QĐ 1454/QĐ-TLĐ), so
 * six-month and annual periods can follow a reporting calendar with configurable cut-offs.
 */
export type PeriodKind = 'year' | 'half' | 'quarter' | 'month' | 'term';

export interface Period {
  code: string;
  kind: PeriodKind;
  /** First day, ISO. */
  start: string;
  /** Last day, ISO (inclusive). */
  end: string;
  label: string;
}

/** Cut-off days ("MM-DD") that end the six-month and the annual reporting periods. */
export interface ReportingCalendar {
  halfCutoff: string;
  yearCutoff: string;
}

export const CALENDAR_YEAR: ReportingCalendar = { halfCutoff: '06-30', yearCutoff: '12-31' };
/** The union statistics calendar: data as of late May and late November. */
export const UNION_STATISTICS_CALENDAR: ReportingCalendar = { halfCutoff: '05-31', yearCutoff: '11-30' };

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);

export class PeriodError extends Error {}

export function parsePeriod(code: string, calendar: ReportingCalendar = CALENDAR_YEAR): Period {
  let m = /^(\d{4})$/.exec(code);
  if (m) {
    const y = Number(m[1]);
    return { code, kind: 'year', start: nextDay(`${y - 1}-${calendar.yearCutoff}`), end: `${y}-${calendar.yearCutoff}`, label: `Năm ${y}` };
  }
  m = /^(\d{4})-H([12])$/.exec(code);
  if (m) {
    const y = Number(m[1]);
    const first = m[2] === '1';
    return first
      ? {
          code,
          kind: 'half',
          start: nextDay(`${y - 1}-${calendar.yearCutoff}`),
          end: `${y}-${calendar.halfCutoff}`,
          label: `6 tháng đầu năm ${y}`,
        }
      : {
          code,
          kind: 'half',
          start: nextDay(`${y}-${calendar.halfCutoff}`),
          end: `${y}-${calendar.yearCutoff}`,
          label: `6 tháng cuối năm ${y}`,
        };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(code);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const endMonth = q * 3;
    return {
      code,
      kind: 'quarter',
      start: `${y}-${pad(endMonth - 2)}-01`,
      end: `${y}-${pad(endMonth)}-${lastDay(y, endMonth)}`,
      label: `Quý ${ROMAN[q - 1]} năm ${y}`,
    };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(code);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { code, kind: 'month', start: `${y}-${pad(mo)}-01`, end: `${y}-${pad(mo)}-${lastDay(y, mo)}`, label: `Tháng ${mo} năm ${y}` };
  }
  m = /^NK(\d{4})-(\d{4})$/.exec(code);
  if (m && Number(m[2]) > Number(m[1])) {
    return { code, kind: 'term', start: `${m[1]}-01-01`, end: `${m[2]}-12-31`, label: `Nhiệm kỳ ${m[1]}–${m[2]}` };
  }
  throw new PeriodError(`Kỳ báo cáo "${code}" không hợp lệ. Dùng dạng 2026, 2026-H1, 2026-Q3, 2026-05 hoặc NK2023-2028.`);
}

/** The period of `kind` that contains `date` (terms are not derivable from a date). */
export function periodContaining(kind: Exclude<PeriodKind, 'term'>, date: string, calendar: ReportingCalendar = CALENDAR_YEAR): Period {
  const y = Number(date.slice(0, 4));
  const md = date.slice(5);
  if (kind === 'month') return parsePeriod(date.slice(0, 7), calendar);
  if (kind === 'quarter') return parsePeriod(`${y}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`, calendar);
  // Days after the annual cut-off already belong to next year's reporting.
  const reportYear = md > calendar.yearCutoff ? y + 1 : y;
  if (kind === 'year') return parsePeriod(String(reportYear), calendar);
  const half = md > calendar.yearCutoff || md <= calendar.halfCutoff ? 1 : 2;
  return parsePeriod(`${reportYear}-H${half}`, calendar);
}

export function contains(period: Period, date: string): boolean {
  return period.start <= date && date <= period.end;
}
