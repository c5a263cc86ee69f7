import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../domain/reporting/builtin-templates.ts';
import { openPeriods } from '../../domain/reporting/report-template.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';
import { FORM_SHEET, IDENTITY_SHEET } from './report-workbook.ts';

const run = promisify(execFile);
const [current, previous] = openPeriods(
  BUILTIN_TEMPLATES.find((t) => t.code === 'cdcs-nam')!,
  todayInVietnam(),
).map((p) => p.code) as [string, string];
const figures: Record<string, number> = {
  dissemination_reached: 1450,
  dissemination_base: 1600,
  skills_learners: 210,
  skills_base: 1550,
  union_fee_due: 180_000_000,
  union_fee_collected: 171_500_000,
  dues_due: 45_000_000,
  dues_collected: 44_000_000,
  worker_conferences: 1,
  workplace_dialogues: 2,
};

function multipart(files: { name: string; content: Buffer }[]) {
  const boundary = `----tiendo${Date.now().toString(16)}`;
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Fills the figures column the way a person would, by the labels of the rows. */
async function fill(
  xlsx: Buffer,
  values: Record<string, number>,
  edit?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(FORM_SHEET)!;
  ws.eachRow((row) => {
    const code = row.getCell(2).value;
    if (typeof code === 'string' && code in values) row.getCell(5).value = values[code]!;
  });
  edit?.(ws, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Opens and re-saves the file in LibreOffice, as a user of LibreOffice Calc would. */
async function throughLibreOffice(xlsx: Buffer): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-soffice-'));
  try {
    await fs.mkdir(path.join(dir, 'out'));
    await fs.writeFile(path.join(dir, 'bao-cao.xlsx'), xlsx);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        path.join(dir, 'out'),
        path.join(dir, 'bao-cao.xlsx'),
      ],
      { timeout: 120_000 },
    );
    return await fs.readFile(path.join(dir, 'out', 'bao-cao.xlsx'));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe.each(testDatabaseTargets())('report forms in Excel ($kind)', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let officer: Session;
  let commune: Session;
  let cdcs1: number;
  let cdcs2: number;
  let cdcs3: number;

  beforeAll(async () => {
    database = await target.open();
    t = await createTestApp(database, `report-workbook-${target.kind}`);
    officer = await t.login('cdcs.demo');
    commune = await t.login('canbo.tanninh');
    [cdcs1, cdcs2, cdcs3] = (await Promise.all(['TNI-P01-0001', 'TNI-P01-0002', 'TNI-P01-0003'].map((c) => t.unitId(c)))) as [
      number,
      number,
      number,
    ];
  }, 240_000);

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  async function open(session: Session, unitId: number, periodCode = current) {
    const r = await session.send('POST', '/api/reports', { templateCode: 'cdcs-nam', unitId, periodCode });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { id: number; version: number };
  }
  const download = async (session: Session, id: number) => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/reports/${id}/workbook`,
      headers: { cookie: `tiendo_session=${session.cookie}` },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    return r.rawPayload;
  };
  const upload = async (session: Session, url: string, files: { name: string; content: Buffer }[]) => {
    const body = multipart(files);
    const r = await t.app.inject({
      method: 'POST',
      url,
      payload: body.payload,
      headers: { cookie: `tiendo_session=${session.cookie}`, 'x-csrf-token': session.csrf, 'content-type': body.contentType },
    });
    return { status: r.statusCode, body: r.json() };
  };

  it('downloads a protected form with editable figures, validation and a hidden identity', async () => {
    const report = await open(officer, cdcs1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(officer, report.id)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(FORM_SHEET)!;
    expect(ws.getCell('A2').value).toMatch(/^Đơn vị: Công đoàn cơ sở /);
    const reached = ws.getRows(1, 60)!.find((r) => r.getCell(2).value === 'dissemination_reached')!;
    expect(reached.getCell(3).value).toBe('Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết');
    expect(reached.getCell(5).protection?.locked).toBe(false);
    expect(reached.getCell(3).protection?.locked ?? true).toBe(true);
    expect(reached.getCell(5).dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual' });
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const identity = wb.getWorksheet(IDENTITY_SHEET)!;
    expect(identity.state).toBe('veryHidden');
    expect(identity.getCell('A1').value).toBe('report_id');
    expect(identity.getCell('B1').value).toBe(String(report.id));
  });

  it('round-trips: download → fill → save in LibreOffice → upload and submit, through the same validation and workflow', async () => {
    const report = await open(officer, cdcs1);
    const filled = await throughLibreOffice(await fill(await download(officer, report.id), figures));
    const sent = await upload(officer, `/api/reports/${report.id}/workbook?submit=true`, [{ name: 'bao-cao-cdcs.xlsx', content: filled }]);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.status).toBe('submitted');
    const view = (await officer.get(`/api/reports/${report.id}`)).body;
    for (const [code, value] of Object.entries(figures)) expect(view.values[code], code).toBe(value);
    expect(view.values.party_introduced ?? null).toBeNull();
    expect(view.comments.map((c: { body: string }) => c.body)).toEqual(['Gửi bằng tệp Excel.']);
  });

  it('refuses a file whose rows were moved, with a clear message, and changes nothing', async () => {
    const report = await open(officer, cdcs1, previous);
    const swapped = await fill(await download(officer, report.id), figures, (ws) => {
      const a = ws.getRow(8);
      const b = ws.getRow(9);
      const [av, bv] = [[2, 3, 4, 5].map((c) => a.getCell(c).value), [2, 3, 4, 5].map((c) => b.getCell(c).value)];
      [2, 3, 4, 5].forEach((c, i) => {
        a.getCell(c).value = bv[i]!;
        b.getCell(c).value = av[i]!;
      });
    });
    const r = await upload(officer, `/api/reports/${report.id}/workbook?submit=true`, [{ name: 'doi-dong.xlsx', content: swapped }]);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe(
      'Cấu trúc biểu mẫu đã bị thay đổi (dòng bị thêm, xóa hoặc di chuyển). Hãy tải lại biểu mẫu gốc và chỉ nhập số vào cột "Số liệu".',
    );
    expect((await officer.get(`/api/reports/${report.id}`)).body).toMatchObject({ status: 'draft', version: report.version, values: {} });
  });

  it('refuses another unit’s file and another period’s file, naming what the file is', async () => {
    const mine = await open(commune, cdcs2);
    const other = await open(commune, cdcs3);
    const otherFile = await fill(await download(commune, other.id), figures);
    const wrongUnit = await upload(commune, `/api/reports/${mine.id}/workbook`, [{ name: 'nham-don-vi.xlsx', content: otherFile }]);
    expect(wrongUnit.status).toBe(400);
    expect(wrongUnit.body.error.message).toMatch(
      /^Tệp là báo cáo của Công đoàn cơ sở .+, không phải của Công đoàn cơ sở .+\. Hãy kiểm tra lại tệp\.$/,
    );

    const earlier = await open(commune, cdcs2, previous);
    const earlierFile = await fill(await download(commune, earlier.id), figures);
    const wrongPeriod = await upload(commune, `/api/reports/${mine.id}/workbook`, [{ name: 'nham-ky.xlsx', content: earlierFile }]);
    expect(wrongPeriod.status).toBe(400);
    expect(wrongPeriod.body.error.message).toBe(`Tệp là báo cáo kỳ ${previous}, không phải kỳ ${current}. Hãy kiểm tra lại tệp.`);

    const notOurs = await upload(commune, `/api/reports/${mine.id}/workbook`, [
      { name: 'bang-tinh.xlsx', content: Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer()) },
    ]);
    expect(notOurs.body.error.message).toMatch(/^Tệp không phải biểu mẫu báo cáo tải từ Tiến Độ/);
    // A file downloaded before someone else saved would overwrite their figures: refused too.
    const stale = await fill(await download(commune, mine.id), figures);
    const view = (await commune.get(`/api/reports/${mine.id}`)).body;
    expect((await commune.send('PUT', `/api/reports/${mine.id}`, { version: view.version, values: { innovations: 3 } })).status).toBe(200);
    const outdated = await upload(commune, `/api/reports/${mine.id}/workbook`, [{ name: 'cu.xlsx', content: stale }]);
    expect(outdated.body.error.code).toBe('WORKBOOK_OUTDATED');
    expect((await commune.get(`/api/reports/${mine.id}`)).body.values).toEqual({ innovations: 3 });
  });

  it('lets the commune upload many units’ files at once, each checked and submitted on its own', async () => {
    const a = await open(commune, cdcs3, previous);
    const b = await open(commune, cdcs2, previous);
    const good = await fill(await download(commune, a.id), figures);
    const invalid = await fill(await download(commune, b.id), { ...figures, dissemination_reached: 5000 });
    const r = await upload(commune, '/api/reports/workbooks', [
      { name: 'cdcs-3.xlsx', content: good },
      { name: 'cdcs-2.xlsx', content: invalid },
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ accepted: 1, refused: 1 });
    expect(r.body.results[0]).toMatchObject({ fileName: 'cdcs-3.xlsx', ok: true, reportId: a.id });
    expect(r.body.results[1]).toMatchObject({ fileName: 'cdcs-2.xlsx', ok: false });
    expect(r.body.results[1].message).toMatch(
      /^Báo cáo còn 1 lỗi cần sửa trước khi gửi: «Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết» \(5\.000\) lớn hơn/,
    );
    // The CĐCS officer may not upload for a sibling CĐCS: not found, as for everything outside one's subtree.
    const foreign = await upload(officer, '/api/reports/workbooks', [{ name: 'cdcs-3.xlsx', content: good }]);
    expect(foreign.body.results[0].message).toBe('Không tìm thấy báo cáo.');
  });
});
