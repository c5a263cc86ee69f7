// Measures the tabular module on generated member registries (run the same way each time):
//   npx tsx server/tabular/tabular-bench.script.ts write xlsx 200000 /tmp/members.xlsx
//   npx tsx server/tabular/tabular-bench.script.ts read /tmp/members.xlsx
// Prints rows/s and the peak RSS sampled every 50 ms. One mode per process, so RSS is its own.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { writeTable } from './table-writer.ts';
import type { TableColumn } from './table-writer.ts';
import { openTable } from './table-reader.ts';

export const MEMBER_COLUMNS: TableColumn[] = [
  { key: 'stt', title: 'STT', type: 'integer', width: 8 },
  { key: 'name', title: 'Họ và tên', width: 28 },
  { key: 'gender', title: 'Giới tính' },
  { key: 'birth', title: 'Ngày sinh', type: 'date' },
  { key: 'cccd', title: 'Số CCCD', width: 16 },
  { key: 'phone', title: 'Điện thoại' },
  { key: 'ethnicity', title: 'Dân tộc' },
  { key: 'unit', title: 'CĐCS', width: 30 },
  { key: 'joined', title: 'Ngày vào Công đoàn', type: 'date' },
  { key: 'card', title: 'Số thẻ đoàn viên' },
  { key: 'address', title: 'Địa chỉ', width: 40 },
  { key: 'note', title: 'Ghi chú' },
];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];

export function* memberRecords(count: number): Generator<Record<string, unknown>> {
  for (let i = 1; i <= count; i++) {
    yield {
      stt: i,
      name: `${FAMILY[i % 8]} Thị Ánh ${i}`,
      gender: i % 2 ? 'Nam' : 'Nữ',
      birth: `${1965 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      cccd: String(1_000_000 + i).padStart(12, '0'),
      phone: '09' + String(i).padStart(8, '0'),
      ethnicity: 'Kinh',
      unit: `CĐCS Công ty TNHH số ${i % 700}`,
      joined: `${2000 + (i % 24)}-0${1 + (i % 9)}-15`,
      card: `TD${String(i).padStart(9, '0')}`,
      address: `Số ${i} đường Lê Lợi, phường Bến Thành, TP. Hồ Chí Minh`,
      note: i % 10 === 0 ? 'Chuyển đến' : null,
    };
  }
}

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

async function benchRead(path: string): Promise<void> {
  const rss = sampleRss();
  const started = Date.now();
  const table = openTable({ path });
  let rows = 0;
  for await (const row of table) rows += row.cells.length > 0 ? 1 : 0;
  report(`read ${table.summary.format}`, rows, started, rss.stop());
}

function report(what: string, rows: number, started: number, peak: number): void {
  const seconds = (Date.now() - started) / 1000;
  console.log(`${what}: ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s, peak RSS ${Math.round(peak / 1e6)} MB`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'write') await benchWrite(args[0] as 'xlsx' | 'csv', Number(args[1]), args[2]!);
else if (mode === 'read') await benchRead(args[0]!);
