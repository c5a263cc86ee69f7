import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { taxCheckDigit } from '../../domain/registry/identity-codes.ts';
import { writeMemberFile } from '../../test/support/member-files.ts';
import { rejectionLines, uploadImport } from '../../test/support/import-upload.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';

const COLUMNS = [
  { key: 'taxCode', title: 'MST' },
  { key: 'name', title: 'Tên doanh nghiệp' },
  { key: 'sector', title: 'Loại hình' },
  { key: 'areaCode', title: 'Mã công đoàn cấp trên' },
  { key: 'workers', title: 'Tổng số lao động' },
  { key: 'women', title: 'Lao động nữ' },
  { key: 'counted', title: 'Ngày thống kê' },
];

function taxCode(n: number): string {
  for (let i = n; ; i++) {
    const first9 = String(370000000 + i * 10);
    const check = taxCheckDigit(first9);
    if (check !== null) return `${first9}${check}`;
  }
}

describe.each(testDatabaseTargets())('employer import on $kind', (target) => {
  const { t } = useTestApp(target, `employer-import-${target.kind}`);
  let staff: Session;

  beforeAll(async () => {
    staff = await t.login('canbo.tinh');
  });

  async function upload(file: string, unitId: number, registry = 'employers') {
    const job = await uploadImport(t, staff, registry, file, { unitId });
    expect(job.status, JSON.stringify(job.body)).toBe(202);
    return job.body;
  }

  it('imports employers by tax code with sectors written the way staff write them, idempotently', async () => {
    const tni = await t.unitId('TNI');
    const valid = taxCode(9);
    const wrongCheck = `${valid.slice(0, 9)}${(Number(valid[9]) + 1) % 10}`;
    const rows = [
      {
        taxCode: taxCode(1),
        name: 'Công ty TNHH Giày Da Phước Thịnh',
        sector: 'Doanh nghiệp có vốn đầu tư nước ngoài',
        areaCode: 'TNI-KCN',
        workers: '1.250',
        women: '900',
        counted: '30/06/2026',
      },
      {
        taxCode: taxCode(2),
        name: 'Công ty CP Cơ khí Tân Hưng',
        sector: 'Ngoài nhà nước',
        areaCode: 'TNI-P05',
        workers: '40',
        women: '12',
        counted: '30/06/2026',
      },
      { taxCode: wrongCheck, name: 'Sai mã số thuế', sector: 'FDI', areaCode: 'TNI-KCN', workers: '10', women: '1', counted: '30/06/2026' },
      {
        taxCode: taxCode(3),
        name: 'Khu vực lạ',
        sector: 'Hợp tác xã vũ trụ',
        areaCode: 'TNI-KCN',
        workers: '10',
        women: '1',
        counted: '30/06/2026',
      },
      {
        taxCode: taxCode(4),
        name: 'Nữ nhiều hơn tổng',
        sector: 'tư nhân',
        areaCode: 'TNI-P05',
        workers: '10',
        women: '11',
        counted: '30/06/2026',
      },
      {
        taxCode: taxCode(5),
        name: 'Không rõ địa bàn',
        sector: 'tư nhân',
        areaCode: 'KHONG-CO',
        workers: '10',
        women: '1',
        counted: '30/06/2026',
      },
    ];
    const file = await writeMemberFile(rows, 'xlsx', COLUMNS);
    const job = await upload(file, tni);
    expect(job, JSON.stringify(job, null, 1)).toMatchObject({
      status: 'done',
      rowsRead: 6,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: 4,
    });
    const reasons = rejectionLines(job);
    expect(reasons).toContain(`4 MST: Mã số thuế ${wrongCheck} sai chữ số kiểm tra.`);
    expect(reasons).toMatch(/^5 Loại hình: Không hiểu khu vực "Hợp tác xã vũ trụ"/m);
    expect(reasons).toMatch(/^6 Lao động nữ: Số lao động nữ lớn hơn tổng số lao động\./m);
    expect(reasons).toMatch(/^7 Mã công đoàn cấp trên: Không có công đoàn cấp trên mã "KHONG-CO"/m);
    const fdi = (await staff.get(`/api/employers?q=${encodeURIComponent('giay da phuoc thinh')}`)).body.items[0];
    expect(fdi).toMatchObject({
      sector: 'fdi',
      workers: 1250,
      womenWorkers: 900,
      workersCountedOn: '2026-06-30',
      areaUnit: { code: 'TNI-KCN' },
    });
    const again = await upload(file, tni);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 4 });
  });

  async function download(url: string): Promise<string> {
    const response = await t.app.inject({ method: 'GET', url, headers: { cookie: `tiendo_session=${staff.cookie}` } });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-exp-')), `export.${url.includes('format=csv') ? 'csv' : 'xlsx'}`);
    fs.writeFileSync(file, response.rawPayload);
    return file;
  }

  it('round-trips employers and agreements: export → import changes nothing', async () => {
    const tni = await t.unitId('TNI');
    const employers = await upload(await download(`/api/employers/export?unitId=${tni}&format=xlsx`), tni);
    expect(employers).toMatchObject({ status: 'done', inserted: 0, updated: 0, rejected: 0 });
    expect(employers.unchanged).toBeGreaterThanOrEqual(2);

    const columns = [
      { key: 'cdcs', title: 'Mã CĐCS' },
      { key: 'number', title: 'Số thỏa ước' },
      { key: 'kind', title: 'Loại thỏa ước' },
      { key: 'signed', title: 'Ngày ký' },
      { key: 'from', title: 'Ngày có hiệu lực' },
      { key: 'to', title: 'Ngày hết hạn' },
      { key: 'quality', title: 'Xếp loại' },
      { key: 'better', title: 'Có lợi hơn luật' },
    ];
    const rows = [
      {
        cdcs: 'TNI-KCN-0001',
        number: '01/TƯ',
        kind: 'Doanh nghiệp',
        signed: '01/07/2025',
        from: '01/07/2025',
        to: '30/06/2028',
        quality: 'Loại B',
        better: 'x',
      },
      {
        cdcs: 'TNI-KCN-0002',
        number: '02/TƯ',
        kind: 'Ngành',
        signed: '01/01/2026',
        from: '15/01/2026',
        to: '14/01/2027',
        quality: 'A',
        better: '',
      },
      {
        cdcs: 'TNI-KCN-0003',
        number: '03/TƯ',
        kind: 'Doanh nghiệp',
        signed: '01/01/2026',
        from: '01/01/2026',
        to: '31/12/2030',
        quality: 'C',
        better: '',
      },
      {
        cdcs: 'KHONG-CO',
        number: '04/TƯ',
        kind: 'Doanh nghiệp',
        signed: '01/01/2026',
        from: '01/01/2026',
        to: '31/12/2026',
        quality: 'E',
        better: '',
      },
    ];
    const kcn = await t.unitId('TNI-KCN');
    const imported = await upload(await writeMemberFile(rows, 'xlsx', columns), kcn, 'agreements');
    expect(imported).toMatchObject({ rowsRead: 4, inserted: 2, rejected: 2 });
    const reasons = imported.rejections.map((r: { rowNumber: number; reason: string }) => `${r.rowNumber}: ${r.reason}`).join('\n');
    expect(reasons).toContain('4: Thời hạn thỏa ước lao động tập thể không quá 3 năm');
    expect(reasons).toContain('5: Không có công đoàn cơ sở mã "KHONG-CO"');
    expect(reasons).toContain('5: Xếp loại "E" không hợp lệ');
    const again = await upload(await download(`/api/agreements/export?unitId=${kcn}&format=csv`), kcn, 'agreements');
    expect(again).toMatchObject({ status: 'done', rowsRead: 2, inserted: 0, updated: 0, unchanged: 2, rejected: 0 });
  });
});
