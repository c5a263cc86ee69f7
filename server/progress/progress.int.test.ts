import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../../domain/demo/demo-province.ts';
import { DEMO_TODAY, generateDemoRegistries } from '../../domain/demo/demo-registries.ts';
import { createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';

/** The oracle: the demo's own records, counted by hand in plain JavaScript. */
const province = generateDemoProvince(2025);
const registries = generateDemoRegistries(province);
const D = DEMO_TODAY;
const inInterval = (from: string, to: string | null) => from <= D && (to === null || to > D);
const membersOn = registries.members.filter((m) => m.history.some(([, from, to]) => inInterval(from, to))).length;
const big = registries.employers.filter((e) => e.workers >= 25);
const bigWithCdcs = big.filter((e) => e.cdcsCode !== null).length;
const cdcs = province.units.filter((u) => u.kind === 'grassroots');
const stateCdcs = cdcs.filter((u) => u.sector === 'hcsn' || u.sector === 'dnnn').length;
const withAgreement = new Set(registries.agreements.filter((a) => a.effectiveFrom <= D && D <= (a.endedOn ?? a.expiresOn)).map((a) => a.cdcsCode)).size;
const communes = province.units.filter((u) => u.kind === 'commune').map((u) => u.code);

describe.each(testDatabaseTargets())('targets of the gold programme computed on the demo province ($kind)', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let staff: Session;
  let tni: number;
  let documentId: number;

  beforeAll(async () => {
    database = await target.open();
    t = await createTestApp(database, `progress-${target.kind}`, { demoRegistries: true });
    staff = await t.login('canbo.tinh');
    tni = await t.unitId('TNI');
    const doc = await staff.send('POST', '/api/documents', {
      kind: 'chuong_trinh_hanh_dong', symbol: '05/CTr-LĐLĐ', title: 'Chương trình hành động thực hiện Nghị quyết Đại hội XI Công đoàn Việt Nam',
      issuerUnitId: tni, issuedOn: '2024-01-18', termFrom: 2023, termTo: 2028,
    });
    expect(doc.status, JSON.stringify(doc.body)).toBe(200);
    documentId = doc.body.id;
    // Reported figures of 2026 from three communes (the others have not reported).
    const reports: [string, string, number][] = [
      [communes[0]!, 'lawsuits_requested', 4], [communes[0]!, 'lawsuits_supported', 3],
      [communes[1]!, 'lawsuits_requested', 6], [communes[1]!, 'lawsuits_supported', 6],
      [communes[0]!, 'dissemination_reached', 900], [communes[0]!, 'dissemination_base', 1000],
      [communes[1]!, 'dissemination_reached', 700], [communes[1]!, 'dissemination_base', 2000],
      [communes[2]!, 'dissemination_reached', 950], [communes[2]!, 'dissemination_base', 1000],
      [communes[0]!, 'democracy_cdcs_state', 30], [communes[1]!, 'democracy_cdcs_state', 25],
      [communes[0]!, 'party_introduced', 40], [communes[1]!, 'party_introduced', 35], [communes[2]!, 'party_introduced', 20],
    ];
    for (const [code, element, value] of reports) {
      await database.db.insertInto('reported_value').values({
        unit_id: await t.unitId(code), element_code: element, period_code: '2026', period_start: '2026-01-01', period_end: '2026-12-31', value, state: 'accepted',
      }).execute();
    }
  }, 240_000);

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  async function add(body: Record<string, unknown>) {
    const r = await staff.send('POST', '/api/targets', { documentId, unitId: tni, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  }

  it('computes count and ratio targets from the registries, exactly as counted by hand', async () => {
    const members = await add({ indicatorCode: 'members', comparator: '>', value: 140000, deadlineYear: 2028, subject: 'đoàn viên công đoàn' });
    const unions = await add({ indicatorCode: 'employers_with_cdcs_share', comparator: '=', value: 100, deadlineYear: 2028, minWorkers: 25, subject: 'doanh nghiệp có từ 25 lao động trở lên thành lập công đoàn cơ sở' });
    const agreements = await add({ indicatorCode: 'agreements_share', comparator: '>=', value: 85, deadlineYear: 2028 });
    const progress = (await staff.get(`/api/progress?unitId=${tni}&asOf=${D}&documentId=${documentId}`)).body.items;
    const byId = new Map(progress.map((p: { targetId: number }) => [p.targetId, p]));

    expect(byId.get(members.targetId)).toMatchObject({ value: membersOn, measuredOn: D });
    const u = byId.get(unions.targetId) as { value: number; numerator: number; denominator: number };
    expect(u.denominator).toBe(big.length);
    expect(u.numerator).toBe(100 * bigWithCdcs);
    expect(u.value).toBeCloseTo((100 * bigWithCdcs) / big.length, 10);
    const a = byId.get(agreements.targetId) as { value: number; progress: { status: string } };
    expect(a.value).toBeCloseTo((100 * withAgreement) / cdcs.length, 10);
    expect((byId.get(members.targetId) as { progress: { status: string } }).progress.status).toBe('behind'); // ~52,600 of 140,000
  });

  it('sums reported parts before dividing (never averages children’s percentages) and shows who reported', async () => {
    const lawsuits = await add({ indicatorCode: 'lawsuits_supported_share', comparator: '>=', value: 90, deadlineYear: 2028 });
    const dissemination = await add({ indicatorCode: 'dissemination_share', comparator: '>', value: 90, annual: true });
    const progress = (await staff.get(`/api/progress?unitId=${tni}&asOf=${D}&documentId=${documentId}`)).body.items;
    const l = progress.find((p: { targetId: number }) => p.targetId === lawsuits.targetId);
    // (3 + 6) / (4 + 6) = 90%, whereas the average of 75% and 100% would be 87.5%.
    expect(l).toMatchObject({ numerator: 900, denominator: 10, value: 90, reportingUnits: 2, elements: { lawsuits_supported: 9, lawsuits_requested: 10 } });
    expect(l.progress.status).toBe('met');
    const d = progress.find((p: { targetId: number }) => p.targetId === dissemination.targetId);
    // 2,550 of 4,000 = 63.75%; averaging the communes' 90%, 35% and 95% would say 73.3%.
    expect(d).toMatchObject({ value: 63.75, reportingUnits: 3, timing: { kind: 'annual', year: 2026 } });
    expect(d.value).not.toBeCloseTo((90 + 35 + 95) / 3, 1);
  });

  it('narrows a denominator by sector, averages per CĐCS, and reports missing data as missing', async () => {
    const democracy = await add({ indicatorCode: 'democracy_state_share', comparator: '=', value: 100, annual: true, sectors: ['hcsn', 'dnnn'] });
    const party = await add({ indicatorCode: 'party_introduced_per_cdcs', comparator: '>=', value: 1, annual: true });
    const women = await add({ indicatorCode: 'women_committee_share', comparator: '>=', value: 80, annual: true });
    const progress = (await staff.get(`/api/progress?unitId=${tni}&asOf=${D}&documentId=${documentId}`)).body.items;
    const get = (id: number) => progress.find((p: { targetId: number }) => p.targetId === id);
    expect(get(democracy.targetId)).toMatchObject({ denominator: stateCdcs, numerator: 100 * 55 });
    expect(get(party.targetId).value).toBeCloseTo(95 / cdcs.length, 10);
    expect(get(party.targetId).progress.status).toBe('behind');
    expect(get(women.targetId)).toMatchObject({ value: null, progress: { status: 'no_data', statusLabel: 'Chưa có số liệu' } });
  });

  it('ranks the province’s children by achievement and draws the trend of a count over time', async () => {
    const unions = await add({ indicatorCode: 'employers_with_cdcs_share', comparator: '=', value: 100, deadlineYear: 2028, minWorkers: 25 });
    const breakdown = (await staff.get(`/api/targets/${unions.targetId}/breakdown?asOf=${D}`)).body.items;
    expect(breakdown).toHaveLength(province.units.filter((u) => u.parentCode === 'TNI').length);
    const shares = breakdown.map((b: { shareAchieved: number | null }) => b.shareAchieved).filter((x: number | null) => x !== null);
    expect(shares).toEqual([...shares].sort((a: number, b: number) => a - b)); // the weakest first
    // Each child's figure is its own counts (communes, the zone, CĐCS directly under the province):
    // their sums make the province's.
    const withData = breakdown.filter((b: { denominator: number | null }) => b.denominator !== null);
    expect(withData.reduce((s: number, b: { denominator: number }) => s + b.denominator, 0)).toBe(big.length);

    const members = (await staff.get(`/api/progress?unitId=${tni}&asOf=${D}&documentId=${documentId}`)).body.items.find((p: { indicator: { code: string } }) => p.indicator.code === 'members');
    const series = (await staff.get(`/api/targets/${members.targetId}/series?asOf=${D}`)).body.points;
    expect(series.at(-1)).toEqual({ date: D, value: membersOn });
    // The demo tree exists from the 2025 reform: the series starts there, and only grows by joins.
    expect(series[0].date >= '2025-07-01').toBe(true);
  });

  it('applies the province’s ratio targets to a commune, measured over the commune alone', async () => {
    const commune = await t.unitId(communes[1]!);
    const items = (await staff.get(`/api/progress?unitId=${commune}&asOf=${D}&documentId=${documentId}`)).body.items;
    const lawsuits = items.find((p: { indicator: { code: string } }) => p.indicator.code === 'lawsuits_supported_share');
    expect(lawsuits).toMatchObject({ value: 100, numerator: 600, denominator: 6 });
    // A count target of the province (140,000 members) is not the commune's.
    expect(items.some((p: { indicator: { code: string } }) => p.indicator.code === 'members')).toBe(false);
  });

  it('shows a member added in a CĐCS in the national, province and commune figures at the very next request', async () => {
    const national = await t.addUser('xem.toanquoc', 'TLD', ['viewer']).then(() => t.login('xem.toanquoc'));
    const commune = await t.unitId(communes[3]!);
    const cdcsId = await t.unitId(`${communes[3]!}-0001`);
    const count = async (unitId: number, who: Session) => (await who.get(`/api/members/count?unitId=${unitId}`)).body.members as number;
    const tld = await t.unitId('TLD');
    const before = [await count(tld, national), await count(tni, staff), await count(commune, staff)];
    const added = await staff.send('POST', '/api/members', {
      fullName: 'Nguyễn Văn Mới', gender: 'male', birthDate: '1995-04-04', cccd: '072095999999', joinedOn: '2026-01-05', cdcsUnitId: cdcsId,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const after = [await count(tld, national), await count(tni, staff), await count(commune, staff)];
    expect(after).toEqual(before.map((n) => n + 1));
  });
});
