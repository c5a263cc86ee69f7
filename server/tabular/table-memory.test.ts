// Memory stays flat on big files: 200,000 member rows written to XLSX, then read back. RSS is
// sampled while working and compared with the level reached after the first rows, so the
// numbers measure growth with size, not the cost of loading the libraries.
import { describe, expect, it } from 'vitest';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { writeTable } from './table-writer.ts';
import { openTable } from './table-reader.ts';
import { MEMBER_COLUMNS, memberRecords } from './member-bench-fixtures.ts';
import { tempDir } from './xlsx-test-fixtures.ts';

const ROWS = 200_000;
const MB = 1024 * 1024;
const path = join(tempDir('memory'), 'members-200k.xlsx');

function watchRss() {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  return { peak: () => Math.max(peak, process.memoryUsage().rss), stop: () => clearInterval(timer) };
}

describe('bounded memory on 200,000 rows', () => {
  it('writes XLSX with flat memory', async () => {
    const rss = watchRss();
    let baseline = 0;
    const rows = (function* () {
      let i = 0;
      for (const record of memberRecords(ROWS)) {
        if (++i === 20_000) baseline = process.memoryUsage().rss;
        yield record;
      }
    })();
    const out = createWriteStream(path);
    await writeTable(out, { format: 'xlsx', sheetName: 'Đoàn viên', columns: MEMBER_COLUMNS, rows });
    out.end();
    await finished(out);
    rss.stop();
    const growth = (rss.peak() - baseline) / MB;
    console.log(`write 200k xlsx: RSS growth after 20k rows ${growth.toFixed(0)} MB, peak ${(rss.peak() / MB).toFixed(0)} MB`);
    expect(growth).toBeLessThan(60);
  }, 60_000);

  it('reads it back with flat memory', async () => {
    const rss = watchRss();
    let baseline = 0;
    let count = 0;
    for await (const row of openTable({ path })) {
      if (++count === 20_000) baseline = process.memoryUsage().rss;
      expect(row.cells.length).toBeGreaterThan(10);
    }
    rss.stop();
    expect(count).toBe(ROWS + 1);
    const growth = (rss.peak() - baseline) / MB;
    console.log(`read 200k xlsx: RSS growth after 20k rows ${growth.toFixed(0)} MB, peak ${(rss.peak() / MB).toFixed(0)} MB`);
    expect(growth).toBeLessThan(120);
  }, 20_000);
});
