/**
 * Reading a members XLSX: our streaming reader (server/tabular) against exceljs's streaming
 * reader, the obvious library way, on the same file in the same run. Reading only.
 *
 *   npx tsx bench/xlsx-reader.bench.ts [--rows 100000] [--runs 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { openTable } from '../server/tabular/table-reader.ts';
import { median, percentile, writeResults } from './harness.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } } });
const file = path.join(os.tmpdir(), `tiendo-bench-members-${values.rows}.xlsx`);
if (!fs.existsSync(file)) throw new Error(`${file} is missing: run bench/import-members.bench.ts first (it generates it).`);

async function time(fn: () => Promise<number>): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const rows = await fn();
  return { ms: performance.now() - started, rows };
}

const ours: number[] = [];
const theirs: number[] = [];
let rows = 0;
for (let i = 0; i < Number(values.runs); i++) {
  const a = await time(async () => {
    let n = 0;
    for await (const _row of openTable({ path: file })) n++;
    return n;
  });
  const b = await time(async () => {
    let n = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit' });
    for await (const sheet of reader) for await (const _row of sheet) n++;
    return n;
  });
  if (a.rows !== b.rows) throw new Error(`row counts differ: ${a.rows} vs ${b.rows}`);
  rows = a.rows;
  ours.push(a.ms);
  theirs.push(b.ms);
}
const med = median(ours);
const written = writeResults('xlsx-reader', `${values.rows}-rows`, [
  {
    name: `read ${rows.toLocaleString('en-US')} rows of a members XLSX`,
    description: 'server/tabular openTable, streaming',
    runs: ours.length,
    medianMs: med,
    p95Ms: percentile(ours, 95),
    rows,
    rowsPerSecond: rows / (med / 1000),
    baseline: { description: 'exceljs WorkbookReader (streaming)', medianMs: median(theirs), ratio: median(theirs) / med },
  },
]);
console.log(fs.readFileSync(written.markdown, 'utf8'));
