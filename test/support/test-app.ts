import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD } from '../../domain/demo/demo-accounts.ts';
import { buildApp } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/secrets.ts';
import { findUnitByCode } from '../../server/org/org.repository.ts';
import { insertUser, setRoles } from '../../server/users/users.repository.ts';
import { capturedLogger } from './log-capture.ts';
import { loadTestDemo, type DemoKind, type TestDatabase, type TestDatabaseTarget } from './test-database.ts';

export interface Session {
  cookie: string;
  csrf: string;
  get(url: string): Promise<{ status: number; body: any }>;
  send(
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    options?: { csrf?: boolean },
  ): Promise<{ status: number; body: any }>;
  /** One file as the multipart field "file", as the browser sends it. */
  upload(method: 'POST' | 'PUT', url: string, fileName: string, content: Buffer): Promise<{ status: number; body: any }>;
}

const BOUNDARY = 'tiendo-test-boundary';

/** The content-type header of a `multipartFile` body. */
export const MULTIPART_CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** One file as the multipart field "file", as the browser sends it (the body; its header is MULTIPART_CONTENT_TYPE). */
export function multipartFile(fileName: string, content: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

export interface TestApp {
  app: FastifyInstance;
  login(username: string, password?: string): Promise<Session>;
  anonymous(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>;
  unitId(code: string): Promise<number>;
  /** The ids of several units, in the order of their codes. */
  unitIds<const Codes extends readonly string[]>(...codes: Codes): Promise<{ [K in keyof Codes]: number }>;
  /** A ready account (no forced password change) for tests; password = DEMO_PASSWORD. */
  addUser(username: string, unitCode: string, roles: string[], phone?: string | null): Promise<number>;
  /** Gives the account an e-mail address (null: none), where a test follows what is mailed. */
  setEmail(username: string, email: string | null): Promise<void>;
  close(): Promise<void>;
}

/** The app on a test database with the demo province and accounts, logging to captured files. */
export async function createTestApp(
  database: TestDatabase,
  name: string,
  options: { loginRateLimitPerIp?: number; demoRegistries?: boolean; smtpUrl?: string; metricsToken?: string; trustProxy?: string } = {},
): Promise<TestApp> {
  // The demo's 50,000 members only where a test needs them: most tests count their own rows.
  // A database opened with the demo (`open({ demo })`, as tests do) already has it: this then
  // finds units and loads nothing.
  await loadTestDemo(database.db, demoOf(options));
  const app = await buildApp({
    database,
    config: {
      secureCookies: false,
      smtpUrl: options.smtpUrl ?? null,
      metricsToken: options.metricsToken ?? null,
      trustProxy: options.trustProxy ?? null,
    },
    logger: capturedLogger(name),
    serveWebApp: false,
    loginRateLimitPerIp: options.loginRateLimitPerIp ?? 10_000,
  });
  const parse = (r: { statusCode: number; body: string }) => ({ status: r.statusCode, body: r.body ? JSON.parse(r.body) : null });
  const testApp: TestApp = {
    app,
    async login(username, password = DEMO_PASSWORD) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      expect(response.statusCode, response.body).toBe(200);
      const cookie = response.cookies.find((c) => c.name === 'tiendo_session')!;
      const csrf = response.json().csrfToken as string;
      const headers = { cookie: `tiendo_session=${cookie.value}` };
      return {
        cookie: cookie.value,
        csrf,
        get: async (url) => parse(await app.inject({ method: 'GET', url, headers })),
        send: async (method, url, body, opts = {}) =>
          parse(
            await app.inject({
              method,
              url,
              payload: body === undefined ? undefined : (body as object),
              headers: opts.csrf === false ? headers : { ...headers, 'x-csrf-token': csrf },
            }),
          ),
        upload: async (method, url, fileName, content) =>
          parse(
            await app.inject({
              method,
              url,
              payload: multipartFile(fileName, content),
              headers: { ...headers, 'x-csrf-token': csrf, 'content-type': MULTIPART_CONTENT_TYPE },
            }),
          ),
      };
    },
    anonymous: async (method, url, body) => parse(await app.inject({ method: method as 'GET', url, payload: body as object | undefined })),
    async unitId(code) {
      const unit = await findUnitByCode(database.db, code, '2026-01-01');
      if (!unit) throw new Error(`no unit ${code}`);
      return Number(unit.id);
    },
    unitIds: (...codes) => Promise.all(codes.map((code) => testApp.unitId(code))) as never,
    async addUser(username, unitCode, roles, phone = null) {
      const id = await insertUser(database.db, {
        username,
        fullName: `Người thử ${username}`,
        unitId: await testApp.unitId(unitCode),
        email: null,
        phone,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        mustChangePassword: false,
      });
      await setRoles(database.db, id, roles);
      return id;
    },
    async setEmail(username, email) {
      await database.db.updateTable('app_user').set({ email }).where('username', '=', username).execute();
    },
    close: () => app.close(),
  };
  return testApp;
}

/**
 * Closes what a test file opened, in order (the app before its database), skipping what a failed
 * beforeAll never opened.
 */
export async function closeAll(...opened: ({ close(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const item of opened) await item?.close();
}

/**
 * The app on a fresh test database for the enclosing describe block: both opened before its tests
 * (ahead of the block's own beforeAll, registered later) and closed after them. The two objects are
 * filled in when the block starts, so its hooks and tests use them as they are.
 */
export function useTestApp(
  target: TestDatabaseTarget,
  name: string,
  options: Parameters<typeof createTestApp>[2] = {},
): { database: TestDatabase; t: TestApp } {
  const database = {} as TestDatabase;
  const t = {} as TestApp;
  beforeAll(async () => {
    Object.assign(database, await target.open({ demo: demoOf(options) }));
    Object.assign(t, await createTestApp(database, name, options));
  }, 300_000);
  // What a failed beforeAll never opened stays an empty object: nothing to close.
  afterAll(() => closeAll(...[t, database].filter((opened) => 'close' in opened)));
  return { database, t };
}

function demoOf(options: { demoRegistries?: boolean }): DemoKind {
  return options.demoRegistries ? 'registries' : 'province';
}
