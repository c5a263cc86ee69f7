import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../../domain/demo/demo-province.ts';
import { DEMO_TODAY, generateDemoRegistries } from '../../domain/demo/demo-registries.ts';
import { REFORM_DATE } from '../../domain/demo/demo-province.ts';
import { judge, type Comparator } from '../../domain/indicators/progress.ts';
import { createDocument, createTarget, typedProgramme05 } from '../../test/support/document-fixtures.ts';
import { insertAcceptedFigures2026 } from '../../test/support/report-fixtures.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { targetOwners } from '../notifications/scheduled-notifications.repository.ts';
import { ProgressService } from './progress.service.ts';

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
const withAgreement = new Set(
  registries.agreements.filter((a) => a.effectiveFrom <= D && D <= (a.endedOn ?? a.expiresOn)).map((a) => a.cdcsCode),
).size;
const communes = province.units.filter((u) => u.kind === 'commune').map((u) => u.code);

describe.each(testDatabaseTargets())('targets of the gold programme computed on the demo province ($kind)', (target) => {
  const { database, t } = useTestApp(target, `progress-${target.kind}`, { demoRegistries: true });
  let staff: Session;
  let tni: number;
  let documentId: number;

  beforeAll(async () => {
    staff = await t.login('canbo.tinh');
    tni = await t.unitId('TNI');
    documentId = await createDocument(staff, typedProgramme05(tni));
    // Reported figures of 2026 from three communes (the others have not reported).
    const reports: [string, string, number][] = [
      [communes[0]!, 'lawsuits_requested', 4],
      [communes[0]!, 'lawsuits_supported', 3],
      [communes[1]!, 'lawsuits_requested', 6],
      [communes[1]!, 'lawsuits_supported', 6],
      [communes[0]!, 'dissemination_reached', 900],
      [communes[0]!, 'dissemination_base', 1000],
      [communes[1]!, 'dissemination_reached', 700],
      [communes[1]!, 'dissemination_base', 2000],
      [communes[2]!, 'dissemination_reached', 950],
      [communes[2]!, 'dissemination_base', 1000],
      [communes[0]!, 'democracy_cdcs_state', 30],
      [communes[1]!, 'democracy_cdcs_state', 25],
      [communes[0]!, 'party_introduced', 40],
      [communes[1]!, 'party_introduced', 35],
      [communes[2]!, 'party_introduced', 20],
    ];
    await insertAcceptedFigures2026(t, database, reports);
  }, 240_000);

  const add = (body: Record<string, unknown>) => createTarget(staff, { documentId, unitId: tni, ...body });

  /** A plan of the province typed in by hand, with one province target of its own. */
  async function planWithTarget(plan: { symbol: string; title: string; issuedOn: string }, target: Record<string, unknown>) {
    const doc = await createDocument(staff, { kind: 'ke_hoach', issuerUnitId: tni, ...plan });
    return { doc, target: await createTarget(staff, { documentId: doc, unitId: tni, ...target }) };
  }

  it('computes count and ratio targets from the registries, exactly as counted by hand', async () => {
    const members = await add({
      indicatorCode: 'members',
      comparator: '>',
      value: 140000,
      deadlineYear: 2028,
      subject: 'đoàn viên công đoàn',
    });
    const unions = await add({
      indicatorCode: 'employers_with_cdcs_share',
      comparator: '=',
      value: 100,
      deadlineYear: 2028,
      minWorkers: 25,
      subject: 'doanh nghiệp có từ 25 lao động trở lên thành lập công đoàn cơ sở',
    });
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
    expect(l).toMatchObject({
      numerator: 900,
      denominator: 10,
      value: 90,
      reportingUnits: 2,
      elements: { lawsuits_supported: 9, lawsuits_requested: 10 },
    });
    expect(l.progress.status).toBe('met');
    const d = progress.find((p: { targetId: number }) => p.targetId === dissemination.targetId);
    // 2,550 of 4,000 = 63.75%; averaging the communes' 90%, 35% and 95% would say 73.3%.
    expect(d).toMatchObject({ value: 63.75, reportingUnits: 3, timing: { kind: 'annual', year: 2026 } });
    expect(d.value).not.toBeCloseTo((90 + 35 + 95) / 3, 1);
  });

  it('narrows a denominator by sector, averages per CĐCS, and reports missing data as missing', async () => {
    const democracy = await add({
      indicatorCode: 'democracy_state_share',
      comparator: '=',
      value: 100,
      annual: true,
      sectors: ['hcsn', 'dnnn'],
    });
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
    const unions = await add({
      indicatorCode: 'employers_with_cdcs_share',
      comparator: '=',
      value: 100,
      deadlineYear: 2028,
      minWorkers: 25,
    });
    const breakdown = (await staff.get(`/api/targets/${unions.targetId}/breakdown?asOf=${D}`)).body.items;
    expect(breakdown).toHaveLength(province.units.filter((u) => u.parentCode === 'TNI').length);
    // Issue 16: lagging children first, then the others, each group weakest first (was: by share alone).
    const lagging = (b: { status: string }) => b.status === 'behind' || b.status === 'missed';
    const groups = [breakdown.filter(lagging), breakdown.filter((b: { status: string }) => !lagging(b) && b.status !== 'no_data')];
    expect(breakdown.slice(0, groups[0].length)).toEqual(groups[0]);
    for (const g of groups) {
      const shares = g.map((b: { shareAchieved: number | null }) => b.shareAchieved).filter((x: number | null) => x !== null);
      expect(shares).toEqual([...shares].sort((a: number, b: number) => a - b)); // the weakest first
    }
    expect(breakdown.every((b: { basis: string }) => b.basis === 'ratio')).toBe(true);
    // Each child's figure is its own counts (communes, the zone, CĐCS directly under the province):
    // their sums make the province's.
    const withData = breakdown.filter((b: { denominator: number | null }) => b.denominator !== null);
    expect(withData.reduce((s: number, b: { denominator: number }) => s + b.denominator, 0)).toBe(big.length);

    const members = (await staff.get(`/api/progress?unitId=${tni}&asOf=${D}&documentId=${documentId}`)).body.items.find(
      (p: { indicator: { code: string } }) => p.indicator.code === 'members',
    );
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

  it('computes every target of gold 000 and gold 001, each entered against its catalogue indicator, with the value and status worked out by hand', async () => {
    // Hand counts: the demo tree exists from the 2025 reform on, so nothing is counted before it.
    const placed = (d: string) => d >= REFORM_DATE;
    const members = (d: string) =>
      placed(d) ? registries.members.filter((m) => m.history.some(([, from, to]) => from <= d && (to === null || to > d))).length : null;
    const agreementShare = (d: string) => {
      if (!placed(d)) return null;
      const covered = new Set(
        registries.agreements.filter((a) => a.effectiveFrom <= d && d <= (a.endedOn ?? a.expiresOn)).map((a) => a.cdcsCode),
      );
      return (100 * covered.size) / cdcs.length;
    };
    const upper = province.units.filter((u) => ['commune', 'industrial_zone', 'local_sector', 'district'].includes(u.kind)).length;
    const nonStateCdcs = cdcs.filter((u) => u.sector === 'private' || u.sector === 'fdi').length;
    const enterpriseCdcs = cdcs.filter((u) => u.sector !== 'hcsn').length;

    // Reported figures of 2026 for the remaining gold-000 subjects, from two communes.
    const reports: [number, string, number][] = [
      [0, 'skills_learners', 700],
      [0, 'skills_base', 1000],
      [1, 'skills_learners', 500],
      [1, 'skills_base', 1000],
      [0, 'democracy_cdcs_nonstate', 200],
      [1, 'democracy_cdcs_nonstate', 100],
      [0, 'chairs_new', 10],
      [0, 'chairs_new_trained', 10],
      [1, 'chairs_new', 5],
      [1, 'chairs_new_trained', 5],
      [0, 'rated_good_upper', 6],
      [1, 'rated_good_upper', 5],
      [0, 'rated_good_cdcs_state', 20],
      [1, 'rated_good_cdcs_nonstate', 30],
      [0, 'fin_inspection_on_schedule', 4],
      [1, 'fin_inspection_on_schedule', 3],
      [0, 'cdcs_fin_inspected', 60],
      [1, 'cdcs_fin_inspected', 40],
    ];
    await insertAcceptedFigures2026(
      t,
      database,
      reports.map(([i, element, value]) => [communes[i]!, element, value] as const),
    );
    const sum = (element: string) => reports.filter(([, e]) => e === element).reduce((total, [, , v]) => total + v, 0);

    const gold000 = await createDocument(staff, typedProgramme05(tni, 'Chương trình hành động (gold 000, các chỉ tiêu còn lại)'));
    const gold001 = (
      await staff.send('POST', '/api/documents', {
        kind: 'ke_hoach',
        symbol: '61-KH/TU',
        title: 'Kế hoạch thực hiện Nghị quyết 02-NQ/TW (gold 001)',
        issuerUnitId: tni,
        issuedOn: '2021-10-21',
      })
    ).body.id as number;
    const elapsed2026 = (Date.parse(D) - Date.parse('2026-01-01')) / (Date.parse('2026-12-31') - Date.parse('2026-01-01'));
    type Case = {
      doc: number;
      indicatorCode: string;
      comparator: Comparator;
      value: number;
      deadlineYear?: number;
      annual?: boolean;
      sectors?: string[];
      expected: number | null;
      status: string;
      measuredOn?: string;
    };
    // Annual reported targets on 15/11/2026 without a history: met, else on the straight path to 31/12 (87% of the year gone).
    const annual = (v: number, target: number) => (v >= target ? 'met' : v >= target * elapsed2026 ? 'on_track' : 'behind');
    const cases: Case[] = [
      // Gold 000, the subjects not covered above (members, the 25-worker share, agreements, lawsuits, dissemination, democracy (state), Party, women's committees).
      { doc: gold000, indicatorCode: 'skills_share', comparator: '>=', value: 65, annual: true, expected: 60, status: annual(60, 65) },
      {
        doc: gold000,
        indicatorCode: 'democracy_nonstate_share',
        comparator: '>=',
        value: 85,
        annual: true,
        sectors: ['private', 'fdi'],
        expected: (100 * 300) / nonStateCdcs,
        status: annual((100 * 300) / nonStateCdcs, 85),
      },
      { doc: gold000, indicatorCode: 'chairs_trained_share', comparator: '=', value: 100, annual: true, expected: 100, status: 'met' },
      {
        doc: gold000,
        indicatorCode: 'rated_good_upper_share',
        comparator: '>=',
        value: 90,
        annual: true,
        expected: (100 * 11) / upper,
        status: annual((100 * 11) / upper, 90),
      },
      {
        doc: gold000,
        indicatorCode: 'rated_good_state_share',
        comparator: '>=',
        value: 80,
        annual: true,
        sectors: ['hcsn', 'dnnn'],
        expected: (100 * 20) / stateCdcs,
        status: annual((100 * 20) / stateCdcs, 80),
      },
      {
        doc: gold000,
        indicatorCode: 'rated_good_nonstate_share',
        comparator: '>=',
        value: 65,
        annual: true,
        sectors: ['private', 'fdi'],
        expected: (100 * 30) / nonStateCdcs,
        status: annual((100 * 30) / nonStateCdcs, 65),
      },
      {
        doc: gold000,
        indicatorCode: 'fin_inspection_share',
        comparator: '=',
        value: 100,
        annual: true,
        expected: (100 * 7) / upper,
        status: annual((100 * 7) / upper, 100),
      },
      {
        doc: gold000,
        indicatorCode: 'cdcs_fin_inspected_share',
        comparator: '>=',
        value: 10,
        annual: true,
        expected: (100 * 100) / enterpriseCdcs,
        status: annual((100 * 100) / enterpriseCdcs, 10),
      },
      // Gold 001: deadlines passed are judged on their deadline; before the 2025 tree there is no data, never a zero.
      {
        doc: gold001,
        indicatorCode: 'members',
        comparator: '=',
        value: 23000,
        deadlineYear: 2025,
        expected: members('2025-12-31'),
        status: members('2025-12-31')! >= 23000 ? 'met' : 'missed',
        measuredOn: '2025-12-31',
      },
      {
        doc: gold001,
        indicatorCode: 'members',
        comparator: '=',
        value: 22000,
        deadlineYear: 2023,
        expected: null,
        status: 'no_data',
        measuredOn: '2023-12-31',
      },
      {
        doc: gold001,
        indicatorCode: 'agreements_share',
        comparator: '>',
        value: 80,
        deadlineYear: 2025,
        expected: agreementShare('2025-12-31'),
        status: agreementShare('2025-12-31')! > 80 ? 'met' : 'missed',
        measuredOn: '2025-12-31',
      },
      {
        doc: gold001,
        indicatorCode: 'agreements_share',
        comparator: '>',
        value: 70,
        deadlineYear: 2023,
        expected: null,
        status: 'no_data',
        measuredOn: '2023-12-31',
      },
      {
        doc: gold001,
        indicatorCode: 'members',
        comparator: '=',
        value: 26000,
        deadlineYear: 2030,
        expected: membersOn,
        status: membersOn >= 26000 ? 'met' : 'behind',
        measuredOn: D,
      },
    ];
    // The two long-range agreement targets: not met on 15/11/2026, so the pace over the year-end history decides.
    for (const [value, deadlineYear] of [
      [85, 2030],
      [99, 2045],
    ] as const) {
      const history = [
        { date: '2025-12-31', value: agreementShare('2025-12-31')! },
        { date: D, value: agreementShare(D)! },
      ];
      const expected = judge(
        { comparator: '>', value, deadline: `${deadlineYear}-12-31`, start: '2021-10-21' },
        agreementShare(D),
        D,
        history,
      ).status;
      cases.push({
        doc: gold001,
        indicatorCode: 'agreements_share',
        comparator: '>',
        value,
        deadlineYear,
        expected: agreementShare(D),
        status: expected,
        measuredOn: D,
      });
    }
    expect(sum('skills_learners')).toBe(1200);

    const created: [Case, number][] = [];
    for (const c of cases) {
      const r = await staff.send('POST', '/api/targets', {
        documentId: c.doc,
        unitId: tni,
        indicatorCode: c.indicatorCode,
        comparator: c.comparator,
        value: c.value,
        ...(c.annual ? { annual: true } : { deadlineYear: c.deadlineYear }),
        ...(c.sectors ? { sectors: c.sectors } : {}),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      created.push([c, r.body.targetId]);
    }
    const items = [
      ...(await staff.get(`/api/progress?unitId=${tni}&asOf=${D}&documentId=${gold000}`)).body.items,
      ...(await staff.get(`/api/progress?unitId=${tni}&asOf=${D}&documentId=${gold001}`)).body.items,
    ] as { targetId: number; value: number | null; measuredOn: string; progress: { status: string } }[];
    for (const [c, id] of created) {
      const item = items.find((i) => i.targetId === id)!;
      const label = `${c.indicatorCode} ${c.comparator} ${c.value} (${c.annual ? 'hằng năm' : c.deadlineYear})`;
      if (c.expected === null) expect(item.value, label).toBeNull();
      else expect(item.value, label).toBeCloseTo(c.expected, 9);
      expect(item.progress.status, label).toBe(c.status);
      if (c.measuredOn) expect(item.measuredOn, label).toBe(c.measuredOn);
    }
    // Not all alike: the hand-worked statuses cover met, behind or on track, missed or met by a deadline, and no data.
    expect(new Set(cases.map((c) => c.status)).size).toBeGreaterThanOrEqual(3);
  });

  // Issue 16: a count target is the province's whole; its children are judged against their own
  // allocations, else by their contribution against their expected share — never against the total.
  const subtreeOf = (code: string): Set<string> => {
    const all = new Set([code]);
    for (let grew = true; grew;) {
      grew = false;
      for (const u of province.units) {
        if (u.parentCode && all.has(u.parentCode) && !all.has(u.code)) {
          all.add(u.code);
          grew = true;
        }
      }
    }
    return all;
  };
  const membersIn = (code: string, d: string) => {
    const units = subtreeOf(code);
    return registries.members.filter((m) => m.history.some(([unit, from, to]) => units.has(unit) && from <= d && (to === null || to > d)))
      .length;
  };
  type Row = {
    unit: { id: number; name: string };
    value: number | null;
    status: string;
    statusLabel: string;
    shareAchieved: number | null;
    basis: string;
    allocation: { targetId: number; targetValue: number } | null;
    contribution: { value: number | null; share: number | null; expectedShare: number | null; index: number | null } | null;
  };

  it('weighs the children of a count target by their contribution against their share of members on the reference date, lagging first', async () => {
    const { target } = await planWithTarget(
      { symbol: '16/KH-LĐLĐ', title: 'Kế hoạch phát triển đoàn viên (issue 16)', issuedOn: '2024-01-18' },
      { indicatorCode: 'members', comparator: '>', value: 140000, deadlineYear: 2028 },
    );
    const body = (await staff.get(`/api/targets/${target.targetId}/breakdown?asOf=${D}`)).body as {
      rule: string;
      contributionReference: { base: string; date: string };
      items: Row[];
    };
    expect(body.rule).toBe('contributions');
    // Issued before the demo tree existed: the first day the province has a figure is 31/12/2025.
    expect(body.contributionReference).toEqual({ base: 'value_on_reference', date: '2025-12-31' });
    const children = province.units.filter((u) => u.parentCode === 'TNI');
    expect(body.items).toHaveLength(children.length);
    const then = new Map(children.map((u) => [u.name, membersIn(u.code, '2025-12-31')]));
    const now = new Map(children.map((u) => [u.name, membersIn(u.code, D)]));
    const group = children.filter((u) => then.get(u.name)! > 0);
    const totalThen = group.reduce((s, u) => s + then.get(u.name)!, 0);
    const totalChange = group.reduce((s, u) => s + now.get(u.name)! - then.get(u.name)!, 0);
    for (const row of body.items) {
      // Never a status against the province's 140.000.
      expect(row.basis).toBe('contribution');
      expect(row.shareAchieved).toBeNull();
      expect(['Thấp hơn mức chung', 'Bằng hoặc cao hơn mức chung', 'Chưa có số liệu đầu kỳ để so sánh']).toContain(row.statusLabel);
      expect(row.value).toBe(now.get(row.unit.name));
      const [b, change] = [then.get(row.unit.name)!, now.get(row.unit.name)! - then.get(row.unit.name)!];
      if (b === 0) continue;
      expect(row.contribution!.value).toBe(change);
      expect(row.contribution!.expectedShare).toBeCloseTo((100 * b) / totalThen, 9);
      expect(row.status).toBe(change / b < totalChange / totalThen ? 'behind' : 'on_track');
    }
    // Lagging first, each group by its own growth, not by size.
    const firstOnTrack = body.items.some((r) => r.status !== 'behind')
      ? body.items.findIndex((r) => r.status !== 'behind')
      : body.items.length;
    expect(body.items.slice(firstOnTrack).every((r) => r.status !== 'behind')).toBe(true);
    const lagging = body.items.slice(0, firstOnTrack).map((r) => r.contribution!.index!);
    expect(lagging).toEqual([...lagging].sort((a, b) => a - b));
  });

  it('judges a child with an allocation against it, exactly as the child’s own card, and the others by contribution', async () => {
    const { doc, target } = await planWithTarget(
      { symbol: '17/KH-LĐLĐ', title: 'Giao chỉ tiêu phát triển đoàn viên (issue 16)', issuedOn: '2024-01-18' },
      { indicatorCode: 'members', comparator: '>', value: 140000, deadlineYear: 2028 },
    );
    const commune = await t.unitId(communes[0]!);
    const code = communes[0]!;
    const allocated = membersIn(code, D) + 500;
    const allocation = await staff.send('POST', '/api/targets', {
      documentId: doc,
      unitId: commune,
      indicatorCode: 'members',
      comparator: '>=',
      value: allocated,
      deadlineYear: 2028,
      parentTargetId: target.targetId,
      baselineValue: membersIn(code, '2025-12-31'),
      baselineDate: '2025-12-31',
    });
    expect(allocation.status, JSON.stringify(allocation.body)).toBe(200);
    const body = (await staff.get(`/api/targets/${target.targetId}/breakdown?asOf=${D}`)).body as { rule: string; items: Row[] };
    expect(body.rule).toBe('allocations_and_contributions');
    const row = body.items.find((r) => r.unit.id === commune)!;
    const card = (await staff.get(`/api/progress?unitId=${commune}&asOf=${D}&documentId=${doc}`)).body.items.find(
      (p: { targetId: number }) => p.targetId === allocation.body.targetId,
    );
    expect(row).toMatchObject({
      basis: 'allocation',
      allocation: { targetId: allocation.body.targetId, targetValue: allocated },
      value: membersIn(code, D),
      contribution: null,
    });
    expect([row.status, row.statusLabel, row.shareAchieved]).toEqual([
      card.progress.status,
      card.progress.statusLabel,
      card.progress.shareAchieved,
    ]);
    expect(body.items.filter((r) => r.unit.id !== commune).every((r) => r.basis === 'contribution')).toBe(true);
    // Inside the commune, its CĐCS have no allocation of their own: weighed by contribution.
    const inside = (await staff.get(`/api/targets/${target.targetId}/breakdown?asOf=${D}&unitId=${commune}`)).body as {
      rule: string;
      items: Row[];
    };
    expect(inside.rule).toBe('contributions');
    expect(inside.items.length).toBeGreaterThan(0);
  });

  it('judges the targets of many owners at once (the nightly judgement) exactly as each owner’s own dashboard', async () => {
    const owners = (await targetOwners(database.db)).map((o) => o.unitId);
    // The province and the commune given an allocation above, and a commune that owns nothing.
    expect(owners).toEqual(expect.arrayContaining([tni, await t.unitId(communes[0]!)]));
    const idle = await t.unitId(communes[3]!);
    expect(owners).not.toContain(idle);
    const progress = new ProgressService(database.db);
    const oneByOne = [];
    for (const unitId of owners) oneByOne.push(...(await progress.forUnit(unitId, D)).filter((p) => p.owner.id === unitId));
    const batched = await new ProgressService(database.db).ownedBy([...owners, idle].reverse(), D);
    expect(batched.length).toBeGreaterThan(owners.length);
    expect(batched).toEqual(oneByOne);
  });

  it('judges each child of a ratio target by the same ratio and the same rule as its own card', async () => {
    const { doc, target } = await planWithTarget(
      { symbol: '18-KH/TU', title: 'Thỏa ước lao động tập thể đến năm 2045 (issue 16)', issuedOn: '2021-10-21' },
      { indicatorCode: 'agreements_share', comparator: '>', value: 99, deadlineYear: 2045 },
    );
    const provinceCard = (await staff.get(`/api/progress?unitId=${tni}&asOf=${D}&documentId=${doc}`)).body.items[0];
    // One year of history says nothing about 2045: no forecast, the path decides.
    expect(provinceCard.progress).toMatchObject({
      forecast: null,
      forecastNote: 'Chưa đủ số liệu để dự báo',
      pathStart: { date: '2025-12-31' },
    });
    const body = (await staff.get(`/api/targets/${target.targetId}/breakdown?asOf=${D}`)).body as { rule: string; items: Row[] };
    expect(body.rule).toBe('same_ratio');
    for (const row of body.items) {
      const card = (await staff.get(`/api/progress?unitId=${row.unit.id}&asOf=${D}&documentId=${doc}`)).body.items[0];
      expect(row.basis).toBe('ratio');
      expect([row.value, row.status, row.shareAchieved]).toEqual([card.value, card.progress.status, card.progress.shareAchieved]);
      if (card.progress.status === 'on_track' || card.progress.status === 'behind')
        expect(card.progress.forecastNote).toBe('Chưa đủ số liệu để dự báo');
    }
    // The province's numerator and denominator are its children's sums (never averaged percentages).
    const withData = body.items.filter((r) => r.value !== null) as unknown as { numerator: number; denominator: number }[];
    expect(withData.reduce((s, r) => s + r.denominator, 0)).toBe(provinceCard.denominator);
    expect(withData.reduce((s, r) => s + r.numerator, 0)).toBe(provinceCard.numerator);
  });

  it('shows a member added in a CĐCS in the national, province and commune figures at the very next request', async () => {
    const national = await t.addUser('xem.toanquoc', 'TLD', ['viewer']).then(() => t.login('xem.toanquoc'));
    const commune = await t.unitId(communes[3]!);
    const cdcsId = await t.unitId(`${communes[3]!}-0001`);
    const count = async (unitId: number, who: Session) => (await who.get(`/api/members/count?unitId=${unitId}`)).body.members as number;
    const tld = await t.unitId('TLD');
    // The dashboard's own figure too: a confederation target "workers who are members" applies to
    // every unit below it, and each card carries its members count (from the aggregates).
    const [doc] = (
      await sql<{ id: number }>`INSERT INTO plan_document (kind, symbol, title, issuer_unit_id, issued_on, term_from, term_to)
      VALUES ('nghi_quyet', '01-NQ/TLĐ', 'Nghị quyết thử', ${tld}, '2023-12-01', 2023, 2028) RETURNING id`.execute(database.db)
    ).rows;
    await sql`INSERT INTO target (document_id, unit_id, indicator_code, comparator, value, timing, deadline)
              VALUES (${doc!.id}, ${tld}, 'workers_members_share', '>=', 80, 'deadline', '2028-12-31')`.execute(database.db);
    const onDashboard = async (unitId: number, who: Session) =>
      (await who.get(`/api/progress?unitId=${unitId}&documentId=${doc!.id}`)).body.items[0].elements.members_active as number;
    const before = [await count(tld, national), await count(tni, staff), await count(commune, staff)];
    const dashboardsBefore = [await onDashboard(tld, national), await onDashboard(tni, staff), await onDashboard(commune, staff)];
    expect(dashboardsBefore).toEqual(before);
    const added = await staff.send('POST', '/api/members', {
      fullName: 'Nguyễn Văn Mới',
      gender: 'male',
      birthDate: '1995-04-04',
      cccd: '072095999999',
      joinedOn: '2026-01-05',
      cdcsUnitId: cdcsId,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const after = [await count(tld, national), await count(tni, staff), await count(commune, staff)];
    expect(after).toEqual(before.map((n) => n + 1));
    expect([await onDashboard(tld, national), await onDashboard(tni, staff), await onDashboard(commune, staff)]).toEqual(
      dashboardsBefore.map((n) => n + 1),
    );
  });
});
