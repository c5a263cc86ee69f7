import path from 'node:path';
import { parseArgs } from 'node:util';
import { badRequest } from '../domain/errors/app-error.ts';
import { listRejections } from '../server/imports/import-job.repository.ts';
import { IMPORTS, isImportRegistry } from '../server/imports/import-registries.ts';
import { runImport } from '../server/imports/import-runner.ts';
import type { CommandIO } from './main.ts';
import { withUnitDatabase } from './unit-database.ts';

const USAGE = 'Cách dùng: tiendo import members|employers|grassroots|agreements TỆP --unit MÃ_ĐƠN_VỊ [--dry-run] [--batch-size SỐ_DÒNG]';

export default async function importCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { unit: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'batch-size': { type: 'string' } },
  });
  const [registry, file] = positionals;
  if (!registry || !isImportRegistry(registry)) throw badRequest('IMPORT_REGISTRY', `Chưa hỗ trợ nhập "${registry ?? ''}". ${USAGE}`);
  if (!file || !values.unit) throw badRequest('IMPORT_USAGE', USAGE);
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 100 && batchSize <= 50_000)) {
    throw badRequest(
      'IMPORT_BATCH_SIZE',
      `--batch-size "${values['batch-size']}" không hợp lệ: số dòng ghi mỗi lần phải là số nguyên từ 100 đến 50.000.`,
    );
  }
  return withUnitDatabase(values.unit, async (db, unit) => {
    const started = performance.now();
    const isTty = (io.stderr as NodeJS.WriteStream).isTTY === true;
    const report = await runImport(db, IMPORTS[registry], {
      filePath: path.resolve(file),
      fileName: path.basename(file),
      scopeUnitId: Number(unit.id),
      dryRun: values['dry-run'] ?? false,
      actor: { userId: null, tokenId: null, label: 'dòng lệnh tiendo import', ip: null },
      createdBy: null,
      batchSize,
      onProgress: (c) => {
        const rate = Math.round(c.rowsRead / Math.max(0.001, (performance.now() - started) / 1000));
        const line = `Đã đọc ${c.rowsRead.toLocaleString('vi-VN')} dòng (${rate.toLocaleString('vi-VN')} dòng/giây): thêm ${c.inserted}, sửa ${c.updated}, giữ nguyên ${c.unchanged}, từ chối ${c.rejected}`;
        io.stderr.write(isTty ? `\r${line}` : `${line}\n`);
      },
    });
    if (isTty) io.stderr.write('\n');
    const c = report.counters;
    const seconds = (performance.now() - started) / 1000;
    io.stdout.write(
      [
        `${report.dryRun ? 'CHẠY THỬ (không ghi dữ liệu)' : 'Đã nhập'} tệp ${path.basename(file)} vào ${unit.name} — lượt nhập #${report.jobId}`,
        `Dòng đọc: ${c.rowsRead} = thêm mới ${c.inserted} + cập nhật ${c.updated} + giữ nguyên ${c.unchanged} + từ chối ${c.rejected}`,
        `Thời gian: ${seconds.toFixed(1)} giây (${Math.round(c.rowsRead / Math.max(seconds, 0.001))} dòng/giây)`,
        ...report.notes,
      ].join('\n') + '\n',
    );
    const rejections = await listRejections(db, report.jobId, 50);
    for (const r of rejections) io.stdout.write(`  Dòng ${r.row_number}${r.column_name ? `, cột "${r.column_name}"` : ''}: ${r.reason}\n`);
    if (c.rejected > rejections.length) io.stdout.write(`  … và các dòng khác: xem trong màn hình Nhập dữ liệu (lượt #${report.jobId}).\n`);
    return 0;
  });
}
