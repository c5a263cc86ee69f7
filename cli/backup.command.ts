import path from 'node:path';
import { parseArgs } from 'node:util';
import { badRequest } from '../domain/errors/app-error.ts';
import { loadConfig } from '../server/config/config.ts';
import { formatBytes } from '../server/ops/backup-manifest.ts';
import { backupFileName, createBackup, defaultBackupDir } from '../server/ops/backup.ts';
import type { BackupResult } from '../server/ops/backup.types.ts';
import type { CommandIO } from './main.ts';

const USAGE = 'Cách dùng: tiendo backup [--out TỆP.tar | --dir THƯ_MỤC] (mặc định: thư mục backups bên cạnh thư mục dữ liệu)';

export function withUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch {
    // node:util's own message is English and names no command; ours says how to call it.
    throw badRequest('CLI_USAGE', usage);
  }
}

export function describeBackup(result: BackupResult, title: string): string {
  const m = result.manifest;
  const seconds = (s: number) => s.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  return [
    `${title} ${result.file}`,
    `  Kích thước: ${formatBytes(result.archiveBytes)}; thời gian: ${seconds(result.seconds)} giây`,
    `  Tiến Độ ${m.appVersion}, bước cập nhật cuối: ${m.migration ?? '(chưa có)'}; ${m.database.serverVersion}`,
    `  ${Object.keys(m.tables).length} bảng, ${m.totalRows.toLocaleString('vi-VN')} dòng; ${m.files.count.toLocaleString('vi-VN')} tệp đính kèm (${formatBytes(m.files.bytes)})`,
  ].join('\n');
}

export default async function backupCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = withUsage(USAGE, () =>
    parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, dir: { type: 'string' } } }),
  );
  if (positionals.length > 0 || (values.out && values.dir)) throw badRequest('CLI_USAGE', USAGE);
  const config = loadConfig();
  const out = values.out ?? path.join(values.dir ?? defaultBackupDir(config.dataDir), backupFileName());
  const result = await createBackup(config, out, (line) => io.stderr.write(`${line}\n`));
  io.stdout.write(
    `${describeBackup(result, config.databaseUrl ? 'Đã sao lưu cơ sở dữ liệu PostgreSQL vào' : 'Đã sao lưu cơ sở dữ liệu nhúng vào')}\n`,
  );
  return 0;
}
