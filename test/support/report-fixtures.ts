import { beforeAll, expect } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../domain/reporting/builtin-templates.ts';
import { openPeriods } from '../../domain/reporting/report-template.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import type { Session, TestApp } from './test-app.ts';
import type { TestDatabase } from './test-database.ts';

/** The built-in annual report a CĐCS sends to its commune: what most reporting tests open. */
export const cdcsTemplate = BUILTIN_TEMPLATES.find((t) => t.code === 'cdcs-nam')!;

/** Every figure of the CĐCS annual report filled in and plausible: a report nothing holds back. */
export const completeCdcsValues = {
  dissemination_reached: 900,
  dissemination_base: 1000,
  union_fee_due: 50_000_000,
  union_fee_collected: 42_000_000,
  dues_due: 12_000_000,
  dues_collected: 11_500_000,
};

/** The codes of the CĐCS annual report's periods open today, the current one first. */
export function openCdcsPeriodCodes(): string[] {
  return openPeriods(cdcsTemplate, todayInVietnam()).map((p) => p.code);
}

/** Opens (or finds) the unit's CĐCS annual report for the period, as the session: the report as the API shows it. */
export async function openCdcsReport(session: Session, unitId: number, periodCode: string) {
  const r = await session.send('POST', '/api/reports', { templateCode: 'cdcs-nam', unitId, periodCode });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** Submits the report as it stands now (its current version) with the values, as the session; the answer must be 200. */
export async function submitCdcsReport(session: Session, reportId: number, values: Record<string, unknown> = completeCdcsValues) {
  const view = (await session.get(`/api/reports/${reportId}`)).body;
  const sent = await session.send('POST', `/api/reports/${reportId}/submit`, { version: view.version, values });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return sent.body;
}

/** Accepts the submitted report as it stands now, as the reviewing session; the answer must be 200. */
export async function acceptReport(session: Session, reportId: number) {
  const view = (await session.get(`/api/reports/${reportId}`)).body;
  const accepted = await session.send('POST', `/api/reports/${reportId}/accept`, { version: view.version });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return accepted.body;
}

/** The unit's CĐCS annual report opened and submitted by its officer, then accepted by the reviewer: an accepted report. */
export async function submitAndAccept(
  officer: Session,
  reviewer: Session,
  unitId: number,
  periodCode: string,
  values: Record<string, unknown> = completeCdcsValues,
) {
  const { id } = await openCdcsReport(officer, unitId, periodCode);
  await submitCdcsReport(officer, id, values);
  return acceptReport(reviewer, id);
}

/**
 * Accepted figures of the year 2026 written straight into reported_value, as [unit code, element,
 * value]: what the roll-ups read, without a report's workflow.
 */
export async function insertAcceptedFigures2026(
  t: TestApp,
  database: TestDatabase,
  figures: readonly (readonly [string, string, number])[],
) {
  for (const [code, element, value] of figures) {
    await database.db
      .insertInto('reported_value')
      .values({
        unit_id: await t.unitId(code),
        element_code: element,
        period_code: '2026',
        period_start: '2026-01-01',
        period_end: '2026-12-31',
        value,
        state: 'accepted',
      })
      .execute();
  }
}

/** The accounts most reporting tests act as, and the units they report for. */
export interface ReportingDemo {
  /** cdcs.demo, officer of TNI-P01-0001. */
  officer: Session;
  /** canbo.tanninh, at the commune TNI-P01. */
  commune: Session;
  /** canbo.tinh, at the province TNI. */
  province: Session;
  cdcs1: number;
  cdcs2: number;
  p01: number;
}

/** Logs the reporting demo accounts in before the enclosing block's tests; the object is filled in then. */
export function useReportingDemo(t: TestApp): ReportingDemo {
  const demo = {} as ReportingDemo;
  beforeAll(async () => {
    demo.officer = await t.login('cdcs.demo');
    demo.commune = await t.login('canbo.tanninh');
    demo.province = await t.login('canbo.tinh');
    [demo.cdcs1, demo.cdcs2, demo.p01] = await t.unitIds('TNI-P01-0001', 'TNI-P01-0002', 'TNI-P01');
  }, 240_000);
  return demo;
}
