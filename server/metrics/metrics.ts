import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { Database } from '../db/database.ts';

/**
 * What /metrics exposes (docs/replica-and-metrics.md). One registry per app, not prom-client's
 * global one: tests build many apps in one process, and each must count only its own requests.
 *
 * Labels never carry a raw URL: the route label is the pattern Fastify matched
 * ("/api/targets/:id/breakdown"), so no id, name or search text reaches the scraper.
 */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const WAIT_BUCKETS = [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10];
const JOB_BUCKETS = [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

/** Requests that produce a report file: timed as report jobs besides their request latency. */
const REPORT_JOB_ROUTES: Record<string, string> = {
  'GET /api/report-documents': 'report_document',
  'POST /api/reports/workbooks': 'report_workbooks',
  'GET /api/reports/:id/workbook': 'report_workbook',
};

/** The reminder kinds of the reporting calendar (domain/notifications/report-reminders.ts). */
const REMINDER_KINDS = ['report.due_in_7', 'report.due_in_1', 'report.overdue'];

export interface AppMetrics {
  registry: Registry;
  /** The exposition: this app's metrics and the process's. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

let processMetrics: Registry | null = null;
/**
 * The process's own metrics (CPU, memory, event-loop lag, GC), once per process and only from the
 * first scrape: each collection starts observers that never stop, which a test process building
 * hundreds of apps should not pile up.
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics, prefix: 'tiendo_' });
  }
  return processMetrics;
}

export function registerMetrics(app: FastifyInstance, database: Database): AppMetrics {
  const registry = new Registry();

  const latency = new Histogram({
    name: 'tiendo_http_request_duration_seconds',
    help: 'Thời gian trả lời yêu cầu HTTP, theo mẫu đường dẫn (route)',
    labelNames: ['method', 'route', 'status_code'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const reportJobs = new Histogram({
    name: 'tiendo_report_job_duration_seconds',
    help: 'Thời gian lập tệp báo cáo (văn bản báo cáo, sổ báo cáo Excel)',
    labelNames: ['job', 'outcome'],
    buckets: JOB_BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // An unmatched URL has no pattern: one label for all of them, never the URL itself.
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    const seconds = reply.elapsedTime / 1000;
    latency.observe({ method: request.method, route, status_code: String(reply.statusCode) }, seconds);
    const job = REPORT_JOB_ROUTES[`${request.method} ${route}`];
    if (job) reportJobs.observe({ job, outcome: reply.statusCode < 400 ? 'ok' : 'error' }, seconds);
  });

  registerPoolMetrics(app, registry, database);
  registerDataMetrics(registry, database);
  return {
    registry,
    async scrape() {
      const merged = Registry.merge([registry, processRegistry()]);
      return { contentType: registry.contentType, body: await merged.metrics() };
    },
  };
}

function registerPoolMetrics(app: FastifyInstance, registry: Registry, database: Database): void {
  new Gauge({
    name: 'tiendo_db_pool_connections',
    help: 'Kết nối của nhóm kết nối cơ sở dữ liệu: total (đang mở), idle (rảnh), waiting (yêu cầu đang chờ), max (tối đa)',
    labelNames: ['pool', 'state'],
    registers: [registry],
    collect() {
      for (const pool of database.pools) {
        const s = pool.stats();
        this.set({ pool: pool.name, state: 'total' }, s.total);
        this.set({ pool: pool.name, state: 'idle' }, s.idle);
        this.set({ pool: pool.name, state: 'waiting' }, s.waiting);
        this.set({ pool: pool.name, state: 'max' }, pool.max);
      }
    },
  });
  const wait = new Histogram({
    name: 'tiendo_db_pool_wait_seconds',
    help: 'Thời gian chờ để lấy một kết nối từ nhóm kết nối',
    labelNames: ['pool'],
    buckets: WAIT_BUCKETS,
    registers: [registry],
  });
  const unsubscribe = database.pools.map((pool) => pool.onWait((seconds) => wait.observe({ pool: pool.name }, seconds)));
  app.addHook('onClose', async () => unsubscribe.forEach((u) => u()));

  const replica = database.replica;
  if (!replica) return;
  new Gauge({
    name: 'tiendo_db_replica_healthy',
    help: '1: các truy vấn đọc dùng bản sao; 0: bản sao lỗi, đang đọc từ máy chủ chính',
    registers: [registry],
    collect() {
      this.set(replica.healthy ? 1 : 0);
    },
  });
  new Counter({
    name: 'tiendo_db_reads_total',
    help: 'Số lần lấy kết nối đọc: replica (bản sao), primary_fallback (bản sao lỗi), primary_sticky (người vừa ghi đọc từ máy chủ chính)',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ target: 'replica' }, replica.counts.replica);
      this.inc({ target: 'primary_fallback' }, replica.counts.primaryFallback);
      this.inc({ target: 'primary_sticky' }, replica.counts.primarySticky);
    },
  });
  new Gauge({
    name: 'tiendo_db_replica_lag_seconds',
    help: 'Độ trễ phát lại của bản sao theo máy chủ chính (pg_stat_replication.replay_lag; 0 khi không có thay đổi chờ)',
    registers: [registry],
    async collect() {
      const lag = await replicationLagSeconds(database).catch(() => null);
      if (lag !== null) this.set(lag);
    },
  });
}

/** The largest replay lag the primary reports for its standbys; null when it reports none. */
export async function replicationLagSeconds(database: Pick<Database, 'db'>): Promise<number | null> {
  const row = await sql<{ lag: number | null }>`
    SELECT max(extract(epoch FROM coalesce(replay_lag, interval '0')))::float8 AS lag FROM pg_stat_replication`.execute(database.db);
  return row.rows[0]?.lag ?? null;
}

/**
 * Counts kept in the database, read at scrape time from the primary: they survive restarts and
 * cover every server process, which in-process counters would not.
 */
function registerDataMetrics(registry: Registry, database: Database): void {
  const db = database.db;
  new Gauge({
    name: 'tiendo_import_jobs',
    help: 'Số lượt nhập dữ liệu theo sổ (registry) và trạng thái (running, done, failed)',
    labelNames: ['registry', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db
        .selectFrom('import_job')
        .select(['registry', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['registry', 'status'])
        .execute();
      for (const r of rows) this.set({ registry: r.registry, status: r.status }, Number(r.n));
    },
  });
  registry.registerMetric(importDurations(database) as never);
  new Gauge({
    name: 'tiendo_reminder_deliveries',
    help: 'Nhắc hạn báo cáo đã gửi: in_app (trong ứng dụng) và email theo trạng thái (pending, sending, sent, dead)',
    labelNames: ['kind', 'channel', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const inApp = await db
        .selectFrom('notification')
        .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where('kind', 'in', REMINDER_KINDS)
        .groupBy('kind')
        .execute();
      for (const r of inApp) this.set({ kind: r.kind, channel: 'in_app', status: 'delivered' }, Number(r.n));
      const email = await db
        .selectFrom('notification_delivery as d')
        .innerJoin('notification as n', 'n.id', 'd.notification_id')
        .select(['n.kind', 'd.status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('n.kind', 'in', REMINDER_KINDS)
        .groupBy(['n.kind', 'd.status'])
        .execute();
      for (const r of email) this.set({ kind: r.kind, channel: 'email', status: r.status }, Number(r.n));
    },
  });
}

/**
 * Import durations as a Prometheus histogram computed in SQL from the jobs' start and finish
 * times (one grouped query, whatever the number of jobs), so it covers every process and
 * restart. prom-client's Histogram only counts observations made in this process, hence a
 * metric object of our own with the same exposition.
 */
function importDurations(database: Database) {
  const name = 'tiendo_import_job_duration_seconds';
  return {
    name,
    help: 'Thời gian chạy của các lượt nhập dữ liệu đã kết thúc',
    type: 'histogram',
    aggregator: 'sum',
    reset() {},
    async get(): Promise<MetricObjectWithValues<MetricValue<string>>> {
      const bounds = sql.join(JOB_BUCKETS.map((b) => sql`count(*) FILTER (WHERE s <= ${b})::int`));
      const rows = (
        await sql<{ registry: string; status: string; n: number; total: number; buckets: number[] }>`
        SELECT registry, status, count(*)::int AS n, coalesce(sum(s), 0)::float8 AS total, ARRAY[${bounds}] AS buckets
        FROM (SELECT registry, status, extract(epoch FROM finished_at - started_at)::float8 AS s FROM import_job WHERE finished_at IS NOT NULL) j
        GROUP BY registry, status`.execute(database.db)
      ).rows;
      const values: MetricValue<string>[] = [];
      for (const r of rows) {
        const labels = { registry: r.registry, status: r.status };
        JOB_BUCKETS.forEach((le, i) =>
          values.push({ metricName: `${name}_bucket`, labels: { ...labels, le }, value: Number(r.buckets[i]) } as MetricValue<string>),
        );
        values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: r.n } as MetricValue<string>);
        values.push({ metricName: `${name}_sum`, labels, value: r.total } as MetricValue<string>);
        values.push({ metricName: `${name}_count`, labels, value: r.n } as MetricValue<string>);
      }
      return { name, help: this.help, type: 'histogram' as never, values, aggregator: 'sum' } as unknown as MetricObjectWithValues<
        MetricValue<string>
      >;
    },
  };
}
