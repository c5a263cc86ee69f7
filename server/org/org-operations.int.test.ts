import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregatedElements } from '../progress/aggregate-elements.repository.ts';
import { derivedElements } from '../progress/derived-elements.repository.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { buildReformProvinces, type ReformCode } from '../../test/support/reform-provinces.ts';
import { PLAN_FIELDS } from './restructure-file.ts';

const REFORM_PLAN = [
  'Thao tác,Mã đơn vị cũ,Mã đơn vị mới,Tên đơn vị mới,Loại đơn vị,Mã đơn vị cấp trên mới,Ngày hiệu lực',
  'Thành lập,,TSN,Liên đoàn Lao động tỉnh Sông Nhất,Tỉnh,TLD,01/07/2025',
  'Sáp nhập,TSA,TSN,,,,01/07/2025',
  'Sáp nhập,TSB,TSN,,,,01/07/2025',
  'Thành lập,,XA,Công đoàn xã An Thành,Xã,TSN,01/07/2025',
  'Thành lập,,XB,Công đoàn phường Bình Thành,Phường,TSN,01/07/2025',
  'Giải thể,HA1,XA,,,,01/07/2025',
  'Giải thể,HA2,XA,,,,01/07/2025',
  'Giải thể,HB1,XB,,,,01/07/2025',
  'Chuyển,A21,,,,XB,01/07/2025',
].join('\n');

const DATES = ['2021-12-31', '2024-12-31', '2025-06-30', '2025-07-01', '2025-12-31', '2026-06-30'];

