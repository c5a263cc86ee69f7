// Measures the tabular module on generated member registries (run the same way each time):
//   npx tsx server/tabular/tabular-bench.script.ts write xlsx 200000 /tmp/members.xlsx
//   npx tsx server/tabular/tabular-bench.script.ts read /tmp/members.xlsx [maxSharedStringsMiB]
// Prints rows/s and the peak RSS sampled every 50 ms. One mode per process, so RSS is its own.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { writeTable } from './table-writer.ts';
import { MEMBER_COLUMNS, memberRecords } from './member-bench-fixtures.ts';
import { openTable } from './table-reader.ts';

function sampleRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return { stop: () => (clearInterval(timer), Math.max(peak, process.memoryUsage().rss)) };
}

async function benchWrite(format: 'xlsx' | 'csv', count: number, path: string): Promise<void> {
  const rss = sampleRss();
  const started = Date.now();
  const out = createWriteStream(path);
  await writeTable(out, { format, sheetName: 'Đoàn viên', columns: MEMBER_COLUMNS, rows: memberRecords(count) });
  out.end();
  await finished(out);
  report(`write ${format}`, count, started, rss.stop());
}

async function benchRead(path: string, maxSharedMiB?: number): Promise<void> {
  const rss = sampleRss();
  const started = Date.now();
  const table = openTable({ path }, maxSharedMiB ? { maxSharedStringsBytes: maxSharedMiB * 1024 * 1024 } : {});
  let rows = 0;
  for await (const row of table) rows += row.cells.length > 0 ? 1 : 0;
  report(`read ${table.summary.format}`, rows, started, rss.stop());
}

function report(what: string, rows: number, started: number, peak: number): void {
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${what}: ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s, peak RSS ${Math.round(peak / 1e6)} MB`,
  );
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'write') await benchWrite(args[0] as 'xlsx' | 'csv', Number(args[1]), args[2]!);
else if (mode === 'read') await benchRead(args[0]!, args[1] ? Number(args[1]) : undefined);
