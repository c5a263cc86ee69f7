import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../domain/demo/demo-accounts.ts';
import { insertUser, setRoles } from '../users/users.repository.ts';
import { hashPassword } from './secrets.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';

const LOCKED = 'ACCOUNT_LOCKED';

describe.each(testDatabaseTargets())('login protection on $kind', (target) => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await target.open({ demo: 'province' });
    // The production default: 30 failures per address per 15 minutes.
    t = await createTestApp(database, `login-protection-${target.kind}`, { loginRateLimitPerIp: 30 });
  });

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  /** A login from a given address (each test uses its own, so the per-address count is its own). */
  async function loginFrom(ip: string, username: string, password: string) {
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
    return { status: r.statusCode, body: r.json() };
  }

  async function auditCount(action: string, userId: number): Promise<number> {
    const row = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', action)
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(userId))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('checks at most ten passwords of 60 concurrent guesses: the right one (#56) is refused and the account is locked', async () => {
    const userId = await t.addUser('dich.danh', 'TNI-P01', ['viewer']);
    const attempts = Array.from({ length: 60 }, (_, i) => (i === 55 ? DEMO_PASSWORD : `doan-sai-${i + 1}`));
    // Each from its own address: this is about the per-account count, not the per-address one.
    const results = await Promise.all(attempts.map((password, i) => loginFrom(`10.1.0.${i + 1}`, 'dich.danh', password)));

    expect(results[55]!.status, JSON.stringify(results[55]!.body)).toBe(429);
    expect(results[55]!.body.error.code).toBe(LOCKED);
    expect(results.filter((r) => r.status === 200)).toEqual([]);
    // Every checked password that was wrong leaves one auth.login_failed row: at most ten.
    expect(await auditCount('auth.login_failed', userId)).toBeLessThanOrEqual(10);
    expect(await auditCount('auth.login', userId)).toBe(0);
    expect(await auditCount('auth.lockout', userId)).toBe(1);
    expect(await auditCount('auth.login_refused_locked', userId)).toBeGreaterThanOrEqual(50);
    const row = await database.db.selectFrom('app_user').select(['locked_until']).where('id', '=', userId).executeTakeFirstOrThrow();
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    // And still locked afterwards, right password or not.
    const after = await loginFrom('10.1.1.1', 'dich.danh', DEMO_PASSWORD);
    expect(after.status).toBe(429);
    expect(after.body.error.message).toMatch(/Tài khoản tạm khóa.*thử lại sau 15 phút/);
  });

  it('a successful login resets the count: nine wrong, one right, nine wrong again is not a lockout', async () => {
    await t.addUser('go.nham', 'TNI-P01', ['viewer']);
    for (let i = 1; i <= 9; i++) expect((await loginFrom('10.2.0.1', 'go.nham', `sai-${i}`)).status).toBe(401);
    expect((await loginFrom('10.2.0.2', 'go.nham', DEMO_PASSWORD)).status).toBe(200);
    for (let i = 1; i <= 9; i++) expect((await loginFrom('10.2.0.3', 'go.nham', `sai-lai-${i}`)).status).toBe(401);
    expect((await loginFrom('10.2.0.4', 'go.nham', DEMO_PASSWORD)).status).toBe(200);
  });

  it('counts wrong current passwords on Đổi mật khẩu against the lockout: ten lock the account and end its sessions', async () => {
    const userId = await t.addUser('doi.mat.khau', 'TNI-P01', ['viewer']);
    const session = await t.login('doi.mat.khau');
    const other = await t.login('doi.mat.khau');
    for (let i = 1; i <= 9; i++) {
      const wrong = await session.send('POST', '/api/auth/change-password', {
        currentPassword: `doan-sai-${i}`,
        newPassword: 'Sen hồng 2026 nở',
      });
      expect(wrong.status, JSON.stringify(wrong.body)).toBe(400);
      expect(wrong.body.error.code).toBe('CURRENT_PASSWORD_WRONG');
    }
    const tenth = await session.send('POST', '/api/auth/change-password', {
      currentPassword: 'doan-sai-10',
      newPassword: 'Sen hồng 2026 nở',
    });
    expect(tenth.status, JSON.stringify(tenth.body)).toBe(429);
    expect(tenth.body.error.code).toBe(LOCKED);
    expect(tenth.body.error.message).toMatch(/thử lại sau 15 phút/);
    // Whoever held the session can no longer use it, nor log in with the right password.
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    const login = await loginFrom('10.3.0.1', 'doi.mat.khau', DEMO_PASSWORD);
    expect(login.status).toBe(429);
    expect(login.body.error.code).toBe(LOCKED);
    expect(await auditCount('auth.lockout', userId)).toBe(1);
  });

  it('a right current password resets the count, even when the new one is refused by the policy', async () => {
    await t.addUser('dung.cu', 'TNI-P01', ['viewer']);
    const session = await t.login('dung.cu');
    for (let i = 1; i <= 9; i++) {
      expect(
        (await session.send('POST', '/api/auth/change-password', { currentPassword: `sai-${i}`, newPassword: 'Sen hồng 2026 nở' })).status,
      ).toBe(400);
    }
    const weak = await session.send('POST', '/api/auth/change-password', { currentPassword: DEMO_PASSWORD, newPassword: 'ngan1' });
    expect(weak.body.error.code).toBe('PASSWORD_POLICY');
    expect(
      (await session.send('POST', '/api/auth/change-password', { currentPassword: 'sai-10', newPassword: 'Sen hồng 2026 nở' })).status,
    ).toBe(400);
    expect((await session.get('/api/auth/me')).status).toBe(200);
  });

  it('lets 100 logins from one address all succeed, one after another and all at once, with a few typos among them', async () => {
    for (let i = 0; i < 100; i++) {
      const r = await loginFrom('10.4.0.1', 'xem.tinh', DEMO_PASSWORD);
      expect(r.status, `login ${i + 1}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    // An office at 8:00: a hundred colleagues behind one router press Đăng nhập together, and
    // five others mistype. The running attempts take places under the bound of 30 until they
    // end, so the rest wait a moment instead of hearing "too many attempts".
    const unitId = await t.unitId('TNI-P01');
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const office = Array.from({ length: 105 }, (_, i) => `van.phong.${i + 1}`);
    for (const username of office) {
      const id = await insertUser(database.db, {
        username,
        fullName: 'Người thử văn phòng',
        unitId,
        email: null,
        phone: null,
        passwordHash,
        mustChangePassword: false,
      });
      await setRoles(database.db, id, ['viewer']);
    }
    const typos = new Set([7, 23, 48, 61, 95]);
    const results = await Promise.all(
      office.map((username, i) => loginFrom('10.4.0.2', username, typos.has(i) ? 'go-nham' : DEMO_PASSWORD)),
    );
    const refused = results.filter((r, i) => !typos.has(i) && r.status !== 200);
    expect(refused, JSON.stringify(refused.slice(0, 3))).toEqual([]);
    expect([...typos].map((i) => results[i]!.body.error.code)).toEqual(Array.from({ length: 5 }, () => 'INVALID_CREDENTIALS'));
  });

  it('locks one account after ten failures from one address, before the per-address bound', async () => {
    await t.addUser('mot.tai.khoan', 'TNI-P01', ['viewer']);
    for (let i = 1; i <= 9; i++) expect((await loginFrom('10.5.0.1', 'mot.tai.khoan', `sai-${i}`)).status).toBe(401);
    const tenth = await loginFrom('10.5.0.1', 'mot.tai.khoan', 'sai-10');
    expect(tenth.status).toBe(429);
    expect(tenth.body.error.code).toBe(LOCKED);
  });

  it('slows down failures across many accounts from one address, and only that address', async () => {
    for (let i = 0; i < 30; i++) expect((await loginFrom('10.6.0.1', `khong.co.${i}`, 'sai')).status).toBe(401);
    const limited = await loginFrom('10.6.0.1', 'xem.tinh', DEMO_PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.body.error.message).toBe('Quá nhiều lần thử từ địa chỉ này. Vui lòng thử lại sau 15 phút.');
    expect((await loginFrom('10.6.0.2', 'xem.tinh', DEMO_PASSWORD)).status).toBe(200);
  });
});
