import { parseArgs } from 'node:util';
import { badRequest } from '../domain/errors/app-error.ts';
import { SCALES } from '../domain/demo/national-scale.ts';
import { loadConfig } from '../server/config/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { loadDemo } from '../server/demo/demo.loader.ts';
import { loadNational } from '../server/demo/national-loader.ts';
import type { CommandIO } from './main.ts';

export default async function demoCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      scale: { type: 'string', default: 'demo' },
      'without-registries': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const seed = values.seed === undefined ? loadConfig().demoSeed : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw badRequest('INVALID_SEED', `--seed "${values.seed}" không hợp lệ: phải là số nguyên.`);
  if (values.scale !== 'demo' && !SCALES[values.scale!]) {
    throw badRequest(
      'SCALE_UNSUPPORTED',
      `Quy mô "${values.scale}" không được hỗ trợ; dùng --scale demo (tỉnh mẫu), province (một tỉnh lớn, khoảng 500.000 đoàn viên) hoặc national (toàn quốc).`,
    );
  }
  const config = loadConfig();
  // 11 million members do not belong in a single-session WASM database: refuse before opening it.
  if (values.scale === 'national' && config.databaseUrl === null) {
    throw badRequest(
      'SCALE_NEEDS_POSTGRES',
      'Quy mô toàn quốc (--scale national) cần PostgreSQL: hãy đặt DATABASE_URL=postgres://… Cơ sở dữ liệu nhúng (PGlite) chỉ dành cho tối đa một tỉnh (--scale province).',
    );
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    if (values.scale !== 'demo') {
      const log = (line: string) => io.stdout.write(`${line}\n`);
      const report = await loadNational(
        { db: database.db, kind: database.kind, url: config.databaseUrl },
        SCALES[values.scale!]!,
        seed,
        log,
      );
      io.stdout.write(
        report.created
          ? `Đã tạo dữ liệu quy mô ${values.scale} (seed ${seed}) trong ${report.seconds.toFixed(1)} giây: ${report.rows.org_unit.toLocaleString('vi-VN')} đơn vị, ${report.rows.member.toLocaleString('vi-VN')} đoàn viên, ${report.rows.employer.toLocaleString('vi-VN')} đơn vị sử dụng lao động, ${report.rows.agreement.toLocaleString('vi-VN')} thỏa ước.\n`
          : 'Cơ sở dữ liệu đã có dữ liệu, không tạo thêm dữ liệu mẫu.\n',
      );
      return 0;
    }
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
