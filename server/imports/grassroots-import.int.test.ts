import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeMemberFile } from '../../test/support/member-files.ts';
import { rejectionLines, uploadImport } from '../../test/support/import-upload.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';

const COLUMNS = [
  { key: 'code', title: 'Mã công đoàn cơ sở' },
  { key: 'name', title: 'Tên CĐCS' },
  { key: 'parent', title: 'Mã CĐ cấp trên' },
  { key: 'sector', title: 'Loại hình' },
  { key: 'founded', title: 'Ngày thành lập' },
  { key: 'decision', title: 'Số QĐ thành lập' },
  { key: 'chair', title: 'Chủ tịch' },
  { key: 'dissolved', title: 'Ngày giải thể' },
];

/** A new CĐCS with its profile filled in: the first test creates it, the second changes its chair. */
const HOA_THANH = {
  code: 'TNI-P05-9001',
  name: 'Công đoàn cơ sở Công ty TNHH May Hòa Thành',
  parent: 'TNI-P05',
  sector: 'FDI',
  founded: '15/03/2021',
  decision: '12/QĐ-CĐP',
  chair: 'Lê Thị Mai',
  dissolved: '',
};

describe.each(testDatabaseTargets())('grassroots (CĐCS) import on $kind', (target) => {
  const { t } = useTestApp(target, `grassroots-import-${target.kind}`);
  let staff: Session;

  beforeAll(async () => {
    staff = await t.login('canbo.tinh');
  });

  async function upload(file: string, unitId: number, dryRun = false) {
    const job = await uploadImport(t, staff, 'grassroots', file, { unitId, dryRun });
    expect(job.status, JSON.stringify(job.body)).toBe(202);
    return job.body;
  }
  const find = async (q: string) => (await staff.get(`/api/grassroots?q=${encodeURIComponent(q)}`)).body.items;

  it('creates CĐCS as units of the tree with their profile, refuses bad rows with reasons, and changes nothing the second time', async () => {
    const tni = await t.unitId('TNI');
    const rows = [
      HOA_THANH,
      {
        code: 'tni-kcn-9002',
        name: 'CĐCS Trường Tiểu học Bình Minh',
        parent: 'TNI-KCN',
        sector: 'Hành chính sự nghiệp',
        founded: '01/09/2025',
        decision: '',
        chair: '',
        dissolved: '',
      },
      {
        code: 'TNI-P05-9009',
        name: 'Thành lập trong tương lai',
        parent: 'TNI-P05',
        sector: 'tư nhân',
        founded: '01/09/2099',
        decision: '',
        chair: '',
        dissolved: '',
      },
      {
        code: 'TNI-P05-9003',
        name: 'Không rõ cấp trên',
        parent: 'KHONG-CO',
        sector: 'tư nhân',
        founded: '',
        decision: '',
        chair: '',
        dissolved: '',
      },
      {
        code: 'TNI-P05-9004',
        name: 'Khu vực lạ',
        parent: 'TNI-P05',
        sector: 'hợp tác xã',
        founded: '',
        decision: '',
        chair: '',
        dissolved: '',
      },
      {
        code: 'TNI-P05-9005',
        name: 'Giải thể trước khi thành lập',
        parent: 'TNI-P05',
        sector: 'tư nhân',
        founded: '01/01/2024',
        decision: '',
        chair: '',
        dissolved: '01/01/2023',
      },
      {
        code: 'TNI-P05-9001',
        name: 'Trùng mã trong tệp',
        parent: 'TNI-P05',
        sector: 'FDI',
        founded: '',
        decision: '',
        chair: '',
        dissolved: '',
      },
      {
        code: 'TNI-P05',
        name: 'Mã của công đoàn phường',
        parent: 'TNI-P05',
        sector: 'tư nhân',
        founded: '',
        decision: '',
        chair: '',
        dissolved: '',
      },
      { code: 'TNI-P05-9008', name: '', parent: 'TNI-P05', sector: 'tư nhân', founded: '', decision: '', chair: '', dissolved: '' },
    ];
    const file = await writeMemberFile(rows, 'xlsx', COLUMNS);
    const dry = await upload(file, tni, true);
    expect(dry).toMatchObject({ status: 'done', rowsRead: 9, inserted: 2, rejected: 7 });
    expect(await find('may hoa thanh')).toEqual([]); // a dry run writes nothing

    const job = await upload(file, tni);
    expect(job, JSON.stringify(job, null, 1)).toMatchObject({
      status: 'done',
      rowsRead: 9,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: 7,
    });
    const reasons = rejectionLines(job);
    expect(reasons).toMatch(/^4 Ngày thành lập: Ngày thành lập ở tương lai\./m);
    expect(reasons).toMatch(/^5 Mã CĐ cấp trên: Không có công đoàn cấp trên mã "KHONG-CO"/m);
    expect(reasons).toMatch(/^6 Loại hình: Không hiểu khu vực "hợp tác xã"/m);
    expect(reasons).toMatch(/^7 Ngày giải thể: Ngày giải thể trước ngày thành lập\./m);
    expect(reasons).toMatch(/^8 Mã công đoàn cơ sở: Trùng mã CĐCS với dòng 2 trong cùng tệp\./m);
    expect(reasons).toMatch(/^9 Mã CĐCS: Mã "TNI-P05" là của một đơn vị không phải công đoàn cơ sở\./m);
    expect(reasons).toMatch(/^10 Tên CĐCS: Thiếu tên công đoàn cơ sở\./m);

    const [created] = await find('may hoa thanh');
    expect(created).toMatchObject({
      code: 'TNI-P05-9001',
      sector: 'fdi',
      foundedOn: '2021-03-15',
      foundingDecision: '12/QĐ-CĐP',
      chairName: 'Lê Thị Mai',
      status: 'active',
      parent: { name: expect.stringContaining('phường') },
    });
    const children = (await staff.get(`/api/org/units/${await t.unitId('TNI-P05')}/children`)).body;
    expect(JSON.stringify(children)).toContain('TNI-P05-9001');
    expect((await find('tieu hoc binh minh'))[0]).toMatchObject({ code: 'TNI-KCN-9002', sector: 'hcsn', foundedOn: '2025-09-01' });
    expect(await upload(file, tni)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 7 });
  });

  it('updates a known CĐCS, refuses to move it to another upper union or to dissolve it with members, and round-trips its export', async () => {
    const tni = await t.unitId('TNI');
    const changed = [
      { ...HOA_THANH, chair: 'Trần Văn Hùng' },
      {
        code: 'TNI-KCN-9002',
        name: 'CĐCS Trường Tiểu học Bình Minh',
        parent: 'TNI-P05',
        sector: 'Hành chính sự nghiệp',
        founded: '',
        decision: '',
        chair: '',
        dissolved: '',
      },
    ];
    const job = await upload(await writeMemberFile(changed, 'xlsx', COLUMNS), tni);
    expect(job).toMatchObject({ rowsRead: 2, inserted: 0, updated: 1, rejected: 1 });
    expect(job.rejections[0].reason).toContain('đổi cấp trên là một lần sắp xếp tổ chức');
    expect((await find('may hoa thanh'))[0].chairName).toBe('Trần Văn Hùng');

    const cdcs = (await find('may hoa thanh'))[0];
    const joined = await staff.send('POST', '/api/members', {
      fullName: 'Phan Thị Thu',
      gender: 'female',
      birthDate: '1990-05-05',
      cccd: '072190000123',
      phone: null,
      joinedOn: '2022-01-01',
      cdcsUnitId: cdcs.id,
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    const dissolve = [{ ...changed[0]!, dissolved: '01/01/2026' }];
    const refused = await upload(await writeMemberFile(dissolve, 'xlsx', COLUMNS), tni);
    expect(refused).toMatchObject({ rejected: 1, updated: 0 });
    expect(refused.rejections[0].reason).toMatch(/còn \d+ đoàn viên đang sinh hoạt/);

    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/grassroots/export?unitId=${await t.unitId('TNI-P05')}&format=xlsx`,
      headers: { cookie: `tiendo_session=${staff.cookie}` },
    });
    expect(exported.statusCode).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-cdcs-')), 'cdcs.xlsx');
    fs.writeFileSync(file, exported.rawPayload);
    const again = await upload(file, tni);
    expect(again).toMatchObject({ status: 'done', inserted: 0, updated: 0, rejected: 0 });
    expect(again.unchanged).toBeGreaterThan(10);
  });
});
