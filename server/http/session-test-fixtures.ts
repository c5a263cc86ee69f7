// Test-only: the sessions and unit ids the tests of one describe block share.
import { beforeAll } from 'vitest';
import type { Session, TestApp } from '../../test/support/test-app.ts';

/**
 * Logs in `logins` (name → username) and looks up `units` (name → unit code) once, in a beforeAll
 * that runs after useTestApp's and before the block's own. Like useTestApp, the object answered
 * now is filled then: read it inside hooks and tests.
 */
export function useSessions<L extends string, U extends string = never>(
  t: TestApp,
  logins: Record<L, string>,
  units: Record<U, string> = {} as Record<U, string>,
): Record<L, Session> & Record<U, number> {
  const found = {} as Record<string, Session | number>;
  beforeAll(async () => {
    for (const [name, username] of Object.entries<string>(logins)) found[name] = await t.login(username);
    for (const [name, code] of Object.entries<string>(units)) found[name] = await t.unitId(code);
  });
  return found as Record<L, Session> & Record<U, number>;
}
