import { loadConfig } from '../server/config/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import type { CommandIO } from './main.ts';

export default async function migrateCommand(_argv: string[], io: CommandIO): Promise<number> {
  const config = loadConfig();
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
