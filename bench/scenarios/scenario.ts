import type { Kysely } from 'kysely';
import type { ScenarioResult } from '../harness.ts';

/**
 * A named benchmark scenario. The runner gives it a direct database connection to prepare
 * (pick units, compute cursors) and to time its naive baseline, and an HTTP session on the
 * real server to time the real thing. Adding a scenario is one object in `bench/scenarios/index.ts`.
 */
export interface BenchDb {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** The same connection as Kysely, for baselines that run the application's own code (e.g. the raw progress path). */
  kysely: Kysely<any>;
}

export interface BenchHttp {
  /** GET with the session cookie; the body is read to the end before the timer stops. */
  get(path: string): Promise<{ status: number; body: string }>;
  /** POST JSON with the session cookie and CSRF token; any status is returned, not thrown. */
  post(path: string, body: unknown): Promise<{ status: number; body: string }>;
}

export interface BenchContext {
  scale: string;
  database: 'postgres' | 'pglite';
  /** The province the list scenarios read (the largest of the dataset). */
  province: { id: number; code: string; path: string; members: number };
  /** A commune of that province (the one with the most members), for exports. */
  commune: { id: number; code: string; path: string; members: number };
}

export interface Measured {
  rows?: number;
}

export interface Scenario<S = unknown> {
  name: string;
  description: string;
  /** Timed runs after `warmup` untimed ones (defaults 40 and 5). */
  runs?: number;
  warmup?: number;
  prepare?(db: BenchDb, ctx: BenchContext): Promise<S>;
  /** One timed request against the server. */
  measure?(http: BenchHttp, state: S, ctx: BenchContext): Promise<Measured>;
  /** A result computed rather than timed here (e.g. the load's own timings). */
  fixed?(db: BenchDb, ctx: BenchContext): Promise<Omit<ScenarioResult, 'name' | 'description'>>;
  baseline?: {
    description: string;
    runs?: number;
    measure(db: BenchDb, state: S, ctx: BenchContext): Promise<Measured>;
  };
  notes?(state: S, ctx: BenchContext): string;
}

export const defineScenario = <S>(s: Scenario<S>): Scenario<S> => s;
