import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeCccd } from '../../domain/registry/identity-codes.ts';
import { validMemberRows, writeMemberFile, type MemberFileRow } from '../../test/support/member-files.ts';
import { uploadImport } from '../../test/support/import-upload.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';

const P01_CDCS = ['TNI-P01-0001', 'TNI-P01-0002', 'TNI-P01-0003'];

describe.each(testDatabaseTargets())('member import and export on $kind', (target) => {
  const { t } = useTestApp(target, `import-${target.kind}`);
  let staff: Session; // province staff with the personal-data role: exports carry full CCCDs
  let p01: number;

  beforeAll(async () => {
    staff = await t.login('canbo.tinh');
    p01 = await t.unitId('TNI-P01');
  });

  async function upload(file: string, unitId: number, dryRun = false) {
    return uploadImport(t, staff, 'members', file, { unitId, dryRun });
  }

  async function download(url: string, ext: string): Promise<string> {
    const response = await t.app.inject({ method: 'GET', url, headers: { cookie: `tiendo_session=${staff.cookie}` } });
    expect(response.statusCode).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-dl-')), `file.${ext}`);
    fs.writeFileSync(file, response.rawPayload);
    return file;
  }

  const balanced = (j: { rowsRead: number; inserted: number; updated: number; unchanged: number; rejected: number }) =>
    expect(j.inserted + j.updated + j.unchanged + j.rejected).toBe(j.rowsRead);

  it('rejects exactly the twenty kinds of bad rows with the right reasons, and takes every good row', async () => {
    const good = validMemberRows(30, P01_CDCS, 500_000);
    const base = validMemberRows(1, P01_CDCS, 900_000)[0]!;
    const bad: [string, Partial<MemberFileRow>][] = [
      ['chỉ có 11 chữ số', { cccd: '72190123456' }],
      ['mã tỉnh "003"', { cccd: '003190123456' }],
      ['không khớp với giới tính', { gender: 'Nam', cccd: composeCccd('072', 'female', 1990, 1), birthDate: '01/01/1990' }],
      ['không khớp với năm sinh', { gender: 'Nữ', cccd: composeCccd('072', 'female', 1990, 2), birthDate: '01/01/1991' }],
      ['Không có công đoàn cơ sở mã "KHONG-CO"', { cdcsCode: 'KHONG-CO' }],
      ['Không có công đoàn cơ sở mã "TNI-P02-0001"', { cdcsCode: 'TNI-P02-0001' }], // exists, outside the unit
      ['Ngày sinh ở tương lai', { birthDate: '01/01/2031', cccd: composeCccd('072', 'female', 2031, 3) }],
      ['Trùng số CCCD với dòng', { ...good[0]!, fullName: 'Người Trùng CCCD' }],
      ['Thiếu họ và tên', { fullName: '' }],
      ['không được chứa chữ số', { fullName: 'Nguyễn Văn 3' }],
      ['Giới tính', { gender: 'X' }],
      ['31/02/1990', { birthDate: '31/02/1990' }],
      ['dưới 15 tuổi', { birthDate: '01/01/2015', cccd: composeCccd('072', 'female', 2015, 4), joinedOn: '01/01/2025' }],
      ['Ngày vào Công đoàn ở tương lai', { joinedOn: '01/01/2031' }],
      ['khi chưa đủ 15 tuổi', { birthDate: '01/01/1990', cccd: composeCccd('072', 'female', 1990, 5), joinedOn: '01/01/2000' }],
      ['Thiếu ngày', { joinedOn: '' }],
      ['Số điện thoại không hợp lệ', { phone: '12345' }],
      ['Thiếu số CCCD', { cccd: '' }],
      ['năm đủ 4 chữ số', { birthDate: '01/01/90' }],
      ['Số thẻ đoàn viên không hợp lệ', { cardNumber: '??!!' }],
    ];
    let serial = 0;
    const badRows = bad.map(([, patch]) => ({
      ...base,
      cccd: composeCccd('072', 'female', 1985, 700_000 + ++serial),
      gender: 'Nữ',
      birthDate: '10/10/1985',
      cardNumber: null,
      ...patch,
    }));
    const rows = [...good.slice(0, 15), ...badRows, ...good.slice(15)];
    const columns = [
      ...(await import('../../test/support/member-files.ts')).MEMBER_FILE_COLUMNS,
      { key: 'cardNumber', title: 'Số thẻ đoàn viên' },
    ];
    const file = await writeMemberFile(rows, 'xlsx', columns);

    const dry = await upload(file, p01, true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(202);
    expect(dry.body).toMatchObject({ status: 'done', dryRun: true, rowsRead: 50, inserted: 30, rejected: 20 });
    expect((await staff.get(`/api/members/count?unitId=${p01}`)).body.members).toBe(0); // a dry run writes nothing

    const job = (await upload(file, p01)).body;
    expect(job).toMatchObject({ status: 'done', rowsRead: 50, inserted: 30, updated: 0, unchanged: 0, rejected: 20 });
    balanced(job);
    // Row numbers: header on row 1, 15 good rows on 2–16, the bad rows on 17–36.
    const reasonsByRow = new Map<number, string>();
    for (const r of job.rejections) reasonsByRow.set(r.rowNumber, `${reasonsByRow.get(r.rowNumber) ?? ''} ${r.column}: ${r.reason}`);
    expect([...reasonsByRow.keys()].sort((a, b) => a - b)).toEqual(bad.map((_, i) => 17 + i));
    bad.forEach(([reason], i) => expect(reasonsByRow.get(17 + i), `row ${17 + i}`).toContain(reason));
    expect((await staff.get(`/api/members/count?unitId=${p01}`)).body.members).toBe(30);

    // The rejected rows come back as a file with their original columns and a "Lỗi" column.
    const rejectedFile = await download(`/api/imports/${job.id}/rejections?format=csv`, 'csv');
    const lines = fs
      .readFileSync(rejectedFile, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^STT,Họ và tên,Giới tính,.*,Lỗi,Dòng trong tệp gốc$/);
    expect(lines).toHaveLength(21);

    // Imported again exactly as downloaded (extra "Lỗi" column and all), every row is read as data:
    // the header is still found and no row is taken for a title. The same bad rows come back,
    // except the in-file duplicate, which now simply updates the member it duplicated.
    const again = (await upload(await download(`/api/imports/${job.id}/rejections?format=xlsx`, 'xlsx'), p01, true)).body;
    expect(again).toMatchObject({ rowsRead: 20, rejected: 19, updated: 1, inserted: 0 });
  });

  it('round-trips import → export → re-import with zero changes and balanced counts', async () => {
    const p03 = await t.unitId('TNI-P03');
    const codes = ['TNI-P03-0001', 'TNI-P03-0002', 'TNI-P03-0003', 'TNI-P03-0004'];
    const file = await writeMemberFile(validMemberRows(target.kind === 'pglite' ? 2000 : 5000, codes, 10_000));
    const first = (await upload(file, p03)).body;
    expect(first).toMatchObject({ status: 'done', rejected: 0, updated: 0, unchanged: 0 });
    balanced(first);

    for (const format of ['xlsx', 'csv'] as const) {
      const exported = await download(`/api/members/export?unitId=${p03}&format=${format}`, format);
      const again = (await upload(exported, p03)).body;
      expect(again, format).toMatchObject({
        status: 'done',
        rowsRead: first.inserted,
        inserted: 0,
        updated: 0,
        rejected: 0,
        unchanged: first.inserted,
      });
    }
    // The same original file a second time changes nothing either (idempotent by CCCD).
    const twice = (await upload(file, p03)).body;
    expect(twice).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted });
  });

  it('neutralises formulas in exports and masks CCCDs for a role without the personal-data permission', async () => {
    const p04 = await t.unitId('TNI-P04');
    const rows = validMemberRows(3, ['TNI-P04-0001'], 40_000);
    rows[0]!.fullName = '=HYPERLINK("http://lua-dao.example","Bấm vào đây")';
    const file = await writeMemberFile(rows);
    expect((await upload(file, p04)).body.inserted).toBe(3);
    const viewer = await t.login('xem.tinh');
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/members/export?unitId=${p04}&format=csv`,
      headers: { cookie: `tiendo_session=${viewer.cookie}` },
    });
    const text = response.body;
    // The dangerous name comes out inert (a leading apostrophe), never as a live formula.
    expect(text).toContain(`"'=HYPERLINK(""http://lua-dao.example"",""Bấm vào đây"")"`);
    expect(text.split(/\r?\n/).some((line) => /^"?=/.test(line))).toBe(false);
    for (const row of rows) expect(text).not.toContain(String(row.cccd));
    expect(text).toMatch(/0[78][02]\d\*{6}\d{2}/);
  });

  it('refuses a file that is not a spreadsheet, or lacks required columns, with a clear message and no job', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-bad-'));
    const garbage = path.join(dir, 'rac.xlsx');
    fs.writeFileSync(garbage, Buffer.from('MZ\u0090\u0000 not a spreadsheet at all'));
    const notSheet = await upload(garbage, p01);
    expect(notSheet.status).toBe(400);
    expect(notSheet.body.error.message).toMatch(/không phải bảng tính/i);
    const noColumns = await writeMemberFile([{ a: 'x', b: 'y' }], 'csv', [
      { key: 'a', title: 'Tên' },
      { key: 'b', title: 'Tuổi' },
    ]);
    const missing = await upload(noColumns, p01);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('IMPORT_COLUMNS_MISSING');
  });
});
