import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../domain/demo/demo-accounts.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';
import type { RouteRecord } from './route-access.ts';

/** Runs per route; with a fixed seed the walk is the same on every machine (override: FUZZ_SEED). */
const RUNS_PER_ROUTE = 25;
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[] };

/** Values a hostile or careless client sends: NUL bytes, huge and odd numbers, wrong types, long text. */
const hostileScalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`),
  fc.constant('\u0000'),
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2, 3, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e20, 1e300, -1e300, 0.5),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '2026-02-30',
    '9999-99-99',
    '0000-00-00',
    '2026-12-31T25:00',
    '9'.repeat(40),
    'x'.repeat(5000),
    "'; DROP TABLE member; --",
    '../../etc/passwd',
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 3 }) },
);

/** A value shaped like the schema's type most of the time (to get past validation), hostile otherwise. */
function valueFor(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const type = [schema?.type ?? schema?.anyOf?.[0]?.type].flat()[0];
  const typed =
    type === 'integer'
      ? fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(2 ** 31, 2 ** 53, 1e20))
      : type === 'number'
        ? fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 1e300))
        : type === 'boolean'
          ? fc.boolean()
          : type === 'array'
            ? fc.array(valueFor(schema?.items), { maxLength: 3 })
            : type === 'object'
              ? objectFor(schema)
              : fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('2026-01-01', '2026-02-30', 'cdcs-nam', 'members', '\u0000'));
  return fc.oneof({ weight: 3, arbitrary: typed }, { weight: 1, arbitrary: hostileValue });
}

function objectFor(schema: Schema | undefined): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(schema?.properties ?? {});
  if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 3 });
  return fc.record(Object.fromEntries(keys.map((k) => [k, valueFor(schema!.properties![k])])), { requiredKeys: [] });
}

const asQueryValue = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

function requestFor(route: RouteRecord): fc.Arbitrary<{ url: string; body: unknown }> {
  const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  return fc
    .record({
      params: fc.tuple(...params.map(() => fc.oneof(fc.integer({ min: 1, max: 40 }).map(String), hostileScalar.map(asQueryValue)))),
      query: objectFor(route.schema.querystring as Schema),
      body:
        route.method === 'GET'
          ? fc.constant(undefined)
          : fc.oneof({ weight: 5, arbitrary: objectFor(route.schema.body as Schema) }, { weight: 1, arbitrary: hostileValue }),
    })
    .map(({ params: values, query, body }) => {
      let url = route.url;
      params.forEach((name, i) => {
        url = url.replace(`:${name}`, encodeURIComponent(values[i] ?? '1') || '1');
      });
      const qs = new URLSearchParams(
        Object.entries(query)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, asQueryValue(v)]),
      ).toString();
      return { url: qs ? `${url}?${qs}` : url, body };
    });
}

/**
 * Random requests to every route as an administrator of the province (so that most requests get
 * past access to the handlers): whatever arrives, the answer is never a 500.
 */
describe.each(testDatabaseTargets())('hostile input on every route, $kind', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let headers: Record<string, string>;

  const signIn = async () => {
    // A random request may lock or log out the fuzzing account: put it back, then sign in again.
    await database.db
      .updateTable('app_user')
      .set({ failed_attempts: 0, locked_until: null })
      .where('username', '=', 'fuzz.quantri')
      .execute();
    const session = await t.login('fuzz.quantri', DEMO_PASSWORD);
    headers = { cookie: `tiendo_session=${session.cookie}`, 'x-csrf-token': session.csrf };
  };

  beforeAll(async () => {
    database = await target.open({ demo: 'province' });
    t = await createTestApp(database, `fuzz-${target.kind}`, { demoRegistries: false });
    await t.addUser('fuzz.quantri', 'TNI', ['system_admin', 'union_staff', 'personal_data_officer']);
    await signIn();
  });

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('refuses a NUL byte anywhere with a Vietnamese 400: list filters, JSON text, file names, exports (finding 10)', async () => {
    const call = (method: string, url: string, body?: unknown) =>
      t.app.inject({ method: method as 'GET', url, headers, payload: body as object });
    for (const url of [
      '/api/members?q=%00',
      '/api/org/search?q=a%00b',
      '/api/employers?q=%00',
      '/api/documents/search?q=%00',
      '/api/members/export?format=csv&q=%00',
      '/api/report-templates/%00/rules',
    ]) {
      const r = await call(url.includes('rules') ? 'PUT' : 'GET', url, url.includes('rules') ? { rules: [] } : undefined);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(400);
      expect(r.json().error.code).toBe('INVALID_CHARACTER');
      expect(r.json().error.message).toMatch(/ký tự NUL/);
    }
    const unit = await t.unitId('TNI-P01-0001');
    const member = await call('POST', '/api/members', {
      fullName: 'Nguyễn\u0000Văn A',
      gender: 'male',
      birthDate: '1990-01-01',
      joinedOn: '2015-01-01',
      cdcsUnitId: unit,
    });
    expect(member.statusCode).toBe(400);
    expect(member.json().error.issues[0].path).toBe('fullName');
    const boundary = 'nul-boundary';
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/documents/upload?unitId=${await t.unitId('TNI')}`,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ke\u0000hoach.txt"\r\n\r\nĐến năm 2030 có 100 đoàn viên.\r\n--${boundary}--\r\n`,
    });
    expect(upload.statusCode, upload.body).toBe(400);
    expect(upload.json().error.code).toBe('INVALID_CHARACTER');
  });

  it('answers every route without a 500, whatever it is sent (fixed-seed property walk)', async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api') && !r.url.startsWith('/api/docs'));
    let sent = 0;
    const errors: string[] = [];
    const statuses: Record<number, number> = {};
    for (const route of routes) {
      await fc
        .assert(
          fc.asyncProperty(requestFor(route), async ({ url, body }) => {
            let response = await t.app.inject({
              method: route.method as 'GET',
              url,
              headers,
              payload: body === undefined ? undefined : JSON.stringify(body),
              ...(body !== undefined && { headers: { ...headers, 'content-type': 'application/json' } }),
            });
            sent++;
            statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
            if (response.statusCode === 401) {
              await signIn();
              response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
            }
            if (response.statusCode >= 500) errors.push(`${route.method} ${url} → ${response.statusCode} ${response.body.slice(0, 200)}`);
            return response.statusCode < 500;
          }),
          { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    console.log(
      `fuzz on ${target.kind}: ${sent} requests to ${routes.length} routes (seed ${SEED}), ${errors.length} answered 5xx; by status ${JSON.stringify(statuses)}`,
    );
    expect(errors).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(routes.length * RUNS_PER_ROUTE);
  }, 240_000); // 25 requests to each of 120+ routes: over a minute on a busy 2-core machine
});
