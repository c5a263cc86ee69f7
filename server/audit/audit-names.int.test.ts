import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCccd } from '../../domain/registry/identity-codes.ts';
import { buildHistoricProvince } from '../../test/support/historic-province.ts';
import { createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';

describe.each(testDatabaseTargets())('audit names and list totals on $kind', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let admin: Session;
  let unit: Record<string, number> = {};
  const ids: number[] = [];

  beforeAll(async () => {
    database = await target.open({ demo: 'province' });
    t = await createTestApp(database, `audit-names-${target.kind}`);
    unit = await buildHistoricProvince(database, await t.unitId('TLD'));
    await t.addUser('quan.tri.thu', 'TST', ['system_admin']);
    admin = await t.login('quan.tri.thu');
    let serial = 0;
    for (const [name, cdcs] of [
      ['Nguyễn Văn An', 'A'],
      ['Nguyễn Văn Anh', 'A'],
      ['Trần Nguyễn An', 'B'],
      ['Lê Thị Bích', 'B'],
    ] as const) {
      const r = await admin.send('POST', '/api/members', {
        fullName: name,
        gender: 'male',
        birthDate: '1990-03-15',
        cccd: composeCccd('072', 'male', 1990, ++serial),
        phone: null,
        joinedOn: '2024-01-01',
        cdcsUnitId: unit[cdcs],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      ids.push(r.body.id);
    }
  });

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('a list counts what its filter matches on the first page only, the search words as the list reads them', async () => {
    expect((await admin.get(`/api/members?unitId=${unit.TST}&withTotal=true&limit=1`)).body.total).toBe(4);
    // "nguyen an": both words begin a word of the name — the two groups of the list, counted once.
    const search = await admin.get(`/api/members?unitId=${unit.TST}&q=nguyen%20an&withTotal=true`);
    expect(search.body.total).toBe(search.body.items.length);
    expect(search.body.total).toBe(3);
    expect((await admin.get(`/api/members?unitId=${unit.A}&withTotal=true`)).body.total).toBe(2);
    const first = await admin.get(`/api/members?unitId=${unit.TST}&limit=1`);
    expect(first.body.total).toBeUndefined();
    expect(
      (await admin.get(`/api/members?unitId=${unit.TST}&limit=1&withTotal=true&after=${encodeURIComponent(first.body.nextCursor)}`)).body
        .total,
    ).toBeUndefined();
    for (const path of ['/api/grassroots', '/api/employers', '/api/agreements']) {
      const r = await admin.get(`${path}?unitId=${unit.TST}&withTotal=true`);
      expect(r.status, path).toBe(200);
      expect(r.body.total, path).toBe(r.body.items.length);
    }
    expect((await admin.get(`/api/grassroots?unitId=${unit.TST}&withTotal=true`)).body.total).toBe(3);
  });

  it("the audit page names each row's object, the units its data mentions and the acting account", async () => {
    const r = await admin.get('/api/audit?action=member.create');
    expect(r.status).toBe(200);
    const row = r.body.items.find((i: { entityId: string }) => i.entityId === String(ids[0]));
    expect(r.body.names.entities[String(row.id)]).toBe('Nguyễn Văn An');
    expect(row.actorName).toBe('Người thử quan.tri.thu');
    expect(r.body.names.units[String(unit.A)]).toBe('Công đoàn cơ sở Công ty TNHH An');
    const logins = await admin.get('/api/audit?action=auth.login');
    const login = logins.body.items[0];
    expect(logins.body.names.entities[String(login.id)]).toBe('Người thử quan.tri.thu (quan.tri.thu)');
  });
});
