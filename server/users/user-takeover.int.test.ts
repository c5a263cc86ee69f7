import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../domain/demo/demo-accounts.ts';
import { createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';

const STRONGER = 'USER_STRONGER';

describe.each(testDatabaseTargets())('no takeover of a stronger account on $kind', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let admin: Session; // system_admin of Công đoàn phường Tân Ninh: may not grant personal_data_officer
  let officer: number; // at the same commune, holds personal_data_officer
  let viewer: number; // at the same commune, a viewer

  beforeAll(async () => {
    database = await target.open({ demo: 'province' });
    t = await createTestApp(database, `user-takeover-${target.kind}`);
    await t.addUser('quantri.tanninh', 'TNI-P01', ['system_admin']);
    officer = await t.addUser('cccd.tanninh', 'TNI-P01', ['viewer', 'personal_data_officer']);
    viewer = await t.addUser('xem.tanninh', 'TNI-P01', ['viewer']);
    admin = await t.login('quantri.tanninh');
  });

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  async function snapshot(userId: number) {
    const user = await database.db
      .selectFrom('app_user')
      .select(['full_name', 'password_hash', 'is_disabled', 'must_change_password', 'locked_until', 'failed_attempts'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const roles = await database.db
      .selectFrom('user_role')
      .select('role_code')
      .where('user_id', '=', userId)
      .orderBy('role_code')
      .execute();
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(userId))
      .where('action', 'like', 'user.%')
      .execute();
    return { user, roles, audit };
  }

  it('refuses to reset, lock, unlock, edit or change the roles of a user holding personal_data_officer', async () => {
    const officerSession = await t.login('cccd.tanninh');
    const before = await snapshot(officer);
    const attempts: [string, 'POST' | 'PATCH', string, object | undefined][] = [
      ['reset', 'POST', `/api/users/${officer}/reset-password`, undefined],
      ['lock', 'POST', `/api/users/${officer}/lock`, undefined],
      ['unlock', 'POST', `/api/users/${officer}/unlock`, undefined],
      ['edit', 'PATCH', `/api/users/${officer}`, { fullName: 'Tên bị sửa' }],
      ['roles', 'PATCH', `/api/users/${officer}`, { roles: ['viewer'] }],
      ['unit', 'PATCH', `/api/users/${officer}`, { unitId: await t.unitId('TNI-P01') }],
    ];
    for (const [name, method, url, body] of attempts) {
      const r = await admin.send(method, url, body);
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(403);
      expect(r.body.error.code).toBe(STRONGER);
      expect(r.body.error.message).toBe('Bạn không thể thay đổi tài khoản có quyền cao hơn quyền của bạn.');
    }
    // Nothing changed: same password (it still logs in), same roles, sessions alive, no audit row.
    expect(await snapshot(officer)).toEqual(before);
    expect((await officerSession.get('/api/auth/me')).status).toBe(200);
    await t.login('cccd.tanninh', DEMO_PASSWORD);
  });

  it('refuses to unlock a stronger account locked by wrong passwords', async () => {
    for (let i = 1; i <= 10; i++) await t.anonymous('POST', '/api/auth/login', { username: 'cccd.tanninh', password: `sai-${i}` });
    const unlock = await admin.send('POST', `/api/users/${officer}/unlock`);
    expect(unlock.status).toBe(403);
    expect(unlock.body.error.code).toBe(STRONGER);
    expect((await t.anonymous('POST', '/api/auth/login', { username: 'cccd.tanninh', password: DEMO_PASSWORD })).status).toBe(429);
    // Put it back as it was for the other tests.
    await database.db.updateTable('app_user').set({ failed_attempts: 0, locked_until: null }).where('id', '=', officer).execute();
  });

  it('says which accounts the caller can manage, in the list and the detail', async () => {
    const list = await admin.get('/api/users?pageSize=200');
    const manageable = Object.fromEntries(
      list.body.items.map((u: { username: string; manageable: boolean }) => [u.username, u.manageable]),
    );
    // The commune's demo accounts (union staff, a CĐCS officer) hold nothing the administrator lacks.
    expect(manageable).toEqual({
      'canbo.tanninh': true,
      'cccd.tanninh': false,
      'cdcs.demo': true,
      'quantri.tanninh': true,
      'xem.tanninh': true,
    });
    expect((await admin.get(`/api/users/${officer}`)).body.manageable).toBe(false);
    expect((await admin.get(`/api/users/${viewer}`)).body.manageable).toBe(true);
    // The province administrator holds personal_data.view: for them the officer is manageable.
    const province = await t.login('quantri');
    expect((await province.get(`/api/users/${officer}`)).body.manageable).toBe(true);
  });

  it('still lets the same administrator reset, lock, unlock and edit a viewer', async () => {
    const edited = await admin.send('PATCH', `/api/users/${viewer}`, {
      fullName: 'Người xem Tân Ninh',
      roles: ['viewer', 'grassroots_officer'],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.fullName).toBe('Người xem Tân Ninh');
    const reset = await admin.send('POST', `/api/users/${viewer}/reset-password`);
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    await t.login('xem.tanninh', reset.body.temporaryPassword);
    expect((await admin.send('POST', `/api/users/${viewer}/lock`)).body.isDisabled).toBe(true);
    expect((await admin.send('POST', `/api/users/${viewer}/unlock`)).body.isDisabled).toBe(false);
  });

  it('lets an administrator who holds every permission of the target manage it', async () => {
    const province = await t.login('quantri');
    const reset = await province.send('POST', `/api/users/${officer}/reset-password`);
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
  });
  it('refuses to revoke an API token whose role holds permissions the caller lacks, and revokes a weaker one', async () => {
    const quantri = await t.login('quantri'); // the province administrator, who holds personal_data_officer
    const p01 = await t.unitId('TNI-P01');
    const strong = await quantri.send('POST', '/api/tokens', {
      name: 'Phần mềm nhân sự tỉnh',
      unitId: p01,
      roleCode: 'personal_data_officer',
    });
    expect(strong.status, JSON.stringify(strong.body)).toBe(200);
    const refused = await admin.send('DELETE', `/api/tokens/${strong.body.item.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('TOKEN_STRONGER');
    const still = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${strong.body.token}` } });
    expect(still.statusCode).toBe(200);
    const weak = await quantri.send('POST', '/api/tokens', { name: 'Bảng chấm công', unitId: p01, roleCode: 'viewer' });
    expect((await admin.send('DELETE', `/api/tokens/${weak.body.item.id}`)).status).toBe(200);
  });
});
