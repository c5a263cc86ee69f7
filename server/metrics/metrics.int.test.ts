import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { LATEST_MIGRATION } from '../db/migrator.ts';
import { createJob } from '../imports/import-job.repository.ts';

const TOKEN = 'khoa-prometheus-thu-nghiem-0123456789';

/** The value of one series in Prometheus text, or null when it is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelPart = line.slice(name.length).match(/^\{(.*)\}/)?.[1] ?? '';
    const have = labelPart.split(/,(?=\w+=")/);
    if (wanted.every((w) => have.includes(w))) return Number(line.split(' ').at(-1));
  }
  return null;
}

describe.each(testDatabaseTargets())('health and metrics on $kind', (target) => {
  const { database, t } = useTestApp(target, `metrics-${target.kind}`, { metricsToken: TOKEN });
  let staff: Session;

  beforeAll(async () => {
    staff = await t.login('canbo.tinh');
  });

  const scrape = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    t.app.inject({ method: 'GET', url: '/metrics', headers });

  it('answers liveness without the database and readiness with it', async () => {
    const live = await t.anonymous('GET', '/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('alive');
    const ready = await t.anonymous('GET', '/api/health/ready');
    expect(ready.status, JSON.stringify(ready.body)).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['migrations', true],
    ]);
    // The older endpoint the e2e server and the CLI wait on still answers as before.
    const health = await t.anonymous('GET', '/api/health');
    expect(health.body.status).toBe('ok');
  });

  it('is not ready while the schema is behind the code, and says what to run', async () => {
    const row = await sql<{
      name: string;
      timestamp: string;
    }>`SELECT name, timestamp FROM kysely_migration WHERE name = ${LATEST_MIGRATION}`.execute(database.db);
    await sql`DELETE FROM kysely_migration WHERE name = ${LATEST_MIGRATION}`.execute(database.db);
    try {
      const ready = await t.anonymous('GET', '/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe('not_ready');
      const migrations = ready.body.checks.find((c: { name: string }) => c.name === 'migrations');
      expect(migrations.ok).toBe(false);
      expect(migrations.detail).toContain('tiendo migrate');
    } finally {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${row.rows[0]!.name}, ${row.rows[0]!.timestamp})`.execute(
        database.db,
      );
    }
  });

  it('shows non-zero latency histograms for /api/progress after some requests, under the route pattern', async () => {
    const tni = await t.unitId('TNI');
    for (let i = 0; i < 3; i++) expect((await staff.get(`/api/progress?unitId=${tni}`)).status).toBe(200);
    await staff.get('/api/members?q=nguy%E1%BB%85n%20v%C4%83n');
    await t.anonymous('GET', '/api/khong-co-duong-nay/12345');

    const response = await scrape();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    const labels = { method: 'GET', route: '/api/progress', status_code: '200' };
    expect(sample(text, 'tiendo_http_request_duration_seconds_count', labels)).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'tiendo_http_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
    expect(sample(text, 'tiendo_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBeGreaterThanOrEqual(3);
    // Patterns only: no id, no search words, no unmatched URL in any label.
    const routes = [...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]!);
    expect(routes).toContain('unmatched');
    for (const route of routes) expect(route).not.toMatch(/\d|\?|nguy|khong-co/);
    // The connection pool: its size, and the waits of the requests above.
    expect(sample(text, 'tiendo_db_pool_connections', { pool: 'primary', state: 'max' })).toBeGreaterThan(0);
    expect(sample(text, 'tiendo_db_pool_wait_seconds_count', { pool: 'primary' })).toBeGreaterThan(0);
    // The process's own figures come along (memory, event-loop lag).
    expect(text).toContain('tiendo_process_resident_memory_bytes');
    expect(text).toContain('tiendo_nodejs_eventloop_lag_seconds');
  });

  it('counts import jobs and their durations from the database, and the reminder deliveries', async () => {
    const tni = await t.unitId('TNI');
    const job = await createJob(database.db, {
      registry: 'members',
      fileName: 'ds.xlsx',
      sha256: 'x',
      scopeUnitId: tni,
      dryRun: false,
      createdBy: null,
      headerTitles: [],
      startedAt: new Date('2026-12-06T10:00:00Z'),
    });
    await database.db
      .updateTable('import_job')
      .set({ status: 'done', finished_at: new Date('2026-12-06T10:00:42Z') })
      .where('id', '=', job)
      .execute();
    const text = (await scrape()).body;
    expect(sample(text, 'tiendo_import_jobs', { registry: 'members', status: 'done' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tiendo_import_job_duration_seconds_count', { registry: 'members', status: 'done' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tiendo_import_job_duration_seconds_sum', { registry: 'members', status: 'done' })).toBeGreaterThanOrEqual(42);
    expect(sample(text, 'tiendo_import_job_duration_seconds_bucket', { registry: 'members', status: 'done', le: '30' })).toBe(0);
    expect(
      sample(text, 'tiendo_import_job_duration_seconds_bucket', { registry: 'members', status: 'done', le: '60' }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toContain('# TYPE tiendo_reminder_deliveries gauge');
    expect(text).toContain('# TYPE tiendo_report_job_duration_seconds histogram');
  });

  it('refuses a scrape without the token, or with a wrong one', async () => {
    const without = await scrape({});
    expect(without.statusCode).toBe(401);
    expect(without.json().error.code).toBe('METRICS_TOKEN_REQUIRED');
    expect(without.body).not.toContain('tiendo_http_request_duration_seconds');
    const wrong = await scrape({ authorization: 'Bearer khong-phai-khoa' });
    expect(wrong.statusCode).toBe(401);
    // A session is not a metrics token either.
    const withSession = await t.app.inject({ method: 'GET', url: '/metrics', headers: { cookie: `tiendo_session=${staff.cookie}` } });
    expect(withSession.statusCode).toBe(401);
  });
});
