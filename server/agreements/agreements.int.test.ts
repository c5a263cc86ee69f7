import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxCheckDigit } from '../../domain/registry/identity-codes.ts';
import { buildHistoricProvince } from '../../test/support/historic-province.ts';
import { createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';

function taxCode(seed: number): string {
  for (let n = seed; ; n++) {
    const first9 = String(100000000 + n).slice(0, 9);
    const check = taxCheckDigit(first9);
    if (check !== null) return `${first9}${check}`;
  }
}

describe.each(testDatabaseTargets())('employers and agreements on $kind', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let staff: Session;
  let unit: Record<string, number>;

  beforeAll(async () => {
    database = await target.open({ demo: 'province' });
    t = await createTestApp(database, `agreements-${target.kind}`);
    unit = await buildHistoricProvince(database, await t.unitId('TLD'));
    await t.addUser('phap.che', 'TST', ['union_staff']);
    staff = await t.login('phap.che');
  });

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const agree = async (cdcs: string, effectiveFrom: string, expiresOn: string, qualityClass: string | null, betterThanLaw = false) => {
    const r = await staff.send('POST', '/api/agreements', {
      cdcsUnitId: unit[cdcs],
      kind: 'enterprise',
      signedOn: effectiveFrom,
      effectiveFrom,
      expiresOn,
      qualityClass,
      betterThanLaw,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.id as number;
  };
  const count = async (code: string, date: string) => (await staff.get(`/api/agreements/count?unitId=${unit[code]}&date=${date}`)).body;

  it('counts agreements in force on 30/06/2025 exactly, after expiries and renewals', async () => {
    await agree('A', '2023-07-01', '2025-06-30', 'A', true); // last day in force is 30/06/2025
    await agree('B', '2022-07-01', '2025-06-29', 'B'); // expired the day before
    const d1 = await agree('D', '2024-01-01', '2026-12-31', 'C'); // renewed from 01/06/2025 ...
    const renewed = await staff.send('POST', `/api/agreements/${d1}/renew`, {
      kind: 'enterprise',
      signedOn: '2025-05-20',
      effectiveFrom: '2025-06-01',
      expiresOn: '2028-05-31',
      qualityClass: 'B',
      betterThanLaw: true,
    });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    await agree('B', '2025-07-01', '2027-06-30', 'A'); // not yet in force

    // Hand-computed for 30/06/2025: A's (class A, better), D's renewal (class B, better). D's first ended 31/05/2025.
    expect(await count('TST', '2025-06-30')).toMatchObject({ inForce: 2, classBOrBetter: 2, betterThanLaw: 2 });
    expect(await count('C1', '2025-06-30')).toMatchObject({ inForce: 1, classBOrBetter: 1 });
    expect(await count('TST', '2025-05-31')).toMatchObject({ inForce: 3, classBOrBetter: 2 }); // A's (A), B's (B), D's first (C)
    expect(await count('TST', '2025-07-01')).toMatchObject({ inForce: 2, classBOrBetter: 2 }); // D's renewal, B's new
    const first = (await staff.get(`/api/agreements/${d1}`)).body;
    expect(first.endedOn).toBe('2025-05-31');
    expect(renewed.body.renewsId).toBe(d1);
    const list = await staff.get(`/api/agreements?unitId=${unit.TST}&inForceOn=2025-06-30`);
    expect(list.body.items).toHaveLength(2);
  });

  it('stores the agreement file and refuses what is not a PDF or Word file', async () => {
    const id = await agree('A', '2025-07-01', '2026-06-30', 'B');
    const upload = (name: string, content: Buffer) => staff.upload('PUT', `/api/agreements/${id}/file`, name, content);
    const bad = await upload('thoa-uoc.pdf', Buffer.from('MZ this is an executable'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Tệp thỏa ước phải là tệp PDF hoặc Word \(\.docx\); hệ thống kiểm tra nội dung tệp/);
    const pdf = Buffer.from('%PDF-1.4\n% Thỏa ước lao động tập thể\n%%EOF\n');
    const ok = await upload('Thỏa ước 2025.pdf', pdf);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.file.name).toBe('Thỏa ước 2025.pdf');
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/agreements/${id}/file`,
      headers: { cookie: `tiendo_session=${staff.cookie}` },
    });
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('validates employers: tax code check digit, women ≤ workers, duplicates', async () => {
    const body = {
      taxCode: taxCode(1234),
      name: 'Công ty TNHH Dệt May Thử',
      sector: 'fdi',
      areaUnitId: unit.C1,
      cdcsUnitId: unit.A,
      workers: 500,
      womenWorkers: 320,
      workersCountedOn: '2025-12-31',
    };
    const created = await staff.send('POST', '/api/employers', body);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.sectorLabel).toBe('Doanh nghiệp có vốn đầu tư nước ngoài');
    expect((await staff.send('POST', '/api/employers', body)).body.error.code).toBe('TAX_CODE_EXISTS');
    const wrongCheck = await staff.send('POST', '/api/employers', {
      ...body,
      taxCode: `${body.taxCode.slice(0, 9)}${(Number(body.taxCode[9]) + 1) % 10}`,
    });
    expect(wrongCheck.body.error.message).toMatch(/Mã số thuế: Mã số thuế \d+ sai chữ số kiểm tra\./);
    const women = await staff.send('POST', '/api/employers', { ...body, taxCode: taxCode(5678), womenWorkers: 600 });
    expect(women.body.error.message).toBe('Số lao động nữ: Số lao động nữ lớn hơn tổng số lao động.');
    const search = await staff.get(`/api/employers?q=${encodeURIComponent('det may thu')}&unitId=${unit.TST}`);
    expect(search.body.items.map((e: { name: string }) => e.name)).toEqual(['Công ty TNHH Dệt May Thử']);
    const big = await staff.get(`/api/employers?unitId=${unit.TST}&minWorkers=501`);
    expect(big.body.items).toEqual([]);
  });
});
