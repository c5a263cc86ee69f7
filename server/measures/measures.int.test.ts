import { beforeAll, describe, expect, it } from 'vitest';
import { createDocument, createTarget } from '../../test/support/document-fixtures.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { taxCheckDigit } from '../../domain/registry/identity-codes.ts';
import { derivedElements } from '../progress/derived-elements.repository.ts';
import { useSessions } from '../http/session-test-fixtures.ts';

const DAY = '2026-06-30';
const q = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

describe.each(testDatabaseTargets())('measures the unions define themselves ($kind)', (target) => {
  const { database, t } = useTestApp(target, `measures-${target.kind}`);
  // admin: a system administrator of the province (the root of the demo tree); staff: union staff
  // of the province (reads, no measures.manage).
  const s = useSessions(t, { admin: 'quantri', staff: 'canbo.tinh' }, { tni: 'TNI', p01: 'TNI-P01' });
  let communeAdmin: Session; // system administrator of one commune

  beforeAll(async () => {
    // The demo tree and accounts; the few employers the derived elements count are made here.
    await t.addUser('quantri.p01.m', 'TNI-P01', ['system_admin']);
    communeAdmin = await t.login('quantri.p01.m');
    const [c1, c2, c3] = [await t.unitId('TNI-P01-0001'), await t.unitId('TNI-P01-0002'), await t.unitId('TNI-P01-0003')];
    const employers: [number, number | null, number][] = [
      [30000001, c1, 120],
      [30000002, c2, 25],
      [30000003, c3, 12],
      [30000004, null, 300],
    ];
    for (const [serial, cdcsUnitId, workers] of employers) {
      // A tax code with its check digit (prefixes without one are skipped).
      let prefix = serial;
      while (taxCheckDigit(`0${prefix}`) === null) prefix++;
      const taxCode = `0${prefix}${taxCheckDigit(`0${prefix}`)}`;
      const created = await s.staff.send('POST', '/api/employers', {
        taxCode,
        name: `Công ty thử ${taxCode}`,
        sector: 'private',
        areaUnitId: s.p01,
        cdcsUnitId,
        workers,
        workersCountedOn: '2026-01-15',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
    }
  });

  it('creates a reported element and a derived one counted with filters chosen from lists, equal to the registry count', async () => {
    const reported = await s.admin.send('POST', '/api/measures/elements', {
      name: 'Số doanh nghiệp tổ chức đối thoại định kỳ',
      unit: 'count',
      source: 'reported',
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect(reported.body).toMatchObject({
      code: 'so_doanh_nghiep_to_chuc_doi_thoai_dinh_ky',
      source: 'reported',
      owner: { id: s.tni },
      version: 1,
      usedBy: [],
      canEdit: true,
    });

    const derived = await s.admin.send('POST', '/api/measures/elements', {
      code: 'dn_co_cdcs_tu_25',
      name: 'Doanh nghiệp có CĐCS từ 25 lao động',
      unit: 'count',
      source: 'derived',
      definition: { registry: 'employers', measure: 'with_cdcs', minWorkers: 25, sectors: null },
    });
    expect(derived.status, JSON.stringify(derived.body)).toBe(201);
    expect(derived.body.definitionText).toBe('Đơn vị sử dụng lao động có CĐCS, từ 25 lao động trở lên');

    // The preview reads the custom element as the registry counts employers with a union from 25 workers.
    const preview = await s.staff.get(
      `/api/measures/indicators/preview?${q({ unit: 'count', numerator: '#{dn_co_cdcs_tu_25}', unitId: s.tni, date: DAY })}`,
    );
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const expected = (await derivedElements(database.db, s.tni, DAY, { sectors: null, minWorkers: 25 }, null)).get('employers_with_cdcs');
    expect(expected).toBeGreaterThan(0);
    expect(preview.body).toMatchObject({ value: expected, problems: [] });
    const all = (await derivedElements(database.db, s.tni, DAY, { sectors: null, minWorkers: null }, null)).get('employers_with_cdcs')!;
    expect(expected).toBeLessThan(all);
  });

  it('refuses a malformed derived definition, a taken code and an element outside the caller’s subtree, with a Vietnamese message', async () => {
    const bad = await s.admin.send('POST', '/api/measures/elements', {
      name: 'CĐCS lớn',
      unit: 'count',
      source: 'derived',
      definition: { registry: 'cdcs', measure: 'all', minWorkers: 25 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('MEASURE_INVALID');
    expect(bad.body.error.message).toContain('không lọc theo số lao động');
    const taken = await s.admin.send('POST', '/api/measures/elements', {
      code: 'members_active',
      name: 'Trùng mã',
      unit: 'count',
      source: 'reported',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('MEASURE_CODE_TAKEN');
    // A unit outside the caller's subtree is not found, as every out-of-scope record.
    const elsewhere = await communeAdmin.send('POST', '/api/measures/elements', {
      name: 'Của tỉnh',
      unit: 'count',
      source: 'reported',
      unitId: s.tni,
    });
    expect(elsewhere.status).toBe(404);
    // The same name as an existing element, accents and case aside: refused, naming the one to use.
    const sameName = await s.admin.send('POST', '/api/measures/elements', {
      name: '  số doanh nghiệp TỔ CHỨC đối thoại định kỳ ',
      unit: 'count',
      source: 'reported',
    });
    expect(sameName.status).toBe(409);
    expect(sameName.body.error.message).toContain('(mã so_doanh_nghiep_to_chuc_doi_thoai_dinh_ky)');
    const blank = await s.admin.send('POST', '/api/measures/elements', { name: '   ', unit: 'count', source: 'reported' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.code).toBe('MEASURE_NAME_REQUIRED');
    const noPermission = await s.staff.send('POST', '/api/measures/elements', { name: 'Không quyền', unit: 'count', source: 'reported' });
    expect(noPermission.status).toBe(403);
    const count = await database.db
      .selectFrom('data_element')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('name', 'in', ['CĐCS lớn', 'Trùng mã', 'Của tỉnh', 'Không quyền'])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('checks an indicator on save: unknown code, a division by a count inside a field, a cycle, a missing denominator', async () => {
    const post = (body: Record<string, unknown>) => s.admin.send('POST', '/api/measures/indicators', { unit: 'count', ...body });
    const unknown = await post({ name: 'Sai mã', numerator: '#{khong_co_ma_nay}' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.problems.map((p: { code: string }) => p.code)).toEqual(['UNKNOWN_CODE']);
    const division = await post({
      name: 'Chia trong tử số',
      unit: 'percent',
      numerator: '100 * #{cdcs_with_agreement} / #{cdcs}',
      denominator: '1',
    });
    expect(division.body.error.details.problems.map((p: { code: string }) => p.code)).toContain('DIVISION_IN_EXPRESSION');
    const noHundred = await post({ name: 'Quên nhân 100', unit: 'percent', numerator: '#{cdcs_with_agreement}', denominator: '#{cdcs}' });
    expect(noHundred.body.error.details.problems.map((p: { code: string }) => p.code)).toEqual(['PERCENT_FACTOR']);
    const noDenominator = await post({ name: 'Thiếu mẫu số', unit: 'percent', numerator: '100 * #{cdcs_with_agreement}' });
    expect(noDenominator.body.error.details.problems.map((p: { code: string }) => p.code)).toEqual(['DENOMINATOR_REQUIRED']);

    const a = await post({ code: 'dem_a', name: 'Đếm A', numerator: '#{cdcs}' });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const b = await post({ code: 'dem_b', name: 'Đếm B', numerator: '#{dem_a} + #{upper_units}' });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    // A reused indicator is read through: Đếm B = CĐCS + upper units.
    const previewB = await s.admin.get(
      `/api/measures/indicators/preview?${q({ unit: 'count', numerator: '#{dem_b}', unitId: s.p01, date: DAY })}`,
    );
    const raw = await derivedElements(database.db, s.p01, DAY, { sectors: null, minWorkers: null }, null);
    expect(previewB.body.value).toBe(raw.get('cdcs')! + raw.get('upper_units')!);
    const cycle = await s.admin.send('PATCH', '/api/measures/indicators/dem_a', { numerator: '#{dem_b}', reason: 'Thử vòng lặp' });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details.problems[0].code).toBe('CYCLE');
    expect(cycle.body.error.message).toContain('dem_a → dem_b → dem_a');
  });

  it('measures a target with the custom ratio, then refuses to delete or redefine what it uses, naming the users', async () => {
    const indicator = await s.admin.send('POST', '/api/measures/indicators', {
      name: 'Tỷ lệ doanh nghiệp tổ chức đối thoại',
      unit: 'percent',
      numerator: '100 * #{so_doanh_nghiep_to_chuc_doi_thoai_dinh_ky}',
      denominator: '#{dn_co_cdcs_tu_25}',
    });
    expect(indicator.status, JSON.stringify(indicator.body)).toBe(201);
    const code = indicator.body.code as string;
    const documentId = await createDocument(s.staff, {
      kind: 'ke_hoach',
      symbol: '12/KH-LĐLĐ',
      title: 'Kế hoạch đối thoại tại nơi làm việc',
      issuerUnitId: s.tni,
      issuedOn: '2026-01-10',
    });
    const created = await createTarget(s.staff, {
      documentId,
      unitId: s.tni,
      indicatorCode: code,
      comparator: '>=',
      value: 80,
      deadlineYear: 2028,
      subject: '80% doanh nghiệp tổ chức đối thoại định kỳ',
    });
    // No report yet: "chưa có số liệu", with the derived denominator counted.
    const card = (await s.staff.get(`/api/progress?unitId=${s.tni}&asOf=${DAY}`)).body.items.find(
      (i: { targetId: number }) => i.targetId === created.targetId,
    );
    expect(card.value).toBeNull();
    expect(card.elements.dn_co_cdcs_tu_25).toBeGreaterThan(0);

    const del = await s.admin.send('DELETE', '/api/measures/elements/dn_co_cdcs_tu_25');
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('MEASURE_IN_USE');
    expect(del.body.error.details.usedBy.map((u: { label: string }) => u.label)).toEqual(
      expect.arrayContaining([
        'Chỉ số «Tỷ lệ doanh nghiệp tổ chức đối thoại»',
        'Chỉ tiêu «80% doanh nghiệp tổ chức đối thoại định kỳ» của Liên đoàn Lao động tỉnh Tây Ninh',
      ]),
    );
    const redefine = await s.admin.send('PATCH', '/api/measures/elements/dn_co_cdcs_tu_25', {
      definition: { registry: 'employers', measure: 'with_cdcs', minWorkers: 50 },
      reason: 'Đổi ngưỡng',
    });
    expect(redefine.status).toBe(409);
    const delIndicator = await s.admin.send('DELETE', `/api/measures/indicators/${code}`);
    expect(delIndicator.status).toBe(409);
    expect(delIndicator.body.error.message).toContain('80% doanh nghiệp tổ chức đối thoại định kỳ');
    // Nothing changed.
    const element = await database.db
      .selectFrom('data_element')
      .selectAll()
      .where('code', '=', 'dn_co_cdcs_tu_25')
      .executeTakeFirstOrThrow();
    expect(element.definition).toEqual({ registry: 'employers', measure: 'with_cdcs', minWorkers: 25, sectors: null });
    expect(Number(element.version)).toBe(1);
  });

  it('renames with a reason as a new version, audited; a commune administrator cannot touch the province’s element', async () => {
    const renamed = await s.admin.send('PATCH', '/api/measures/elements/dn_co_cdcs_tu_25', {
      name: 'Doanh nghiệp có CĐCS (từ 25 lao động)',
      reason: 'Thống nhất cách gọi',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.version).toBe(2);
    const versions = await s.staff.get('/api/measures/elements/dn_co_cdcs_tu_25/versions');
    expect(versions.body.items.map((v: { version: number; reason: string | null }) => [v.version, v.reason])).toEqual([
      [2, 'Thống nhất cách gọi'],
      [1, null],
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('entity_id', '=', 'dn_co_cdcs_tu_25')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['measure.element_created', 'measure.element_updated']);
    const fromBelow = await communeAdmin.send('PATCH', '/api/measures/elements/dn_co_cdcs_tu_25', { name: 'Đổi từ xã', reason: 'thử' });
    expect(fromBelow.status).toBe(403);
    expect(fromBelow.body.error.code).toBe('MEASURE_NOT_EDITABLE');
    // The commune sees the province's element (usable in its subtree) but may not edit it.
    const seen = (await communeAdmin.get('/api/measures/elements')).body.items.find((e: { code: string }) => e.code === 'dn_co_cdcs_tu_25');
    expect(seen).toMatchObject({ canEdit: false, owner: { id: s.tni } });
  });

  it('keeps the built-in catalogue as data: the confederation renames a built-in indicator, no figure changes; a province may not', async () => {
    await t.addUser('quantri.tld.m', 'TLD', ['system_admin']);
    const confederation = await t.login('quantri.tld.m');
    const fromProvince = await s.admin.send('PATCH', '/api/measures/indicators/agreements_share', { name: 'Đổi từ tỉnh', reason: 'thử' });
    expect(fromProvince.status).toBe(403);
    const before = (
      await s.staff.get(
        `/api/measures/indicators/preview?${q({ unit: 'percent', numerator: '100 * #{cdcs_with_agreement}', denominator: '#{cdcs}', unitId: s.tni, date: DAY })}`,
      )
    ).body.value;
    const renamed = await confederation.send('PATCH', '/api/measures/indicators/agreements_share', {
      name: 'Tỷ lệ CĐCS có thỏa ước lao động tập thể',
      reason: 'Tên ngắn hơn',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ builtin: true, version: 2, numerator: '100 * #{cdcs_with_agreement}' });
    const after = (
      await s.staff.get(
        `/api/measures/indicators/preview?${q({ unit: 'percent', numerator: '100 * #{cdcs_with_agreement}', denominator: '#{cdcs}', unitId: s.tni, date: DAY })}`,
      )
    ).body.value;
    expect(after).toBe(before);
    const builtinMeaning = await confederation.send('PATCH', '/api/measures/elements/members_active', { unit: 'money', reason: 'thử' });
    expect(builtinMeaning.status).toBe(409);
  });
});
