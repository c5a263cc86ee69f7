import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openCdcsPeriodCodes, openCdcsReport } from '../../test/support/report-fixtures.ts';
import { downloadWorkbook, fillFigures as fill, throughLibreOffice, uploadWorkbooks } from '../../test/support/report-workbook-files.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { FORM_SHEET, IDENTITY_SHEET } from './report-workbook.ts';
import { useSessions } from '../http/session-test-fixtures.ts';

const [current, previous] = openCdcsPeriodCodes() as [string, string];
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

describe.each(testDatabaseTargets())('report forms in Excel ($kind)', (target) => {
  const { t } = useTestApp(target, `report-workbook-${target.kind}`);
  const s = useSessions(
    t,
    { officer: 'cdcs.demo', commune: 'canbo.tanninh' },
    { cdcs1: 'TNI-P01-0001', cdcs2: 'TNI-P01-0002', cdcs3: 'TNI-P01-0003' },
  );

  const open = (session: Session, unitId: number, periodCode = current): Promise<{ id: number; version: number }> =>
    openCdcsReport(session, unitId, periodCode);
  const download = (session: Session, id: number) => downloadWorkbook(t, session, id);
  const upload = (session: Session, url: string, files: { name: string; content: Buffer }[]) => uploadWorkbooks(t, session, url, files);

  it('downloads a protected form with editable figures, validation and a hidden identity', async () => {
    const report = await open(s.officer, s.cdcs1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(s.officer, report.id)) as unknown as ArrayBuffer);
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
    const report = await open(s.officer, s.cdcs1);
    const filled = await throughLibreOffice(await fill(await download(s.officer, report.id), figures));
    const sent = await upload(s.officer, `/api/reports/${report.id}/workbook?submit=true`, [
      { name: 'bao-cao-cdcs.xlsx', content: filled },
    ]);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.status).toBe('submitted');
    const view = (await s.officer.get(`/api/reports/${report.id}`)).body;
    for (const [code, value] of Object.entries(figures)) expect(view.values[code], code).toBe(value);
    expect(view.values.party_introduced ?? null).toBeNull();
    expect(view.comments.map((c: { body: string }) => c.body)).toEqual(['Gửi bằng tệp Excel.']);
  });

  it('refuses a file whose rows were moved, with a clear message, and changes nothing', async () => {
    const report = await open(s.officer, s.cdcs1, previous);
    const swapped = await fill(await download(s.officer, report.id), figures, (ws) => {
      const a = ws.getRow(8);
      const b = ws.getRow(9);
      const [av, bv] = [[2, 3, 4, 5].map((c) => a.getCell(c).value), [2, 3, 4, 5].map((c) => b.getCell(c).value)];
      [2, 3, 4, 5].forEach((c, i) => {
        a.getCell(c).value = bv[i]!;
        b.getCell(c).value = av[i]!;
      });
    });
    const r = await upload(s.officer, `/api/reports/${report.id}/workbook?submit=true`, [{ name: 'doi-dong.xlsx', content: swapped }]);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe(
      'Cấu trúc biểu mẫu đã bị thay đổi (dòng bị thêm, xóa hoặc di chuyển). Hãy tải lại biểu mẫu gốc và chỉ nhập số vào cột "Số liệu".',
    );
    expect((await s.officer.get(`/api/reports/${report.id}`)).body).toMatchObject({ status: 'draft', version: report.version, values: {} });
  });

  it('refuses another unit’s file and another period’s file, naming what the file is', async () => {
    const mine = await open(s.commune, s.cdcs2);
    const other = await open(s.commune, s.cdcs3);
    const otherFile = await fill(await download(s.commune, other.id), figures);
    const wrongUnit = await upload(s.commune, `/api/reports/${mine.id}/workbook`, [{ name: 'nham-don-vi.xlsx', content: otherFile }]);
    expect(wrongUnit.status).toBe(400);
    expect(wrongUnit.body.error.message).toMatch(
      /^Tệp là báo cáo của Công đoàn cơ sở .+, không phải của Công đoàn cơ sở .+\. Hãy kiểm tra lại tệp\.$/,
    );

    const earlier = await open(s.commune, s.cdcs2, previous);
    const earlierFile = await fill(await download(s.commune, earlier.id), figures);
    const wrongPeriod = await upload(s.commune, `/api/reports/${mine.id}/workbook`, [{ name: 'nham-ky.xlsx', content: earlierFile }]);
    expect(wrongPeriod.status).toBe(400);
    expect(wrongPeriod.body.error.message).toBe(`Tệp là báo cáo kỳ ${previous}, không phải kỳ ${current}. Hãy kiểm tra lại tệp.`);

    const notOurs = await upload(s.commune, `/api/reports/${mine.id}/workbook`, [
      { name: 'bang-tinh.xlsx', content: Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer()) },
    ]);
    expect(notOurs.body.error.message).toMatch(/^Tệp không phải biểu mẫu báo cáo tải từ Tiến Độ/);
    // A file downloaded before someone else saved would overwrite their figures: refused too.
    const stale = await fill(await download(s.commune, mine.id), figures);
    const view = (await s.commune.get(`/api/reports/${mine.id}`)).body;
    expect((await s.commune.send('PUT', `/api/reports/${mine.id}`, { version: view.version, values: { innovations: 3 } })).status).toBe(
      200,
    );
    const outdated = await upload(s.commune, `/api/reports/${mine.id}/workbook`, [{ name: 'cu.xlsx', content: stale }]);
    expect(outdated.body.error.code).toBe('WORKBOOK_OUTDATED');
    expect((await s.commune.get(`/api/reports/${mine.id}`)).body.values).toEqual({ innovations: 3 });
  });

  it('lets the commune upload many units’ files at once, each checked and submitted on its own', async () => {
    const a = await open(s.commune, s.cdcs3, previous);
    const b = await open(s.commune, s.cdcs2, previous);
    const good = await fill(await download(s.commune, a.id), figures);
    const invalid = await fill(await download(s.commune, b.id), { ...figures, dissemination_reached: 5000 });
    const r = await upload(s.commune, '/api/reports/workbooks', [
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
    const foreign = await upload(s.officer, '/api/reports/workbooks', [{ name: 'cdcs-3.xlsx', content: good }]);
    expect(foreign.body.results[0].message).toBe('Không tìm thấy báo cáo.');
  });
});
