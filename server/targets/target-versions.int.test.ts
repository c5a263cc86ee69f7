import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { createDocument, createTarget, typedProgramme05 } from '../../test/support/document-fixtures.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { SYSTEM_ACTOR } from '../audit/audit.repository.ts';
import { reviseTarget } from './target-versions.service.ts';

interface Item {
  targetId: number;
  indicator: { code: string; unit: string };
  comparator: string;
  targetValue: number;
  timing: { kind: 'deadline'; deadline: string } | { kind: 'annual'; year: number; from: number; to: number };
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

// Dates around the real today (the routes refuse an effective date in the future).
const TODAY = todayInVietnam();
const YEAR = Number(TODAY.slice(0, 4));
const CHANGE_DAY = `${YEAR}-01-01`; // the day an edit takes effect
const BEFORE = `${YEAR - 1}-12-31`; // the last day of the old version
const YESTERDAY = addDays(TODAY, -1);
const TOMORROW = addDays(TODAY, 1);

describe.each(testDatabaseTargets())('correcting and withdrawing a confirmed target ($kind)', (target) => {
  const { database, t } = useTestApp(target, `target-versions-${target.kind}`);
  let staff: Session; // union staff of the province: targets.write on TNI and below
  let viewer: Session; // read-only at the province
  let communeStaff: Session; // union staff of the commune TNI-P01 (below the province)
  let siblingStaff: Session; // union staff of TNI-P02
  let tni: number;
  let p01: number;
  let documentId: number;
  let communeDocumentId: number;

  beforeAll(async () => {
    [tni, p01] = await t.unitIds('TNI', 'TNI-P01');
    await t.addUser('xem.tinh.tv', 'TNI', ['viewer']);
    await t.addUser('canbo.p01.tv', 'TNI-P01', ['union_staff']);
    await t.addUser('canbo.p02.tv', 'TNI-P02', ['union_staff']);
    staff = await t.login('canbo.tinh');
    viewer = await t.login('xem.tinh.tv');
    communeStaff = await t.login('canbo.p01.tv');
    siblingStaff = await t.login('canbo.p02.tv');
    documentId = await createDocument(staff, typedProgramme05(tni));
    communeDocumentId = await createDocument(communeStaff, {
      kind: 'ke_hoach',
      title: 'Kế hoạch của phường Tân Ninh',
      issuerUnitId: p01,
      issuedOn: '2024-03-01',
      termFrom: 2023,
      termTo: 2028,
    });
  }, 240_000);

  async function addTarget(body: Record<string, unknown>, session = staff, doc = documentId, unitId = tni): Promise<number> {
    return (await createTarget(session, { documentId: doc, unitId, ...body })).targetId;
  }

  async function dashboard(asOf?: string, unitId = tni): Promise<Map<number, Item>> {
    const r = await staff.get(`/api/progress?unitId=${unitId}&documentId=${documentId}${asOf ? `&asOf=${asOf}` : ''}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return new Map((r.body.items as Item[]).map((i) => [i.targetId, i]));
  }

  /** The "Kế hoạch" cell of each target row of the report document's spreadsheet for a period. */
  async function reportPlans(period: string): Promise<string[]> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/report-documents?unitId=${tni}&documentId=${documentId}&period=${period}&format=xlsx&date=${TODAY}`,
      headers: { cookie: `tiendo_session=${staff.cookie}` },
    });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as never);
    const rows = book.getWorksheet('Chỉ tiêu')!.getSheetValues().slice(4) as unknown[][];
    return rows.map((r) => String(r[3] ?? ''));
  }

