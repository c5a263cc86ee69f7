import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../../domain/demo/demo-province.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { migrateToLatest } from '../db/migrator.ts';

const demo = generateDemoProvince(2025);

describe.each(testDatabaseTargets())('organisation tree API on $kind', (target) => {
  const { database, t } = useTestApp(target, `org-${target.kind}`);
  let national: Session;

  beforeAll(async () => {
    // A national-level reader sees the whole tree, from the confederation down.
    await t.addUser('xem.toanquoc', 'TLD', ['viewer']);
    national = await t.login('xem.toanquoc');
  });

  const get = (url: string) => national.get(url);

  it('reports the database kind and the migration version on /api/health', async () => {
    const { status, body } = await t.anonymous('GET', '/api/health');
    expect(status).toBe(200);
    expect(body.database.kind).toBe(target.kind);
    expect(body.database.migration).toBe(body.database.latestMigration);
    expect(body.database.serverVersion).toMatch(/^\d+/);
  });

  it('runs migrations twice without change', async () => {
    const again = await migrateToLatest(database.db);
    expect(again.applied).toEqual([]);
  });

  it('walks from the national root to a grassroots union', async () => {
    const roots = await get('/api/org/roots');
    expect(roots.body.items.map((u: { code: string }) => u.code)).toEqual(['TLD']);
    const national = roots.body.items[0];
    const provinces = await get(`/api/org/units/${national.id}/children`);
    expect(provinces.body.items).toHaveLength(1);
    const province = provinces.body.items[0];
    expect(province.name).toBe('Liên đoàn Lao động tỉnh Tây Ninh');
    const level3 = await get(`/api/org/units/${province.id}/children`);
    const expectedChildren = demo.units.filter((u) => u.parentCode === 'TNI').length;
    expect(level3.body.items).toHaveLength(expectedChildren);
    const kcn = level3.body.items.find((u: { kind: string }) => u.kind === 'industrial_zone');
    expect(kcn.childCount).toBe(demo.units.filter((u) => u.parentCode === kcn.code).length);
    const cdcs = (await get(`/api/org/units/${kcn.id}/children`)).body.items[0];
    expect(cdcs.kind).toBe('grassroots');
    expect(cdcs.kindLabel).toBe('Công đoàn cơ sở');
    const ancestors = await get(`/api/org/units/${cdcs.id}/ancestors`);
    expect(ancestors.body.items.map((u: { code: string }) => u.code)).toEqual(['TLD', 'TNI', kcn.code]);
  });

  it('lists children in accent-insensitive reading order', async () => {
    const province = (await get('/api/org/search?q=lien doan tay ninh')).body.items[0];
    const names: string[] = (await get(`/api/org/units/${province.id}/children`)).body.items.map((u: { name: string }) => u.name);
    const key = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const sorted = [...names].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    expect(names).toEqual(sorted);
  });

  it('finds "Công đoàn cơ sở … May …" when searched without accents, with its ancestors', async () => {
    const expected = demo.units.filter((u) => /^Công đoàn cơ sở .*\bMay\b/.test(u.name));
    expect(expected.length).toBeGreaterThan(0);
    const { status, body } = await get('/api/org/search?q=cong doan co so may&limit=100');
    expect(status).toBe(200);
    const found = body.items.map((u: { name: string }) => u.name);
    for (const unit of expected.slice(0, 5)) expect(found).toContain(unit.name);
    for (const name of found) expect(name.toLowerCase()).toContain('may');
    expect(body.items[0].ancestors[0].code).toBe('TLD');
  });

  it('matches "Đ" through plain "d" and is not fooled by LIKE wildcards', async () => {
    const { body } = await get(`/api/org/search?q=${encodeURIComponent('duong minh chau')}`);
    expect(body.items.some((u: { name: string }) => u.name === 'Công đoàn xã Dương Minh Châu')).toBe(true);
    const wildcard = await get(`/api/org/search?q=${encodeURIComponent('%%')}`);
    expect(wildcard.body.items).toEqual([]);
  });

  it('limits a search to a subtree', async () => {
    const commune = (await get(`/api/org/search?q=${encodeURIComponent('cong doan phuong tan ninh')}`)).body.items[0];
    const { body } = await get(`/api/org/search?q=truong&under=${commune.id}&limit=100`);
    expect(body.items.length).toBeGreaterThan(0);
    for (const hit of body.items) expect(hit.ancestors.map((a: { id: number }) => a.id)).toContain(commune.id);
  });

  it('gives unit details with counts of everything below', async () => {
    const province = (await get('/api/org/search?q=lien doan lao dong tinh tay ninh')).body.items[0];
    const { body } = await get(`/api/org/units/${province.id}`);
    expect(body.symbol).toBe('LĐLĐ');
    expect(body.descendantsByKind.grassroots).toBe(demo.units.filter((u) => u.kind === 'grassroots').length);
    expect(body.descendantsByKind.commune).toBe(11);
  });

  it('shows the tree as it stood on a date: nothing of the new province before the 2025 reform', async () => {
    const province = (await get('/api/org/search?q=lien doan lao dong tinh tay ninh')).body.items[0];
    const before = await get(`/api/org/units/${province.id}/children?asOf=2025-06-30`);
    expect(before.status).toBe(404);
    const after = await get(`/api/org/units/${province.id}/children?asOf=2025-07-01`);
    expect(after.status).toBe(200);
  });

  it('answers bad input with a stable code and a Vietnamese message', async () => {
    const notFound = await get('/api/org/units/99999999');
    expect(notFound.status).toBe(404);
    expect(notFound.body.error.code).toBe('UNIT_NOT_FOUND');
    const badId = await get('/api/org/units/abc');
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe('VALIDATION_FAILED');
    expect(badId.body.error.message).toMatch(/"id" phải là số nguyên/);
    const badDate = await get('/api/org/roots?asOf=2025-02-30');
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toBe('Ngày "2025-02-30" không tồn tại trong lịch.');
    const shortQuery = await get('/api/org/search?q=a');
    expect(shortQuery.status).toBe(400);
    expect(shortQuery.body.error.message).toMatch(/ít nhất 2 ký tự/);
    const unknownRoute = await get('/api/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('documents every route in OpenAPI', async () => {
    const { status, body } = await t.anonymous('GET', '/api/docs/json');
    expect(status).toBe(200);
    const documented = Object.keys(body.paths);
    const registered = t.app.printRoutes({ commonPrefix: false });
    for (const path of [
      '/api/health',
      '/api/org/roots',
      '/api/org/units/{id}',
      '/api/org/units/{id}/children',
      '/api/org/units/{id}/ancestors',
      '/api/org/search',
    ]) {
      expect(documented).toContain(path);
    }
    expect(registered).toContain('/api/org/search');
  });
});
