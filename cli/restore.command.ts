import { parseArgs } from 'node:util';
import { badRequest } from '../domain/errors/app-error.ts';
import { loadConfig } from '../server/config/config.ts';
import { formatBytes, pendingMigrations } from '../server/ops/backup-manifest.ts';
import { restoreBackup } from '../server/ops/backup.ts';
import { withUsage } from './backup.command.ts';
import type { CommandIO } from './main.ts';

/** "07/12/2026 00:24" in Vietnam's time, the way a user reads a date. */
function vietnamTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

const USAGE = 'Cách dùng: tiendo restore TỆP.tar [--force] (--force: thay cả cơ sở dữ liệu đang có dữ liệu)';

export default async function restoreCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = withUsage(USAGE, () =>
    parseArgs({ args: argv, allowPositionals: true, options: { force: { type: 'boolean', default: false } } }),
  );
  if (positionals.length !== 1) throw badRequest('CLI_USAGE', USAGE);
  const config = loadConfig();
  const report = await restoreBackup(config, positionals[0]!, { force: values.force === true }, (line) => io.stderr.write(`${line}\n`));
  const m = report.manifest;
  const seconds = report.seconds.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  const pending = pendingMigrations(m.migrations);
  io.stdout.write(
    [
      `Đã khôi phục ${config.databaseUrl ? 'cơ sở dữ liệu PostgreSQL' : `cơ sở dữ liệu nhúng tại ${config.dataDir}`} từ ${positionals[0]} (${seconds} giây)`,
      `  Bản sao lưu lúc ${vietnamTime(m.createdAt)}, Tiến Độ ${m.appVersion}, bước cập nhật cuối: ${m.migration ?? '(chưa có)'}`,
      `  Đã kiểm tra: ${Object.keys(m.tables).length} bảng, ${m.totalRows.toLocaleString('vi-VN')} dòng và ${m.files.count.toLocaleString('vi-VN')} tệp đính kèm (${formatBytes(m.files.bytes)}) khớp với bản sao lưu`,
      ...(report.replaced ? [`  Dữ liệu cũ được giữ lại ở ${report.replaced} (xóa khi không cần nữa).`] : []),
      ...(pending.length
        ? [`  Bản sao lưu cũ hơn phiên bản đang cài ${pending.length} bước cập nhật: chạy "tiendo migrate" trước khi khởi động máy chủ.`]
        : []),
    ].join('\n') + '\n',
  );
  return 0;
}