  const auditRows = (targetId: number, action: string) =>
    database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'target')
      .where('entity_id', '=', String(targetId))
      .where('action', '=', action)
      .execute();
  const versionCount = async () =>
    Number(
      (
        await database.db
          .selectFrom('target_version')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const auditCount = async () =>
    Number(
      (
        await database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('an edit with a reason is a new version: today shows it, a date before it and the past period’s report the old one; audited', async () => {
    const id = await addTarget({
      indicatorCode: 'members',
      comparator: '>',
      value: 140000,
      deadlineYear: 2028,
      subject: 'đoàn viên công đoàn',
    });
    const edit = await staff.send('PATCH', `/api/targets/${id}`, {
      value: 150000,
      comparator: '>=',
      reason: 'Điều chỉnh theo Nghị quyết Đại hội',
      effectiveFrom: CHANGE_DAY,
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body.items).toHaveLength(2);
    expect(edit.body.items[0]).toMatchObject({
      version: 1,
      change: 'original',
      validFrom: null,
      validTo: CHANGE_DAY,
      comparator: '>',
      value: 140000,
      reason: null,
    });
    expect(edit.body.items[1]).toMatchObject({
      version: 2,
      change: 'revised',
      validFrom: CHANGE_DAY,
      validTo: null,
      comparator: '>=',
      value: 150000,
      reason: 'Điều chỉnh theo Nghị quyết Đại hội',
      changed: ['comparator', 'value'],
    });
    expect(edit.body.items[1].by.label).toBeTruthy();

    expect((await dashboard()).get(id)).toMatchObject({ targetValue: 150000, comparator: '>=' });
    expect((await dashboard(CHANGE_DAY)).get(id)).toMatchObject({ targetValue: 150000, comparator: '>=' });
    expect((await dashboard(BEFORE)).get(id)).toMatchObject({ targetValue: 140000, comparator: '>' });
    // The single-target view of a past date reads the version then in force too.
    expect((await staff.get(`/api/targets/${id}/progress?asOf=${BEFORE}`)).body).toMatchObject({ targetValue: 140000, comparator: '>' });
    expect((await staff.get(`/api/targets/${id}/progress`)).body).toMatchObject({ targetValue: 150000, comparator: '>=' });
    // The report for the past year says what the target said then; this year's, what it says now.
    expect((await reportPlans(String(YEAR - 1))).some((p) => p.includes('140.000'))).toBe(true);
    expect((await reportPlans(String(YEAR - 1))).some((p) => p.includes('150.000'))).toBe(false);
    expect((await reportPlans(String(YEAR))).some((p) => p.includes('150.000'))).toBe(true);

    const versions = await staff.get(`/api/targets/${id}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body).toMatchObject({ targetId: id, current: 2, withdrawn: null });
    expect(versions.body.items).toEqual(edit.body.items);
    const [audit] = await auditRows(id, 'target.revise');
    expect(audit).toBeDefined();
    expect(audit!.unit_id).toBe(tni);
    expect(audit!.before).toMatchObject({ value: 140000, comparator: '>' });
    expect(audit!.after).toMatchObject({ value: 150000, comparator: '>=' });
    expect(audit!.detail).toMatchObject({ reason: 'Điều chỉnh theo Nghị quyết Đại hội', effectiveFrom: CHANGE_DAY, version: 2 });
  });

  it('changes indicator, timing and scope; a second edit on the same day; past dates keep each version, on the units below too', async () => {
    const id = await addTarget({ indicatorCode: 'agreements_share', comparator: '>=', value: 85, deadlineYear: 2028 });
    const first = await staff.send('PATCH', `/api/targets/${id}`, {
      indicatorCode: 'employers_with_cdcs_share',
      annual: true,
      sectors: ['private', 'fdi'],
      minWorkers: 25,
      reason: 'Tách chỉ tiêu theo khu vực',
      effectiveFrom: CHANGE_DAY,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.items[1]).toMatchObject({
      indicator: { code: 'employers_with_cdcs_share' },
      timing: { kind: 'annual', from: 2023, to: 2028 },
      sectors: ['private', 'fdi'],
      minWorkers: 25,
      changed: ['indicator', 'timing', 'sectors', 'minWorkers'],
    });
    // Effective today (no date): the second version is replaced from today.
    const second = await staff.send('PATCH', `/api/targets/${id}`, { value: 90, reason: 'Sửa số nhập nhầm', baseVersion: 2 });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(
      second.body.items.map((v: { version: number; validFrom: string | null; validTo: string | null }) => [
        v.version,
        v.validFrom,
        v.validTo,
      ]),
    ).toEqual([
      [1, null, CHANGE_DAY],
      [2, CHANGE_DAY, TODAY],
      [3, TODAY, null],
    ]);

    const today = (await dashboard()).get(id)!;
    expect(today).toMatchObject({ indicator: { code: 'employers_with_cdcs_share' }, targetValue: 90, timing: { kind: 'annual' } });
    const before = (await dashboard(BEFORE)).get(id)!;
    expect(before).toMatchObject({
      indicator: { code: 'agreements_share' },
      targetValue: 85,
      timing: { kind: 'deadline', deadline: '2028-12-31' },
    });
    if (CHANGE_DAY < TODAY)
      expect((await dashboard(YESTERDAY)).get(id)).toMatchObject({ indicator: { code: 'employers_with_cdcs_share' }, targetValue: 85 });
    // A province's share applies to each commune below it: the commune's past sees the past version too.
    expect((await dashboard(BEFORE, p01)).get(id)).toMatchObject({ indicator: { code: 'agreements_share' }, targetValue: 85 });
    expect((await dashboard(undefined, p01)).get(id)).toMatchObject({ indicator: { code: 'employers_with_cdcs_share' }, targetValue: 90 });

    const rewrite = await staff.send('PATCH', `/api/targets/${id}`, { value: 95, reason: 'Lùi ngày', effectiveFrom: BEFORE });
    expect(rewrite.status).toBe(400);
    expect(rewrite.body.error.code).toBe('EFFECTIVE_DATE_BEFORE_LAST_CHANGE');
    const future = await staff.send('PATCH', `/api/targets/${id}`, { value: 95, reason: 'Ngày mai', effectiveFrom: TOMORROW });
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('EFFECTIVE_DATE_IN_FUTURE');
    const stale = await staff.send('PATCH', `/api/targets/${id}`, { value: 95, reason: 'Sửa trên bản cũ', baseVersion: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('TARGET_VERSION_CONFLICT');
  });

  it('requires a reason and a real change, and refuses an unknown indicator, a share over 100% or two timings; nothing is written', async () => {
    const id = await addTarget({ indicatorCode: 'agreements_share', comparator: '>=', value: 80, deadlineYear: 2027 });
    const [versionsBefore, auditBefore] = [await versionCount(), await auditCount()];
    const cases: [Record<string, unknown>, number, string][] = [
      [{ value: 81 }, 400, 'REASON_REQUIRED'],
      [{ value: 81, reason: '   ' }, 400, 'REASON_REQUIRED'],
      [{ reason: 'Không đổi gì' }, 400, 'NO_CHANGES'],
      [{ value: 80, comparator: '>=', deadlineYear: 2027, reason: 'Như cũ' }, 400, 'NO_CHANGES'],
      [{ indicatorCode: 'khong_co_chi_so', reason: 'Sai chỉ số' }, 400, 'INDICATOR_UNKNOWN'],
      [{ value: 120, reason: 'Quá 100%' }, 400, 'PERCENT_OUT_OF_RANGE'],
      [{ annual: true, deadlineYear: 2028, reason: 'Hai thời hạn' }, 400, 'TIMING_CONFLICT'],
      [{ value: 81, reason: 'Ngày sai', effectiveFrom: `${YEAR - 1}-02-30` }, 400, 'INVALID_DATE'],
    ];
    for (const [body, status, code] of cases) {
      const r = await staff.send('PATCH', `/api/targets/${id}`, body);
      expect(r.status, `${JSON.stringify(body)} → ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    }
    const noReason = await staff.send('POST', `/api/targets/${id}/withdraw`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('REASON_REQUIRED');
    expect(await versionCount()).toBe(versionsBefore);
    expect(await auditCount()).toBe(auditBefore);
    expect((await dashboard()).get(id)).toMatchObject({ targetValue: 80 });
  });

  it('a withdrawal needs a reason, leaves today’s dashboard but stays for the past, and ends editing', async () => {
    const id = await addTarget({ indicatorCode: 'members', comparator: '>=', value: 120000, deadlineYear: 2028 });
    expect((await staff.send('PATCH', `/api/targets/${id}`, { value: 125000, reason: 'Bổ sung', effectiveFrom: CHANGE_DAY })).status).toBe(
      200,
    );
    const early = await staff.send('POST', `/api/targets/${id}/withdraw`, { reason: 'Rút trước ngày sửa', on: BEFORE });
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe('EFFECTIVE_DATE_BEFORE_LAST_CHANGE');

    const withdrawn = await staff.send('POST', `/api/targets/${id}/withdraw`, { reason: 'Chỉ tiêu trùng với chỉ tiêu 1' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.withdrawn).toEqual({ on: TODAY, reason: 'Chỉ tiêu trùng với chỉ tiêu 1' });
    expect(withdrawn.body.items.at(-1)).toMatchObject({
      version: 3,
      change: 'withdrawn',
      validFrom: TODAY,
      reason: 'Chỉ tiêu trùng với chỉ tiêu 1',
    });
    expect(withdrawn.body.items[1]).toMatchObject({ version: 2, validTo: TODAY });

    expect((await dashboard()).has(id)).toBe(false);
    expect((await dashboard(YESTERDAY)).get(id)).toMatchObject({ targetValue: CHANGE_DAY <= YESTERDAY ? 125000 : 120000 });
    expect((await dashboard(BEFORE)).get(id)).toMatchObject({ targetValue: 120000 });
    expect((await reportPlans(String(YEAR - 1))).some((p) => p.includes('120.000'))).toBe(true);

    const edit = await staff.send('PATCH', `/api/targets/${id}`, { value: 1, reason: 'Sửa sau khi rút' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('TARGET_WITHDRAWN');
    const again = await staff.send('POST', `/api/targets/${id}/withdraw`, { reason: 'Rút lần hai' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('TARGET_WITHDRAWN');

    const [audit] = await auditRows(id, 'target.withdraw');
    expect(audit?.detail).toMatchObject({ reason: 'Chỉ tiêu trùng với chỉ tiêu 1', on: TODAY });
    const row = await database.db
      .selectFrom('target')
      .select(['closed_on', 'closed_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ closed_on: TODAY, closed_reason: 'Chỉ tiêu trùng với chỉ tiêu 1' });
  });

  it('only staff of the owning unit: read-only 403, a unit below or beside 404, and nothing changes', async () => {
    const id = await addTarget({ indicatorCode: 'agreements_share', comparator: '>=', value: 70, deadlineYear: 2028 });
    const communeTarget = await addTarget(
      { indicatorCode: 'members', comparator: '>=', value: 900, deadlineYear: 2028 },
      communeStaff,
      communeDocumentId,
      p01,
    );
    const [versionsBefore, auditBefore] = [await versionCount(), await auditCount()];
    for (const [session, url, status] of [
      [viewer, `/api/targets/${id}`, 403],
      [viewer, `/api/targets/${id}/withdraw`, 403],
      [communeStaff, `/api/targets/${id}`, 404],
      [communeStaff, `/api/targets/${id}/withdraw`, 404],
      [siblingStaff, `/api/targets/${communeTarget}`, 404],
      [siblingStaff, `/api/targets/${communeTarget}/withdraw`, 404],
    ] as const) {
      const r = await session.send(url.endsWith('withdraw') ? 'POST' : 'PATCH', url, { value: 1, reason: 'Không được phép' });
      expect(r.status, `${url}: ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.body.error.code).toBe(status === 403 ? 'FORBIDDEN' : 'TARGET_NOT_FOUND');
    }
    expect(await versionCount()).toBe(versionsBefore);
    expect(await auditCount()).toBe(auditBefore);
    // Reading the history: the owner's readers, and the units below through their own view.
    expect((await viewer.get(`/api/targets/${id}/versions`)).status).toBe(200);
    expect((await communeStaff.get(`/api/targets/${id}/versions`)).status).toBe(404);
    expect((await communeStaff.get(`/api/targets/${id}/versions?unitId=${p01}`)).status).toBe(200);
    expect((await siblingStaff.get(`/api/targets/${communeTarget}/versions`)).status).toBe(404);
    expect((await communeStaff.get(`/api/targets/${communeTarget}/versions`)).body.items).toHaveLength(1);
  });

  it('reviseTarget writes the version and its audit row in the caller’s transaction: both or neither', async () => {
    const id = await addTarget({ indicatorCode: 'members', comparator: '>=', value: 50000, deadlineYear: 2028 });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await reviseTarget(trx, id, { value: 51000 }, 'Phân bổ lại', SYSTEM_ACTOR);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await database.db.selectFrom('target_version').select('id').where('target_id', '=', id).execute()).toHaveLength(0);
    expect(await auditRows(id, 'target.revise')).toHaveLength(0);
    expect((await dashboard()).get(id)).toMatchObject({ targetValue: 50000 });

    await database.db.transaction().execute((trx) => reviseTarget(trx, id, { value: 52000 }, 'Phân bổ lại', SYSTEM_ACTOR, CHANGE_DAY));
    expect((await dashboard()).get(id)).toMatchObject({ targetValue: 52000 });
    expect((await dashboard(BEFORE)).get(id)).toMatchObject({ targetValue: 50000 });
    expect(await auditRows(id, 'target.revise')).toHaveLength(1);
    const versions = (await staff.get(`/api/targets/${id}/versions`)).body.items;
    expect(versions[1]).toMatchObject({ version: 2, reason: 'Phân bổ lại', by: { label: 'hệ thống', userId: null } });
  });
});
