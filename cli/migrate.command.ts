import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, badRequest, isAppError } from '../domain/errors/app-error.ts';
import { loadConfig } from '../server/config/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { backupBeforeMigrate, defaultBackupDir } from '../server/ops/backup.ts';
import { describeBackup, withUsage } from './backup.command.ts';
import type { CommandIO } from './main.ts';

const USAGE =
  'Cách dùng: tiendo migrate [--backup-dir THƯ_MỤC] [--no-backup] (mặc định sao lưu vào thư mục backups bên cạnh thư mục dữ liệu trước khi cập nhật)';

export default async function migrateCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = withUsage(USAGE, () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'backup-dir': { type: 'string' }, 'no-backup': { type: 'boolean', default: false } },
    }),
  );
  if (positionals.length > 0 || (values['no-backup'] && values['backup-dir'])) throw badRequest('CLI_USAGE', USAGE);
  const config = loadConfig();
  // A migration rewrites tables in place; the copy taken just before it is the way back.
  if (!values['no-backup']) {
    const dir = path.resolve(values['backup-dir'] ?? defaultBackupDir(config.dataDir));
    const backup = await backupBeforeMigrate(config, dir, (line) => io.stderr.write(`${line}\n`)).catch((error: unknown) => {
      // No update runs without its backup; the way past a missing pg_dump is said, not guessed.
      if (isAppError(error) && error.code.startsWith('PG_TOOLS')) {
        throw new AppError(
          error.code,
          error.kind,
          `${error.message} Chưa cập nhật gì. Nếu đã sao lưu bằng cách khác, chạy: tiendo migrate --no-backup`,
        );
      }
      throw error;
    });
    if (backup) io.stdout.write(`${describeBackup(backup, 'Đã sao lưu trước khi cập nhật vào')}\n`);
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const report = await migrateToLatest(database.db);
    io.stdout.write(
      report.applied.length
        ? `Đã áp dụng ${report.applied.length} bước cập nhật: ${report.applied.join(', ')}. Phiên bản hiện tại: ${report.version}.\n`
        : `Cơ sở dữ liệu đã ở phiên bản mới nhất (${report.version}).\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
