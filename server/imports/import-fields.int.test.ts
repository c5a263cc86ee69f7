import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';
import { AGREEMENT_IMPORT_FIELDS } from './agreement-import.ts';
import { EMPLOYER_IMPORT_FIELDS } from './employer-import.ts';
import { GRASSROOTS_IMPORT_FIELDS } from './grassroots-import.ts';
import { MEMBER_IMPORT_FIELDS } from './member-import.fields.ts';

interface FieldsBody {
  registry: string;
  noun: string;
  unitHint: string;
  identity: string;
  fields: { key: string; label: string; required: boolean; synonyms: string[] }[];
}

describe.each(testDatabaseTargets())('import fields on $kind', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let staff: Session;

  beforeAll(async () => {
    database = await target.open();
    t = await createTestApp(database, `import-fields-${target.kind}`);
    staff = await t.login('canbo.tinh');
  });

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it("gives each registry's own columns in template order, with what is required and the titles recognised", async () => {
    const expected = { members: MEMBER_IMPORT_FIELDS, employers: EMPLOYER_IMPORT_FIELDS, grassroots: GRASSROOTS_IMPORT_FIELDS, agreements: AGREEMENT_IMPORT_FIELDS };
    for (const [registry, fields] of Object.entries(expected)) {
      const { status, body } = await staff.get(`/api/imports/fields/${registry}`);
      expect(status, registry).toBe(200);
      const answer = body as FieldsBody;
      expect(answer.registry).toBe(registry);
      expect(answer.fields.map((f) => f.label)).toEqual(fields.map((f) => f.label));
      expect(answer.fields.filter((f) => f.required).map((f) => f.key)).toEqual(fields.filter((f) => f.required).map((f) => f.key));
    }
    const cdcs = (await staff.get('/api/imports/fields/grassroots')).body as FieldsBody;
    expect(cdcs.noun).toBe('công đoàn cơ sở');
    expect(cdcs.fields[0]).toMatchObject({ key: 'code', label: 'Mã CĐCS', required: true });
    expect(cdcs.fields.find((f) => f.key === 'foundedOn')).toMatchObject({ label: 'Ngày thành lập', required: false });
    expect(cdcs.identity).toContain('cùng mã CĐCS');
    const members = (await staff.get('/api/imports/fields/members')).body as FieldsBody;
    expect(members.fields.find((f) => f.key === 'cccd')!.synonyms).toContain('cmnd/cccd');
    expect(members.unitHint).toContain('không cần cột Mã CĐCS');
  });

  it('uses the same titles as the export, so an exported list is recognised when imported again', async () => {
    const exported = await t.app.inject({ method: 'GET', url: '/api/grassroots/export?format=csv', headers: { cookie: `tiendo_session=${staff.cookie}` } });
    expect(exported.statusCode).toBe(200);
    const header = exported.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
    const labels = ((await staff.get('/api/imports/fields/grassroots')).body as FieldsBody).fields.map((f) => f.label);
    expect(header.split(',')).toEqual(labels);
  });

  it('refuses an unknown registry in Vietnamese, and people who may not import', async () => {
    const unknown = await staff.get('/api/imports/fields/nguoi-dung');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    expect(unknown.body.error.message).toMatch(/registry/);
    const viewer = await t.login('xem.tinh');
    const forbidden = await viewer.get('/api/imports/fields/members');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
  });
});
