/**
 * `npm run bench -- … --replica`: the same scenarios with the server's reads on a real hot
 * standby of the bench database's cluster (test/support/standby-cluster.ts), started for the run
 * and removed after it; while the scenarios run, a probe commits a row on the primary every
 * 250 ms and times until the standby has replayed it — the lag a dashboard reader sees.
 */
import os from 'node:os';
import pg from 'pg';
import { replayLag, standbyTools, startStandby, type Standby } from '../test/support/standby-cluster.ts';
import { median, percentile } from './harness.ts';

export interface BenchReplica {
  readUrl: string;
  /** Starts the lag probe (call when the measured runs begin). */
  probe(): void;
  /** Stops the probe; the lag samples in ms, and the load average while it ran. */
  lag(): Promise<{ samples: number; medianMs: number; p95Ms: number; maxMs: number; loadAverage: number[] }>;
  stop(): Promise<void>;
}

export async function startBenchReplica(databaseUrl: string, log: (line: string) => void): Promise<BenchReplica> {
  const tools = await standbyTools(databaseUrl);
  if ('missing' in tools) throw new Error(`--replica: ${tools.missing}`);
  const started = performance.now();
  const standby: Standby = await startStandby(databaseUrl, tools);
  log(`standby on port ${standby.port}: pg_basebackup and start in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const onPrimary = new pg.Client({ connectionString: databaseUrl });
  const onStandby = new pg.Client({ connectionString: standby.urlFor(databaseUrl) });
  await Promise.all([onPrimary.connect(), onStandby.connect()]);
  await onPrimary.query('CREATE TABLE IF NOT EXISTS bench_replica_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
  await replayLag(onPrimary, onStandby);
  const samples: number[] = [];
  let running: Promise<void> | null = null;
  let stopping = false;
  return {
    readUrl: standby.urlFor(databaseUrl),
    probe() {
      running = (async () => {
        while (!stopping) {
          await onPrimary.query('INSERT INTO bench_replica_probe DEFAULT VALUES');
          samples.push((await replayLag(onPrimary, onStandby)) * 1000);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })();
    },
    async lag() {
      stopping = true;
      await running;
      return {
        samples: samples.length,
        medianMs: median(samples),
        p95Ms: percentile(samples, 95),
        maxMs: Math.max(...samples),
        loadAverage: os.loadavg(),
      };
    },
    async stop() {
      stopping = true;
      await running?.catch(() => undefined);
      await onPrimary.query('DROP TABLE IF EXISTS bench_replica_probe').catch(() => undefined);
      await Promise.all([onPrimary.end(), onStandby.end()]);
      await standby.stop();
    },
  };
}
