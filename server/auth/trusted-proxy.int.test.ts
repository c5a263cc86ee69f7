import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../domain/demo/demo-accounts.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';

/**
 * Behind a reverse proxy every request reaches the server from the proxy's address. With
 * TIENDO_TRUST_PROXY naming the proxy, the login limit counts per real caller (X-Forwarded-For);
 * without it the header is ignored, so nobody can dodge the limit by inventing addresses.
 */
const login = (t: TestApp, from: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'quantri', password },
    headers: { 'x-forwarded-for': from },
  });

describe.each(testDatabaseTargets())('a trusted reverse proxy ($kind)', (target) => {
  let database: TestDatabase;
  let behindProxy: TestApp;
  let direct: TestApp;
  beforeAll(async () => {
    database = await target.open({ demo: 'province' });
    behindProxy = await createTestApp(database, 'trusted-proxy', { loginRateLimitPerIp: 3, trustProxy: 'loopback' });
    direct = await createTestApp(database, 'untrusted-proxy', { loginRateLimitPerIp: 3 });
  });
  afterAll(async () => {
    await behindProxy?.close();
    await direct?.close();
    await database?.close();
  });

  it('counts failures per caller named by the proxy: one guesser is slowed, a colleague signs in', async () => {
    for (let i = 0; i < 3; i++) expect((await login(behindProxy, '203.0.113.5', 'sai-mat-khau')).statusCode).toBe(401);
    const guesser = await login(behindProxy, '203.0.113.5', DEMO_PASSWORD);
    expect(guesser.statusCode).toBe(429);
    expect(guesser.json().error.message).toMatch(/Quá nhiều lần thử từ địa chỉ này/);
    expect((await login(behindProxy, '198.51.100.7', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For when no proxy is trusted: a new header per guess does not reset the count', async () => {
    for (let i = 0; i < 3; i++) expect((await login(direct, `203.0.113.${10 + i}`, 'sai-mat-khau')).statusCode).toBe(401);
    expect((await login(direct, '198.51.100.99', DEMO_PASSWORD)).statusCode).toBe(429);
  });
});
