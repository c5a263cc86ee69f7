import { describe, expect, it } from 'vitest';
import { taxCheckDigit } from '../../domain/registry/identity-codes.ts';
import { createTarget } from '../../test/support/document-fixtures.ts';
import { useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { useSessions } from './session-test-fixtures.ts';

/**
 * 0 is a value, empty is "chưa có số liệu": through the request schemas (Ajv coerces types), a
 * 0 must stay 0 and a null must stay null — before, a cleared workers count was stored as 0 and
 * clearing a linked employer was refused as "phải lớn hơn hoặc bằng 1".
 */
describe.each(testDatabaseTargets())('zeros and empties in request bodies on $kind', (target) => {
  const { database, t } = useTestApp(target, `nullable-${target.kind}`);
  const s = useSessions(t, { staff: 'quantri' }, { p01: 'TNI-P01', cdcs: 'TNI-P01-0001' });

  it('keeps an employer’s 0 workers as 0 and a cleared count as "no figure"', async () => {
    const created = await s.staff.send('POST', '/api/employers', {
      taxCode: `390777111${taxCheckDigit('390777111')}`,
      name: 'Công ty TNHH Không Người',
      sector: 'private',
      areaUnitId: s.p01,
      cdcsUnitId: s.cdcs,
      workers: 0,
      womenWorkers: 0,
      workersCountedOn: '2026-01-01',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect([created.body.workers, created.body.womenWorkers]).toEqual([0, 0]);
    const cleared = await s.staff.send('PATCH', `/api/employers/${created.body.id}`, {
      workers: null,
      womenWorkers: null,
      cdcsUnitId: null,
    });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    const row = await database.db
      .selectFrom('employer')
      .select(['workers', 'women_workers', 'cdcs_unit_id'])
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect([row.workers, row.women_workers, row.cdcs_unit_id]).toEqual([null, null, null]);
  });

  it('unlinks a CĐCS from its employer with a null, and takes a document or target with no term, baseline or threshold', async () => {
    const unlinked = await s.staff.send('PATCH', `/api/grassroots/${s.cdcs}`, { employerId: null });
    expect(unlinked.status, JSON.stringify(unlinked.body)).toBe(200);
    const doc = await s.staff.send('POST', '/api/documents', {
      kind: 'ke_hoach',
      title: 'Kế hoạch không ghi nhiệm kỳ',
      issuerUnitId: s.p01,
      termFrom: null,
      termTo: null,
    });
    expect(doc.status, JSON.stringify(doc.body)).toBe(200);
    expect([doc.body.termFrom, doc.body.termTo]).toEqual([null, null]);
    const created = await createTarget(s.staff, {
      documentId: doc.body.id,
      unitId: s.p01,
      indicatorCode: 'members',
      comparator: '>=',
      value: 0,
      deadlineYear: 2030,
      baselineValue: null,
      baselineDate: null,
      minWorkers: null,
      parentTargetId: null,
    });
    const row = await database.db
      .selectFrom('target')
      .select(['value', 'baseline_value', 'min_workers'])
      .where('id', '=', created.targetId)
      .executeTakeFirstOrThrow();
    expect([Number(row.value), row.baseline_value, row.min_workers]).toEqual([0, null, null]);
  });
});
