import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDocument, createTarget } from '../../test/support/document-fixtures.ts';
import { openCdcsPeriodCodes, openCdcsReport, useReportingDemo } from '../../test/support/report-fixtures.ts';
import { downloadWorkbook, fillFigures, throughLibreOffice, uploadWorkbooks } from '../../test/support/report-workbook-files.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { FORM_SHEET } from './report-workbook.ts';

/**
 * A 0 is a figure, null is "no figure" (issue 16): both must come back exactly as sent through
 * the API, the offline workbook and the roll-up, where a unit that reported 0 is a reporting unit.
 */
const [current, previous] = openCdcsPeriodCodes() as [string, string];
const required = {
  dissemination_base: 1000,
  union_fee_due: 50_000_000,
  union_fee_collected: 42_000_000,
  dues_due: 12_000_000,
  dues_collected: 11_500_000,
};

/** The figures column of the form, by element code (ExcelJS: a number cell is a number, an empty one null). */
async function figuresOf(xlsx: Buffer): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const out = new Map<string, unknown>();
  wb.getWorksheet(FORM_SHEET)!.eachRow((row) => {
    const code = row.getCell(2).value;
    if (typeof code === 'string' && /^[a-z_]+$/.test(code)) out.set(code, row.getCell(5).value);
  });
  return out;
}

