import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeTargetStatusChanges } from '../../server/notifications/target-notifications.ts';
import { targetOwners } from '../../server/notifications/scheduled-notifications.repository.ts';
import { ProgressService } from '../../server/progress/progress.service.ts';
import { median, percentile } from '../harness.ts';
import { dashboardAllocatedNation } from './dashboard.scenarios.ts';
import { defineScenario, type BenchDb, type BenchContext } from './scenario.ts';

/** As target-notifications.ts batches them. */
const BATCH = 400;

interface JudgementState {
  day: string;
  owners: number[];
  /** A batch from the middle of the owners (communes and CĐCS with allocations), judged both ways. */
  sample: number[];
}

async function judgementState(db: BenchDb): Promise<JudgementState> {
  const owners = (await targetOwners(db.kysely)).map((o) => o.unitId);
  const mid = Math.floor(owners.length / 2);
  return { day: todayInVietnam(), owners, sample: owners.slice(mid, mid + BATCH) };
}

const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;

/** The previous judgement's reads: one forUnit per owner, its own targets kept. */
async function oneByOne(db: BenchDb, owners: number[], day: string): Promise<number> {
  const progress = new ProgressService(db.kysely);
  let judged = 0;
  for (const unitId of owners) judged += (await progress.forUnit(unitId, day)).filter((p) => p.owner.id === unitId).length;
  return judged;
}

/**
 * The nightly judgement of every target (notification-scheduler.ts): each batch of 400 owners
 * judged as the server judges it, timed batch by batch over the whole country; then the
 * production writer twice, as on a first night (every status saved, every target already
 * behind told) and as on the next (nothing changed). This scenario clears the bench database's
 * told statuses and target notifications first, so each run starts from a first night.
 */
export const nightlyJudgement = defineScenario<JudgementState>({
  name: 'nightly-judgement',
  description: 'judge every target on its owner, 400 owners a batch (per-batch times; the whole pass in the notes)',
  async prepare(db: BenchDb, ctx: BenchContext) {
    await dashboardAllocatedNation.prepare!(db, ctx); // the documents and the allocations to every unit
    return judgementState(db);
  },
  // Run after the server's scenarios, on the bench's own connection (the scheduler's code, in this process).
  async fixed(db) {
    const state = await judgementState(db);
    const times: number[] = [];
    let targets = 0;
    const started = performance.now();
    for (let from = 0; from < state.owners.length; from += BATCH) {
      const t0 = performance.now();
      const progress = new ProgressService(db.kysely);
      targets += (await progress.ownedBy(state.owners.slice(from, from + BATCH), state.day)).length;
      times.push(performance.now() - t0);
    }
    const pass = performance.now() - started;
    const s0 = performance.now();
    await new ProgressService(db.kysely).ownedBy(state.sample, state.day);
    const sampleBatched = performance.now() - s0;

    await sql`DELETE FROM notification WHERE kind LIKE 'target.%'`.execute(db.kysely);
    await sql`DELETE FROM notification_target_status`.execute(db.kysely);
    const w0 = performance.now();
    const toldFirst = await writeTargetStatusChanges(db.kysely, state.day);
    const firstNight = performance.now() - w0;
    const w1 = performance.now();
    const toldNext = await writeTargetStatusChanges(db.kysely, state.day);
    const nextNight = performance.now() - w1;
    return {
      runs: times.length,
      medianMs: median(times),
      p95Ms: percentile(times, 95),
      rows: targets,
      rowsPerSecond: targets / (pass / 1000),
      notes: [
        `${state.owners.length.toLocaleString('en-US')} owners, ${targets.toLocaleString('en-US')} targets on ${state.day}: the whole judgement ${ms(pass)}`,
        `the writer on a first night ${ms(firstNight)} (${toldFirst.toLocaleString('en-US')} notifications), on the next ${ms(nextNight)} (${toldNext})`,
        `the middle batch (${state.sample.length} owners) batched ${ms(sampleBatched)}`,
      ].join('; '),
    };
  },
  baseline: {
    description: 'the middle batch judged one forUnit per owner (the previous judgement)',
    runs: 3,
    async measure(db, state) {
      return { rows: await oneByOne(db, state.sample, state.day) };
    },
  },
});
