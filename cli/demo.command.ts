import { parseArgs } from 'node:util';
import { badRequest } from '../domain/errors/app-error.ts';
import { loadConfig } from '../server/config/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { loadDemo } from '../server/demo/demo.loader.ts';
import type { CommandIO } from './main.ts';

export default async function demoCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { seed: { type: 'string' }, scale: { type: 'string', default: 'demo' }, 'without-registries': { type: 'boolean', default: false } }, strict: true });
  const seed = values.seed === undefined ? loadConfig().demoSeed : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw badRequest('INVALID_SEED', `--seed "${values.seed}" không hợp lệ: phải là số nguyên.`);
  if (values.scale !== 'demo') {
    throw badRequest('SCALE_UNSUPPORTED', `Quy mô "${values.scale}" chưa được hỗ trợ; hiện chỉ có --scale demo (một tỉnh).`);
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const report = await loadDemo(database.db, seed, { registries: !values['without-registries'] });
    io.stdout.write(
      report.created
        ? `Đã tạo dữ liệu mẫu (seed ${seed}) trong ${report.seconds.toFixed(1)} giây: ${report.units} đơn vị, ${report.members.toLocaleString('vi-VN')} đoàn viên, ${report.employers} đơn vị sử dụng lao động, ${report.agreements} thỏa ước.\n`
        : 'Cơ sở dữ liệu đã có dữ liệu, không tạo thêm dữ liệu mẫu.\n',
    );
    return 0;
  } finally {
    await database.close();
  }
}
