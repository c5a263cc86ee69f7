import { beforeAll, describe, expect, it } from 'vitest';
import { taxCheckDigit } from '../../domain/registry/identity-codes.ts';
import { writeMemberFile, type MemberFileRow } from '../../test/support/member-files.ts';
import { uploadImport } from '../../test/support/import-upload.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';

/** `count` distinct valid tax codes (some 9-digit stems have no check digit and are skipped). */
function taxCodes(count: number): string[] {
  const codes: string[] = [];
  for (let i = 1; codes.length < count; i++) {
    const first9 = String(380000000 + i * 10);
    const check = taxCheckDigit(first9);
    if (check !== null) codes.push(`${first9}${check}`);
  }
  return codes;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Employers, CĐCS and agreements sorted the ways an officer chooses, paged through small pages:
 * the pages must follow the chosen order end to end, with no row skipped or shown twice.
 */
describe.each(testDatabaseTargets())('registry list sorts on $kind', (target) => {
  const { t } = useTestApp(target, `registry-sorts-${target.kind}`);
  let staff: Session;

  beforeAll(async () => {
    staff = await t.login('canbo.tinh');
  });

  async function upload(registry: string, rows: MemberFileRow[], columns: { key: string; title: string }[], unitId: number) {
    const file = await writeMemberFile(rows, 'xlsx', columns);
    const uploaded = await uploadImport(t, staff, registry, file, { unitId });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(202);
    const job = uploaded.body;
    expect(job, JSON.stringify(job.rejections)).toMatchObject({ status: 'done', rejected: 0 });
  }

  /** Every page of a list, following nextCursor; fails on a page that repeats a row. */
  async function allPages<T extends { id: number }>(url: string, limit: number): Promise<T[]> {
    const rows: T[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: Page<T> } = await staff.get(
        `${url}&limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      rows.push(...res.body.items);
      after = res.body.nextCursor;
      expect(++pages).toBeLessThan(200);
    } while (after);
    expect(new Set(rows.map((r) => r.id)).size, 'a row shown on two pages').toBe(rows.length);
    return rows;
  }

  it('sorts employers by name without accents, or by workers (largest first, unknown last), page after page', async () => {
    const p05 = await t.unitId('TNI-P05');
    // Names share "Công ty " and differ by their first letter once accents are gone: Đ sorts as D, Ê as E.
    const employers: [string, number | null][] = [
      ['Công ty Ê-đê Xanh', 40],
      ['Công ty Ánh Dương', 500],
      ['Công ty Đại Phát', 120],
      ['Công ty Bình An', 500],
      ['Công ty Cẩm Tú', null],
      ['Công ty Giang Sơn', 7],
      ['Công ty Hòa Bình', 500],
      ['Công ty Kim Long', 40],
      ['Công ty Lâm Viên', null],
      ['Công ty Mỹ Phước', 2300],
      ['Công ty Ngọc Trai', 0],
    ];
    const codes = taxCodes(employers.length);
    const rows = employers.map(([name, workers], i) => ({
      taxCode: codes[i]!,
      name,
      sector: 'Ngoài nhà nước',
      areaCode: 'TNI-P05',
      workers: workers === null ? '' : String(workers),
      counted: workers === null ? '' : '30/06/2026',
    }));
    await upload(
      'employers',
      rows,
      [
        { key: 'taxCode', title: 'Mã số thuế' },
        { key: 'name', title: 'Tên đơn vị' },
        { key: 'sector', title: 'Khu vực' },
        { key: 'areaCode', title: 'Mã công đoàn cấp trên' },
        { key: 'workers', title: 'Số lao động' },
        { key: 'counted', title: 'Ngày thống kê' },
      ],
      p05,
    );

    type E = { id: number; name: string; workers: number | null };
    const byName = await allPages<E>(`/api/employers?unitId=${p05}`, 3);
    expect(byName.map((e) => e.name)).toEqual([
      'Công ty Ánh Dương',
      'Công ty Bình An',
      'Công ty Cẩm Tú',
      'Công ty Đại Phát',
      'Công ty Ê-đê Xanh',
      'Công ty Giang Sơn',
      'Công ty Hòa Bình',
      'Công ty Kim Long',
      'Công ty Lâm Viên',
      'Công ty Mỹ Phước',
      'Công ty Ngọc Trai',
    ]);

    const byWorkers = await allPages<E>(`/api/employers?unitId=${p05}&sort=workers`, 3);
    expect(byWorkers.map((e) => e.workers)).toEqual([2300, 500, 500, 500, 120, 40, 40, 7, 0, null, null]);
    // Ties keep one stable order across page boundaries (the three 500s straddle pages 1 and 2).
    const ids = byWorkers.map((e) => e.id);
    expect(ids.slice(1, 4)).toEqual([...ids.slice(1, 4)].sort((a, b) => b - a));
    // One big page answers the same as many small ones.
    expect((await staff.get(`/api/employers?unitId=${p05}&sort=workers&limit=50`)).body.items.map((e: E) => e.id)).toEqual(ids);
    // Filters still apply within the order.
    expect((await allPages<E>(`/api/employers?unitId=${p05}&sort=workers&minWorkers=100`, 2)).map((e) => e.workers)).toEqual([
      2300, 500, 500, 500, 120,
    ]);
  });

  it('refuses a cursor taken in another order, and an unknown order, with a Vietnamese message', async () => {
    const p05 = await t.unitId('TNI-P05');
    const first = (await staff.get(`/api/employers?unitId=${p05}&sort=workers&limit=2`)).body as Page<unknown>;
    const mixed = await staff.get(`/api/employers?unitId=${p05}&sort=name&limit=2&after=${encodeURIComponent(first.nextCursor!)}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error).toMatchObject({
      code: 'CURSOR_INVALID',
      message: 'Con trỏ phân trang không hợp lệ. Hãy tải lại danh sách từ trang đầu.',
    });
    const unknown = await staff.get(`/api/employers?unitId=${p05}&sort=tax`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('sorts CĐCS by founding date, newest first with unknown dates last, page after page', async () => {
    const p05 = await t.unitId('TNI-P05');
    const founded = ['15/03/2021', '01/09/2025', '', '01/09/2025', '30/04/2010', '02/01/2024', '01/09/2025', '', '20/11/2018'];
    const rows = founded.map((date, i) => ({
      code: `TNI-P05-95${String(i).padStart(2, '0')}`,
      name: `Công đoàn cơ sở Sắp Xếp ${i + 1}`,
      parent: 'TNI-P05',
      sector: 'Ngoài nhà nước',
      founded: date,
    }));
    await upload(
      'grassroots',
      rows,
      [
        { key: 'code', title: 'Mã CĐCS' },
        { key: 'name', title: 'Tên công đoàn cơ sở' },
        { key: 'parent', title: 'Mã công đoàn cấp trên' },
        { key: 'sector', title: 'Khu vực' },
        { key: 'founded', title: 'Ngày thành lập' },
      ],
      p05,
    );

    type G = { id: number; code: string; foundedOn: string | null; name: string };
    const byFounded = await allPages<G>(`/api/grassroots?unitId=${p05}&status=active&sort=founded`, 4);
    const all = await allPages<G>(`/api/grassroots?unitId=${p05}&status=active`, 7);
    expect(byFounded.map((g) => g.id).sort()).toEqual(all.map((g) => g.id).sort()); // same rows, only the order differs
    const dated = byFounded.filter((g) => g.foundedOn !== null);
    expect(byFounded.slice(0, dated.length)).toEqual(dated); // every unknown date after every known one
    expect(dated.map((g) => g.code)).toEqual([
      'TNI-P05-9506',
      'TNI-P05-9503',
      'TNI-P05-9501',
      'TNI-P05-9505',
      'TNI-P05-9500',
      'TNI-P05-9508',
      'TNI-P05-9504',
    ]);
    expect(dated.map((g) => g.foundedOn)).toEqual([
      '2025-09-01',
      '2025-09-01',
      '2025-09-01',
      '2024-01-02',
      '2021-03-15',
      '2018-11-20',
      '2010-04-30',
    ]);
    // By name (the default), the same rows in unaccented name order.
    const names = all.map((g) => g.name);
    expect(names.indexOf('Công đoàn cơ sở Sắp Xếp 1')).toBeLessThan(names.indexOf('Công đoàn cơ sở Sắp Xếp 2'));
  });

  it('sorts agreements by the soonest last day first, page after page', async () => {
    const kcn = await t.unitId('TNI-KCN');
    const cdcs = ((await staff.get(`/api/grassroots?unitId=${kcn}&limit=7`)).body as Page<{ code: string }>).items.map((g) => g.code);
    expect(cdcs).toHaveLength(7);
    const terms: [string, string][] = [
      ['01/01/2025', '31/12/2027'],
      ['01/07/2024', '30/06/2026'],
      ['01/01/2026', '31/12/2026'],
      ['01/03/2025', '30/06/2026'],
      ['15/01/2026', '14/01/2029'],
      ['01/01/2023', '31/12/2025'],
      ['01/10/2025', '30/09/2027'],
    ];
    const rows = terms.map(([from, to], i) => ({ cdcs: cdcs[i]!, number: `${i + 1}/TƯ-SX`, signed: from, from, to }));
    await upload(
      'agreements',
      rows,
      [
        { key: 'cdcs', title: 'Mã CĐCS' },
        { key: 'number', title: 'Số thỏa ước' },
        { key: 'signed', title: 'Ngày ký' },
        { key: 'from', title: 'Ngày có hiệu lực' },
        { key: 'to', title: 'Ngày hết hạn' },
      ],
      kcn,
    );

    type A = { id: number; number: string; expiresOn: string };
    const bySoonest = await allPages<A>(`/api/agreements?unitId=${kcn}&sort=expiry`, 2);
    expect(bySoonest.map((a) => a.number)).toEqual(['6/TƯ-SX', '2/TƯ-SX', '4/TƯ-SX', '3/TƯ-SX', '7/TƯ-SX', '1/TƯ-SX', '5/TƯ-SX']);
    // The tie on 30/06/2026 keeps the order it was entered in, on both sides of a page boundary.
    expect(bySoonest[1]!.id).toBeLessThan(bySoonest[2]!.id);
    // The default order is unchanged (latest entered first), and the old afterId paging still works.
    const recent = await allPages<A>(`/api/agreements?unitId=${kcn}`, 3);
    expect(recent.map((a) => a.number)).toEqual(['7/TƯ-SX', '6/TƯ-SX', '5/TƯ-SX', '4/TƯ-SX', '3/TƯ-SX', '2/TƯ-SX', '1/TƯ-SX']);
    const first = (await staff.get(`/api/agreements?unitId=${kcn}&limit=3`)).body as { nextAfterId: number };
    const second = (await staff.get(`/api/agreements?unitId=${kcn}&limit=3&afterId=${first.nextAfterId}`)).body as Page<A>;
    expect(second.items.map((a) => a.number)).toEqual(['4/TƯ-SX', '3/TƯ-SX', '2/TƯ-SX']);
    // In force on a date, soonest to end first: what to renew next.
    const inForce = await allPages<A>(`/api/agreements?unitId=${kcn}&sort=expiry&inForceOn=2026-03-01`, 2);
    expect(inForce.map((a) => a.number)).toEqual(['2/TƯ-SX', '4/TƯ-SX', '3/TƯ-SX', '7/TƯ-SX', '1/TƯ-SX', '5/TƯ-SX']);
  });
});