describe.each(testDatabaseTargets())('exact zeros in periodic reports ($kind)', (target) => {
  const { database, t } = useTestApp(target, `report-zero-${target.kind}`);
  const demo = useReportingDemo(t);

  const open = (session: Session, unitId: number, periodCode = current): Promise<{ id: number; version: number }> =>
    openCdcsReport(session, unitId, periodCode);
  const storedValues = async (id: number) => {
    const row = await database.db.selectFrom('report').select('values').where('id', '=', id).executeTakeFirstOrThrow();
    return (typeof row.values === 'string' ? JSON.parse(row.values) : row.values) as Record<string, number | null>;
  };

  it('PUT /api/reports/:id stores 0 as 0 and null as null, and gives both back as sent', async () => {
    const report = await open(demo.officer, demo.cdcs1, previous);
    const saved = await demo.officer.send('PUT', `/api/reports/${report.id}`, {
      version: report.version,
      values: { dissemination_reached: 0, party_introduced: 0, skills_learners: null },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await storedValues(report.id)).toEqual({ dissemination_reached: 0, party_introduced: 0, skills_learners: null });
    expect((await demo.officer.get(`/api/reports/${report.id}`)).body.values).toEqual({
      dissemination_reached: 0,
      party_introduced: 0,
      skills_learners: null,
    });

    // Clearing a 0 is "no figure" again; a 0 typed over a figure is 0.
    const cleared = await demo.officer.send('PUT', `/api/reports/${report.id}`, {
      version: saved.body.version,
      values: { party_introduced: null, skills_learners: 0 },
    });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect((await demo.officer.get(`/api/reports/${report.id}`)).body.values).toEqual({
      dissemination_reached: 0,
      party_introduced: null,
      skills_learners: 0,
    });

    // Text is not a figure: refused with a Vietnamese sentence naming the field.
    const text = await demo.officer.send('PUT', `/api/reports/${report.id}`, {
      version: cleared.body.version,
      values: { skills_base: 'nhiều' },
    });
    expect(text.status).toBe(400);
    expect(text.body.error.issues).toEqual([{ path: 'values.skills_base', message: '"values.skills_base" phải là số.' }]);
  });

  it('a 0 satisfies "required", is written to reported_value, and counts the unit as reporting in every roll-up above it', async () => {
    const documentId = await createDocument(demo.province, {
      kind: 'program',
      symbol: '09-CTr/LĐLĐ',
      title: 'Chương trình hành động thực hiện Nghị quyết Đại hội',
      issuerUnitId: await t.unitId('TNI'),
      issuedOn: '2023-11-20',
      termFrom: 2023,
      termTo: 2028,
    });
    for (const [indicatorCode, value] of [
      ['dissemination_share', 90],
      ['party_introduced_per_cdcs', 0.5],
      ['lawsuits_supported_share', 80],
    ] as const) {
      await createTarget(demo.province, {
        documentId,
        unitId: await t.unitId('TNI'),
        indicatorCode,
        comparator: '>=',
        value,
        annual: true,
        subject: indicatorCode,
      });
    }

    const report = await open(demo.officer, demo.cdcs1);
    const sent = await demo.officer.send('POST', `/api/reports/${report.id}/submit`, {
      version: report.version,
      values: { ...required, dissemination_reached: 0, party_introduced: 0, lawsuits_requested: null },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const accepted = await demo.commune.send('POST', `/api/reports/${report.id}/accept`, { version: sent.body.version });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    const reported = await database.db
      .selectFrom('reported_value')
      .select(['element_code', 'value', 'state'])
      .where('unit_id', '=', demo.cdcs1)
      .where('period_code', '=', current)
      .where('element_code', 'in', ['dissemination_reached', 'party_introduced', 'lawsuits_requested'])
      .orderBy('element_code')
      .execute();
    expect(reported.map((r) => [r.element_code, Number(r.value), r.state])).toEqual([
      ['dissemination_reached', 0, 'accepted'],
      ['party_introduced', 0, 'accepted'],
    ]);
    // The trigger-kept sums (migration 0014, not in the typed schema): the commune counts one unit that reported 0.
    const { rows: rolled } = await sql<{ total: string; units: number }>`
      SELECT total, units FROM progress_reported WHERE unit_id = ${demo.p01} AND period_code = ${current} AND element_code = 'party_introduced' AND state = 'accepted'`.execute(
      database.db,
    );
    expect(rolled.map((r) => [Number(r.total), Number(r.units)])).toEqual([[0, 1]]);

    for (const session of [demo.commune, demo.province]) {
      const board = (await session.get(`/api/reports/completeness?templateCode=cdcs-nam&periodCode=${current}`)).body;
      const figure = (element: string) => board.figures.find((f: { element: string }) => f.element === element).value;
      expect(board.reportingUnits).toBe(1);
      expect([figure('dissemination_reached'), figure('party_introduced'), figure('lawsuits_requested')]).toEqual([0, 0, null]);
    }
    const progress = (await demo.province.get(`/api/progress?documentId=${documentId}`)).body;
    const item = (code: string) => progress.items.find((i: { indicator: { code: string } }) => i.indicator.code === code);
    expect(item('dissemination_share')).toMatchObject({ value: 0, reportingUnits: 1 });
    expect(item('party_introduced_per_cdcs')).toMatchObject({ value: 0, reportingUnits: 1 });
    expect(item('lawsuits_supported_share')).toMatchObject({ value: null, progress: { status: 'no_data' } });
  });

  it('round-trips 0 and empty through the offline workbook and LibreOffice: 0 stays the number 0, empty stays null', async () => {
    const report = await open(demo.commune, demo.cdcs2);
    const saved = await demo.commune.send('PUT', `/api/reports/${report.id}`, {
      version: report.version,
      values: { innovations: 0, skills_learners: null },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const download = () => downloadWorkbook(t, demo.commune, report.id);
    const file = await download();
    const cells = await figuresOf(file);
    expect(cells.get('innovations')).toBe(0);
    expect(cells.get('skills_learners')).toBeNull();

    const filled = await throughLibreOffice(await fillFigures(file, { ...required, dissemination_reached: 0, worker_conferences: 0 }));
    const r = await uploadWorkbooks(t, demo.commune, `/api/reports/${report.id}/workbook?submit=true`, [
      { name: 'bao-cao-khong.xlsx', content: filled },
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const values = (await demo.commune.get(`/api/reports/${report.id}`)).body.values;
    expect([values.innovations, values.dissemination_reached, values.worker_conferences, values.dissemination_base]).toEqual([
      0, 0, 0, 1000,
    ]);
    expect([values.skills_learners, values.party_introduced, values.lawsuits_requested]).toEqual([null, null, null]);
    const written = await database.db
      .selectFrom('reported_value')
      .select(['element_code', 'value'])
      .where('unit_id', '=', demo.cdcs2)
      .where('period_code', '=', current)
      .where('element_code', 'in', ['innovations', 'worker_conferences', 'skills_learners'])
      .orderBy('element_code')
      .execute();
    expect(written.map((w) => [w.element_code, Number(w.value)])).toEqual([
      ['innovations', 0],
      ['worker_conferences', 0],
    ]);

    // Downloaded again, the zeros are still numbers (what the officer sees in Excel).
    const again = await figuresOf(await download());
    expect([again.get('innovations'), again.get('dissemination_reached'), again.get('skills_learners')]).toEqual([0, 0, null]);
  });
});
