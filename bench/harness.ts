import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The yardstick every performance claim uses: named scenarios, repeated runs, median and p95,
 * a baseline measured in the same run where there is an obvious naive way, the machine named,
 * results written as JSON and Markdown under bench/results/.
 */
export interface ScenarioResult {
  name: string;
  description: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  rows?: number;
  rowsPerSecond?: number;
  peakRssMb?: number;
  baseline?: { description: string; medianMs: number; ratio: number };
  notes?: string;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export function machine() {
  let pgVersion = 'n/a';
  try {
    pgVersion = execSync('psql --version', { encoding: 'utf8' }).trim();
  } catch {
    /* no psql client */
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    postgres: pgVersion,
    platform: `${os.platform()} ${os.release()}`,
  };
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // process gone
  }
}

function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Peak resident memory of a process and its children together (e.g. the CLI and its PGlite child), sampled from /proc. */
export function watchPeakRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => {
    const tree = [pid, ...childrenOf(pid)];
    peak = Math.max(
      peak,
      tree.reduce((sum, p) => sum + rssKb(p), 0),
    );
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(peak / 1024);
    },
  };
}

export function writeResults(name: string, scale: string, results: ScenarioResult[]): { json: string; markdown: string } {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().slice(0, 10);
  const base = path.join(dir, `${stamp}-${name}-${scale}`);
  const info = machine();
  fs.writeFileSync(`${base}.json`, `${JSON.stringify({ date: new Date().toISOString(), scale, machine: info, results }, null, 2)}\n`);
  const fmt = (n: number | undefined, d = 0) =>
    n === undefined || Number.isNaN(n) ? '' : n.toLocaleString('en-US', { maximumFractionDigits: d });
  const lines = [
    `# ${name} — ${scale} — ${stamp}`,
    '',
    `Machine: ${info.cpus} × ${info.cpuModel}, ${info.memoryGb} GiB, Node ${info.node}, ${info.postgres}.`,
    '',
    '| scenario | runs | median ms | p95 ms | rows | rows/s | peak RSS MB | baseline (same run) | ratio |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.runs} | ${fmt(r.medianMs)} | ${fmt(r.p95Ms)} | ${fmt(r.rows)} | ${fmt(r.rowsPerSecond)} | ${fmt(r.peakRssMb)} | ${r.baseline ? `${r.baseline.description}: ${fmt(r.baseline.medianMs)} ms` : ''} | ${r.baseline ? `${fmt(r.baseline.ratio, 1)}×` : ''} |`,
    ),
    '',
    ...results.filter((r) => r.notes).map((r) => `- **${r.name}**: ${r.notes}`),
    '',
  ];
  fs.writeFileSync(`${base}.md`, lines.join('\n'));
  return { json: `${base}.json`, markdown: `${base}.md` };
}
