/**
 * The periods a report can be drafted for, newest first: the six months and the year of the
 * chosen year and the one before (a year's report is written in its last weeks or just after).
 */
export interface ReportPeriodOption {
  value: string;
  label: string;
}

export function reportPeriodOptions(year: number, today: string): ReportPeriodOption[] {
  const options: ReportPeriodOption[] = [];
  for (const y of [year, year - 1]) {
    for (const [code, label, start] of [
      [`${y}`, `Năm ${y}`, `${y}-01-01`],
      [`${y}-H2`, `6 tháng cuối năm ${y}`, `${y}-07-01`],
      [`${y}-H1`, `6 tháng đầu năm ${y}`, `${y}-01-01`],
    ] as const) {
      if (start <= today) options.push({ value: code, label });
    }
  }
  return options;
}

/** The period most likely wanted: the year once past June, else the first six months (or last year before it starts). */
export function defaultReportPeriod(year: number, today: string): string {
  const currentYear = Number(today.slice(0, 4));
  if (year < currentYear) return String(year);
  return today.slice(5) >= '07-01' ? String(year) : `${year}-H1`;
}