describe.each(testDatabaseTargets())('organisation operations on $kind', (target) => {
  const { database, t } = useTestApp(target, `org-operations-${target.kind}`);
  let staff: Session;
  let unit: Record<ReformCode, number>;
  let tld: number;

  beforeAll(async () => {
    tld = await t.unitId('TLD');
    unit = await buildReformProvinces(database, tld);
    await t.addUser('ban.tochuc', 'TLD', ['union_staff']);
    staff = await t.login('ban.tochuc');
  }, 120_000);

  async function uploadPlan(csv: string | Buffer, dryRun: boolean) {
    const content = typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv;
    return staff.upload('POST', `/api/org/restructure-plans${dryRun ? '?dryRun=true' : ''}`, 'ke-hoach.csv', content);
  }

  const members = async (unitId: number, date: string, via = false) =>
    (await staff.get(`/api/members/count?unitId=${unitId}&date=${date}${via ? '&viaPredecessors=true' : ''}`)).body.members as number;
  /** Members, CĐCS and CĐCS with an agreement in force, of a subtree on a date, from the raw registries. */
  const figures = async (unitId: number, date: string) => {
    const v = await derivedElements(database.db, unitId, date, { sectors: null, minWorkers: null }, null);
    return { members: v.get('members_active'), cdcs: v.get('cdcs'), agreements: v.get('cdcs_with_agreement') };
  };
  /** Everything the tree, the successions and the employers' areas hold: "nothing changed" is this being equal. */
  const snapshot = async () => {
    const rows = await sql<{ t: string }>`
      SELECT (SELECT string_agg(concat_ws('|', id, unit_id, parent_id, path, valid_from, valid_to), ';' ORDER BY id) FROM org_placement)
          || (SELECT coalesce(string_agg(concat_ws('|', id, code, name, valid_to), ';' ORDER BY id), '') FROM org_unit)
          || (SELECT coalesce(string_agg(concat_ws('|', predecessor_id, successor_id), ';' ORDER BY id), '') FROM org_succession)
          || (SELECT coalesce(string_agg(concat_ws('|', id, area_unit_id), ';' ORDER BY id), '') FROM employer) AS t`.execute(database.db);
    return rows.rows[0]!.t;
  };

  const before = new Map<string, unknown>();

  it('previews the reform plan file without writing: units created, merged, dissolved, moved; members and employers that change upper unit; what was left to defaults', async () => {
    for (const date of DATES) {
      before.set(`TLD ${date}`, await figures(tld, date));
      before.set(`TSA ${date}`, await figures(unit.TSA, date));
      before.set(`TSB ${date}`, await figures(unit.TSB, date));
      before.set(`HA1 ${date}`, await figures(unit.HA1, date));
    }
    const state = await snapshot();
    const { status, body } = await uploadPlan(REFORM_PLAN, true);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ valid: true, applied: false, date: '2025-07-01', problems: [] });
    expect(body.created.map((c: { code: string }) => c.code).sort()).toEqual(['TSN', 'XA', 'XB']);
    expect(body.merged.map((m: { code: string; into: { code: string }[] }) => [m.code, m.into[0]!.code])).toEqual([
      ['TSA', 'TSN'],
      ['TSB', 'TSN'],
    ]);
    expect(body.dissolved.map((d: { code: string; childrenTo: { code: string } }) => [d.code, d.childrenTo.code])).toEqual([
      ['HA1', 'XA'],
      ['HA2', 'XA'],
      ['HB1', 'XB'],
    ]);
    expect(body.moved.map((m: { code: string; to: { code: string } }) => `${m.code}→${m.to.code}`).sort()).toEqual([
      'A11→XA',
      'A12→XA',
      'A21→XB',
      'B11→XB',
      'B12→XB',
    ]);
    // On 01/07/2025: A11 7, A12 4, A21 5, B11 6, B12 3 + 2.
    expect(body.membersChangingUpper).toBe(27);
    expect(body.cdcsChangingUpper).toBe(5);
    expect(body.employersChangingAreaCount).toBe(5);
    expect(body.employersChangingArea.find((e: { taxCode: string }) => e.taxCode === '3700000021').to.code).toBe('XB');
    expect(body.unmapped.map((u: { code: string }) => u.code)).toContain('3700000099');
    expect(await snapshot()).toBe(state);
  });

  it('applies the reform in one operation: totals of members, CĐCS and agreements on every date are exactly preserved, and past figures of the old provinces are unchanged', async () => {
    const { status, body } = await uploadPlan(REFORM_PLAN, false);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.applied).toBe(true);
    const tsn = await t.unitId('TSN');

    for (const date of DATES) {
      expect(await figures(tld, date), `nation on ${date}`).toEqual(before.get(`TLD ${date}`));
    }
    // The past, along the tree as it stood then: the old provinces and district keep their figures.
    for (const date of ['2021-12-31', '2024-12-31', '2025-06-30']) {
      expect(await figures(unit.TSA, date), `TSA on ${date}`).toEqual(before.get(`TSA ${date}`));
      expect(await figures(unit.TSB, date), `TSB on ${date}`).toEqual(before.get(`TSB ${date}`));
      expect(await figures(unit.HA1, date), `HA1 on ${date}`).toEqual(before.get(`HA1 ${date}`));
    }
    // From the reform on, the new province holds what both held, and the old ones no longer exist.
    const sum = (a: { members?: number | null; cdcs?: number | null; agreements?: number | null }, b: typeof a) => ({
      members: a.members! + b.members!,
      cdcs: a.cdcs! + b.cdcs!,
      agreements: a.agreements! + b.agreements!,
    });
    expect(await figures(tsn, '2025-07-01')).toEqual(sum(before.get('TSA 2025-07-01') as never, before.get('TSB 2025-07-01') as never));
    expect(await members(unit.TSA, '2025-07-01')).toBe(0);
    expect((await staff.get(`/api/org/units/${unit.HA1}?asOf=2025-07-01`)).status).toBe(404);
    const children = (await staff.get(`/api/org/units/${tsn}/children?asOf=2025-07-01`)).body.items.map((c: { code: string }) => c.code);
    expect(children.sort()).toEqual(['XA', 'XB']);
    const xb = (await staff.get(`/api/org/units/${await t.unitId('XB')}/children?asOf=2025-07-01`)).body.items.map(
      (c: { code: string }) => c.code,
    );
    expect(xb.sort()).toEqual(['A21', 'B11', 'B12']);

    // The progress aggregates (kept by triggers) agree with the raw registries after the moves.
    for (const [unitId, date] of [
      [tld, '2024-12-31'],
      [tld, '2025-12-31'],
      [tsn, '2025-12-31'],
      [unit.TSA, '2024-12-31'],
      [await t.unitId('XA'), '2026-06-30'],
    ] as const) {
      const fast = (await aggregatedElements(database.db, [unitId], date, { sectors: null, minWorkers: null }, null)).get(unitId)!;
      const raw = await derivedElements(database.db, unitId, date, { sectors: null, minWorkers: null }, null);
      for (const key of ['members_active', 'cdcs', 'cdcs_with_agreement', 'upper_units', 'employers']) {
        expect(fast.get(key), `${key} of ${unitId} on ${date}`).toBe(raw.get(key));
      }
    }
    const audit = await database.db.selectFrom('audit_log').where('action', '=', 'org.restructure').selectAll().execute();
    expect(audit).toHaveLength(1);
  });

  it('answers the merged province on 31/12/2024 as the sum of its two predecessors when asked to', async () => {
    const tsn = await t.unitId('TSN');
    const a = await members(unit.TSA, '2024-12-31');
    const b = await members(unit.TSB, '2024-12-31');
    expect(a).toBe(16); // A11 7 + A12 4 + A21 5 (two of A11 left on 01/10/2024)
    expect(b).toBe(9); // B11 6 + B12 3 (joined on 31/12/2024)
    expect(await members(tsn, '2024-12-31')).toBe(0); // it did not exist yet
    const via = await staff.get(`/api/members/count?unitId=${tsn}&date=2024-12-31&viaPredecessors=true`);
    expect(via.body.members).toBe(a + b);
    expect(via.body.summedUnitIds).toEqual([unit.TSA, unit.TSB].sort((x, y) => x - y));
    // After the reform the option changes nothing: the province itself is counted.
    expect(await members(tsn, '2025-12-31', true)).toBe(await members(tsn, '2025-12-31'));
  });

  it('shows a unit history: names, places and successions', async () => {
    const tsn = await t.unitId('TSN');
    const history = (await staff.get(`/api/org/units/${tsn}/history`)).body;
    expect(history.events.map((e: { type: string; date: string }) => `${e.date} ${e.type}`)).toEqual([
      '2025-07-01 founded',
      '2025-07-01 predecessor',
      '2025-07-01 predecessor',
      '2025-07-01 placement',
    ]);
    const ha1 = (await staff.get(`/api/org/units/${unit.HA1}/history`)).body;
    expect(ha1.events.at(-1).text).toBe('Chấm dứt hoạt động từ ngày 01/07/2025');
    expect(ha1.events.find((e: { type: string }) => e.type === 'successor').text).toContain('Công đoàn xã An Thành (XA)');

    const renamed = await staff.send('POST', '/api/org/operations', {
      kind: 'rename',
      date: '2026-01-01',
      code: 'XA',
      name: 'Công đoàn xã An Thành Mới',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const xa = (await staff.get(`/api/org/units/${await t.unitId('XA')}/history`)).body;
    expect(
      xa.events.filter((e: { type: string }) => e.type === 'founded' || e.type === 'name').map((e: { text: string }) => e.text),
    ).toEqual(['Bắt đầu hoạt động với tên "Công đoàn xã An Thành"', 'Đổi tên thành "Công đoàn xã An Thành Mới"']);
  });

  it('refuses an invalid plan as a whole, listing every problem (cycle, unmapped unit, overlapping dates, unknown code), and changes nothing', async () => {
    const state = await snapshot();
    const plan = [
      'Thao tác,Mã đơn vị cũ,Mã đơn vị mới,Tên đơn vị mới,Loại đơn vị,Mã đơn vị cấp trên mới,Ngày hiệu lực',
      'Chuyển,XA,,,,A11,01/03/2026', // XA under its own CĐCS: a cycle
      'Thành lập,,XC,Công đoàn xã Cát,Xã,TSN,01/03/2026',
      'Thành lập,,XD,Công đoàn xã Dương,Xã,TSN,01/03/2026',
      'Chia tách,XB,XC,,,,01/03/2026',
      'Chia tách,XB,XD,,,,01/03/2026',
      'Chuyển,A21,,,,XC,01/03/2026', // B11 and B12 are left unmapped
      'Chuyển,A12,,,,XB,01/03/2025', // another date: one plan, one date
      'Chuyển,KHONGCO,,,,XA,01/03/2026',
      'Sắp xếp lại,A11,,,,XA,01/03/2026', // an operation nobody knows
    ].join('\n');
    const preview = await uploadPlan(plan, true);
    expect(preview.status).toBe(200);
    expect(preview.body.valid).toBe(false);
    const applied = await uploadPlan(plan, false);
    expect(applied.status).toBe(400);
    expect(applied.body.error.code).toBe('PLAN_INVALID');
    expect(applied.body.error.message).toMatch(/không có thay đổi nào được ghi/);
    // The file's unreadable row is reported first; the rest of the plan is then also checked.
    expect(applied.body.error.issues.map((i: { path: string }) => i.path)).toContain('dòng 10');

    const date = '2026-03-01';
    const valid = plan
      .split('\n')
      .filter((l) => !l.startsWith('Sắp xếp lại'))
      .join('\n');
    const checked = await uploadPlan(valid, false);
    expect(checked.status).toBe(400);
    const messages = checked.body.error.issues.map((i: { message: string }) => i.message).join('\n');
    expect(messages).toMatch(/vòng lặp/);
    expect(messages).toMatch(/"B11".*chưa được giao/);
    expect(messages).toMatch(/"B12".*chưa được giao/);
    expect(messages).toMatch(/khác ngày của kế hoạch/);
    expect(messages).toMatch(/"KHONGCO" không có trong cây tổ chức/);
    expect(date).toBe('2026-03-01');

    // Overlap: a change dated before one already recorded (the reform of 01/07/2025).
    const overlap = await staff.send('POST', '/api/org/operations', { kind: 'move', date: '2025-01-01', code: 'A12', parentCode: 'HA2' });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.issues[0].message).toMatch(/01\/07\/2025.*chồng lấn/);
    expect(await snapshot()).toBe(state);
  });

  it('names the row of every problem of a plan file, also of units that have no row of their own', async () => {
    const header = 'Thao tác,Mã đơn vị cũ,Mã đơn vị mới,Tên đơn vị mới,Loại đơn vị,Mã đơn vị cấp trên mới,Ngày hiệu lực';
    const plan = [
      header,
      'Chuyển,XA,,,,A11,01/03/2026', // a cycle
      'Thành lập,,XC,Công đoàn xã Cát,Xã,TSN,01/03/2026',
      'Chia tách,XB,XC,,,,01/03/2026', // B11, B12 and A21 left unmapped: named on this row
      'Chuyển,A12,,,,XC,01/03/2025', // another date
      'Chuyển,KHONGCO,,,,XA,01/03/2026',
      'Thành lập,,XC,Trùng mã,Xã,TSN,01/03/2026', // a code already used in the plan
      'Sắp xếp lại,A11,,,,XA,01/03/2026',
      'Thành lập,,XE,Công đoàn xã E,Không rõ,TSN,01/03/2026',
    ].join('\n');
    const { status, body } = await uploadPlan(plan, true);
    expect(status).toBe(200);
    expect(body.valid).toBe(false);
    const problems = body.problems as { row: number | null; message: string }[];
    expect(problems.length).toBeGreaterThanOrEqual(8);
    for (const p of problems) {
      expect(p.row, p.message).not.toBeNull();
      expect(p.message).toMatch(new RegExp(`^Dòng ${p.row}[:, (]`));
    }
    expect(new Set(problems.map((p) => p.row))).toEqual(new Set([2, 4, 5, 6, 7, 8, 9]));

    // Units moved by default (XB's CĐCS, sent after XB to a CĐCS, where a CĐCS cannot sit) are named on the row that moved them.
    const byDefault = await uploadPlan([header, 'Giải thể,XB,A11,,,,01/03/2026'].join('\n'), true);
    expect(byDefault.body.valid).toBe(false);
    const refused = byDefault.body.problems as { row: number | null; code: string; message: string }[];
    expect(refused.map((p) => p.code).sort()).toEqual(['A21', 'B11', 'B12']);
    for (const p of refused) expect(p.message).toMatch(/^Dòng 2: .*không thể trực thuộc/);
  });

  it('gives a plan template: the columns it reads, an example row and a notes sheet; filled as given, it is read', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: '/api/org/restructure-plans/template',
      headers: { cookie: `tiendo_session=${staff.cookie}` },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toBe('attachment; filename="mau-ke-hoach-sap-xep.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Kế hoạch', 'Hướng dẫn']);
    const values = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(values(sheet.getRow(1))).toEqual(PLAN_FIELDS.map((f) => f.label));
    expect(values(sheet.getRow(2))).toEqual(['Sáp nhập', 'TNI-P02', 'TNI-P01', '', '', '', '01/07/2026']);
    const notes = workbook.worksheets[1]!;
    const noteText = Array.from({ length: notes.rowCount }, (_, i) => values(notes.getRow(i + 1)).join(' | ')).join('\n');
    for (const f of PLAN_FIELDS) expect(noteText).toContain(f.label);
    expect(noteText).toMatch(/Thành lập, Đổi tên, Chuyển, Sáp nhập, Chia tách hoặc Giải thể/);
    // Uploaded unchanged, it is read and previewed: the example merges two wards of the demo province.
    const read = await uploadPlan(r.rawPayload, true);
    expect(read.body, JSON.stringify(read.body.problems)).toMatchObject({ valid: true, applied: false, date: '2026-07-01' });
    expect(read.body.merged.map((m: { code: string; into: { code: string }[] }) => [m.code, m.into[0]!.code])).toEqual([
      ['TNI-P02', 'TNI-P01'],
    ]);
    const viewer = await t.login('xem.tinh');
    expect((await viewer.get('/api/org/restructure-plans/template')).status).toBe(403);
  });

  it('combines the merged provinces targets into the successor: counts summed, shares recomputed from their parts, each naming its sources', async () => {
    const tsn = await t.unitId('TSN');
    const doc = await database.db
      .insertInto('plan_document')
      .values({ kind: 'KH', title: 'Kế hoạch thử', issuer_unit_id: tld } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const add = async (unitId: number, indicator: string, value: number) =>
      Number(
        (
          await database.db
            .insertInto('target')
            .values({
              document_id: Number(doc.id),
              unit_id: unitId,
              indicator_code: indicator,
              comparator: '>=',
              value,
              timing: 'deadline',
              deadline: '2028-12-31',
              subject: indicator,
            } as never)
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const a1 = await add(unit.TSA, 'members', 100);
    const b1 = await add(unit.TSB, 'members', 50);
    const a2 = await add(unit.TSA, 'agreements_share', 80);
    const b2 = await add(unit.TSB, 'agreements_share', 60);
    const r = await staff.send('POST', '/api/org/targets/carry', {
      date: '2025-07-01',
      fromCodes: ['TSA', 'TSB'],
      toCode: 'TSN',
      mode: 'combine',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const byIndicator = Object.fromEntries(r.body.created.map((c: { indicatorCode: string }) => [c.indicatorCode, c]));
    expect(byIndicator.members).toMatchObject({ value: 150, combinedFrom: [a1, b1] });
    // On 30/06/2025 TSA had 3 CĐCS, TSB 2: (80 × 3 + 60 × 2) / 5 = 72.
    expect(byIndicator.agreements_share).toMatchObject({ value: 72, combinedFrom: [a2, b2] });
    expect(byIndicator.agreements_share.note).toMatch(/TSA 80% trên 3, TSB 60% trên 2/);
    const rows = await database.db.selectFrom('target').where('unit_id', '=', tsn).selectAll().execute();
    expect(rows).toHaveLength(2);
    const closed = await database.db
      .selectFrom('target')
      .where('id', 'in', [a1, b1, a2, b2])
      .select(['closed_on', 'closed_reason'])
      .execute();
    expect(closed.every((c) => c.closed_on === '2025-07-01' && /Sông Nhất/.test(c.closed_reason ?? ''))).toBe(true);
  });
});
