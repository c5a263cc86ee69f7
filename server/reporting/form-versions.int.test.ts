import { beforeAll, describe, expect, it } from 'vitest';
import type { TemplateDefinition } from '../../domain/reporting/report-template.ts';
import { useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { useSessions } from '../http/session-test-fixtures.ts';

const FORM = 'cdcs-6-thang';
const fieldsOf = (sections: TemplateDefinition['sections']) => sections.flatMap((s) => s.fields.map((f) => f.element));

describe.each(testDatabaseTargets())('forms as versions ($kind)', (target) => {
  const { database, t } = useTestApp(target, `form-versions-${target.kind}`);
  // admin: a system administrator of the province; officer: cdcs.demo at TNI-P01-0001.
  const s = useSessions(t, { admin: 'quantri', officer: 'cdcs.demo' }, { cdcs1: 'TNI-P01-0001' });
  let older: string; // an open period that gets a report before the new version
  let newer: string; // the latest open period: the new version applies from it
  let definition: TemplateDefinition;
  let draftVersion: number;

  beforeAll(async () => {
    const periods = (await s.officer.get('/api/reports/mine')).body.items
      .filter((i: { templateCode: string }) => i.templateCode === FORM)
      .map((i: { periodCode: string }) => i.periodCode)
      .sort();
    expect(periods.length).toBeGreaterThanOrEqual(2);
    [older, newer] = [periods.at(-2), periods.at(-1)];
    const element = await s.admin.send('POST', '/api/measures/elements', {
      code: 'doi_thoai_dn',
      name: 'Số doanh nghiệp tổ chức đối thoại',
      unit: 'count',
      source: 'reported',
    });
    expect(element.status, JSON.stringify(element.body)).toBe(201);
  });

  it('makes a draft from the version in force, with a new section and field, refusing a derived element as a field', async () => {
    const versions = (await s.officer.get(`/api/report-templates/${FORM}/versions`)).body.items;
    const inForce = versions.find((v: { status: string }) => v.status === 'published');
    definition = inForce.definition;
    const derivedField = await s.admin.send('POST', `/api/report-templates/${FORM}/versions`, {
      definition: {
        sections: [...definition.sections, { title: 'Đối thoại', fields: [{ element: 'members_active', label: 'Đoàn viên' }] }],
        rules: definition.rules,
      },
    });
    expect(derivedField.status).toBe(400);
    expect(derivedField.body.error.code).toBe('TEMPLATE_INVALID');
    const draft = await s.admin.send('POST', `/api/report-templates/${FORM}/versions`, {
      definition: {
        sections: [
          ...definition.sections,
          { title: 'Đối thoại tại nơi làm việc', fields: [{ element: 'doi_thoai_dn', label: 'Số doanh nghiệp tổ chức đối thoại' }] },
        ],
        rules: definition.rules,
      },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', basedOn: inForce.version, reports: 0, canEdit: true });
    expect(draft.body.changes).toContain('Thêm phần «Đối thoại tại nơi làm việc»');
    draftVersion = draft.body.version;
    const second = await s.admin.send('POST', `/api/report-templates/${FORM}/versions`, {
      definition: { sections: definition.sections, rules: definition.rules },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('TEMPLATE_DRAFT_EXISTS');
  });

  it('refuses to publish from a period that already has a report made with the earlier version', async () => {
    const opened = await s.officer.send('POST', '/api/reports', { templateCode: FORM, unitId: s.cdcs1, periodCode: older });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const early = await s.admin.send('POST', `/api/report-templates/${FORM}/versions/${draftVersion}/publish`, { fromPeriod: older });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('TEMPLATE_PERIOD_HAS_REPORTS');
    expect(early.body.error.message).toMatch(/^Đã có 1 báo cáo từ kỳ 6 tháng /);
    const row = await database.db
      .selectFrom('report_template')
      .select('from_period_start')
      .where('code', '=', FORM)
      .where('version', '=', draftVersion)
      .executeTakeFirstOrThrow();
    expect(row.from_period_start).toBeNull();
  });

  it('publishes from the next period; the published version never changes', async () => {
    const published = await s.admin.send('POST', `/api/report-templates/${FORM}/versions/${draftVersion}/publish`, { fromPeriod: newer });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', fromPeriod: newer, canEdit: false });
    const edit = await s.admin.send('PUT', `/api/report-templates/${FORM}/versions/${draftVersion}`, {
      definition: { sections: definition.sections, rules: definition.rules },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('TEMPLATE_VERSION_PUBLISHED');
    const del = await s.admin.send('DELETE', `/api/report-templates/${FORM}/versions/${draftVersion}`);
    expect(del.status).toBe(409);
    const row = await database.db
      .selectFrom('report_template')
      .select('definition')
      .where('code', '=', FORM)
      .where('version', '=', draftVersion)
      .executeTakeFirstOrThrow();
    expect(fieldsOf((row.definition as TemplateDefinition).sections)).toContain('doi_thoai_dn');
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'report_template.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['report_template.draft_created', 'report_template.published']);
  });

  it('opens the new period’s report with the new field, while the earlier period’s report keeps its own fields', async () => {
    const oldReport = await s.officer.send('POST', '/api/reports', { templateCode: FORM, unitId: s.cdcs1, periodCode: older });
    const oldView = await s.officer.get(`/api/reports/${oldReport.body.id}`);
    expect(fieldsOf(oldView.body.template.sections)).not.toContain('doi_thoai_dn');
    const newReport = await s.officer.send('POST', '/api/reports', { templateCode: FORM, unitId: s.cdcs1, periodCode: newer });
    expect(newReport.status, JSON.stringify(newReport.body)).toBe(200);
    const newView = await s.officer.get(`/api/reports/${newReport.body.id}`);
    expect(newView.body.template.version).toBe(draftVersion);
    expect(fieldsOf(newView.body.template.sections)).toContain('doi_thoai_dn');
    // The figure typed in the new field is kept like any other, 0 included.
    const saved = await s.officer.send('PUT', `/api/reports/${newReport.body.id}`, {
      version: newView.body.version,
      values: { doi_thoai_dn: 0 },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await s.officer.get(`/api/reports/${newReport.body.id}`)).body.values.doi_thoai_dn).toBe(0);
    // A report of the earlier period may not carry the new field: it is not on its form.
    const foreign = await s.officer.send('PUT', `/api/reports/${oldReport.body.id}`, {
      version: oldView.body.version,
      values: { doi_thoai_dn: 3 },
    });
    expect(foreign.status).toBe(400);
    // The element is now used by a published form: deleting it is refused with that form named.
    const delElement = await s.admin.send('DELETE', '/api/measures/elements/doi_thoai_dn');
    expect(delElement.status).toBe(409);
    expect(delElement.body.error.details.usedBy.map((u: { kind: string }) => u.kind)).toContain('form');
  });

  it('refuses a draft to a read-only user', async () => {
    await t.addUser('xem.p01.fv', 'TNI-P01', ['viewer']);
    const viewer = await t.login('xem.p01.fv');
    const draft = await viewer.send('POST', `/api/report-templates/${FORM}/versions`, {
      definition: { sections: definition.sections, rules: definition.rules },
    });
    expect(draft.status).toBe(403);
  });
});
