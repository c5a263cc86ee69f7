import { defineScenario, type BenchDb } from './scenario.ts';

/**
 * The dataset's own creation, as `tiendo demo --scale …` measured and recorded it in the audit
 * row it writes (one run: loading 11 M members is not repeated inside a benchmark).
 */
interface LoadDetail {
  seconds: number;
  rows: Record<string, number>;
  phases: { name: string; seconds: number; rows?: number }[];
}

async function loadDetail(db: BenchDb): Promise<LoadDetail> {
  const [row] = await db.query<{ detail: LoadDetail }>(
    `SELECT detail FROM audit_log WHERE action = 'demo.create' AND detail ? 'phases' ORDER BY id DESC LIMIT 1`,
  );
  if (!row) throw new Error('no national-shaped load recorded in audit_log: load the data with `tiendo demo --scale …` first');
  return row.detail;
}

const phase = (d: LoadDetail, prefix: string) => d.phases.find((p) => p.name.startsWith(prefix));

export const generate = defineScenario({
  name: 'generate',
  description: 'data generation: the generator streamed into COPY-text files (from the load, 1 run)',
  async fixed(db) {
    const d = await loadDetail(db);
    const p = phase(d, 'Sinh dữ liệu')!;
    return {
      runs: 1,
      medianMs: p.seconds * 1000,
      p95Ms: p.seconds * 1000,
      rows: p.rows,
      rowsPerSecond: (p.rows ?? 0) / p.seconds,
      notes: `rows per table: ${Object.entries(d.rows)
        .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
        .join(', ')}`,
    };
  },
});

export const load = defineScenario({
  name: 'load',
  description: 'whole load: drop indexes, generate, COPY, rebuild indexes and constraints, VACUUM ANALYZE (from the load, 1 run)',
  async fixed(db) {
    const d = await loadDetail(db);
    const rows = Object.values(d.rows).reduce((s, n) => s + n, 0);
    return {
      runs: 1,
      medianMs: d.seconds * 1000,
      p95Ms: d.seconds * 1000,
      rows,
      rowsPerSecond: rows / d.seconds,
      notes: d.phases
        .map(
          (p) =>
            `${p.name} ${p.seconds.toFixed(1)} s${p.rows ? ` (${Math.round(p.rows / p.seconds).toLocaleString('en-US')} rows/s)` : ''}`,
        )
        .join('; '),
    };
  },
});
