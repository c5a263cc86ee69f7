// What the commands that act for one unit (import, report) share: the configured database,
// brought up to the latest schema, and the unit their --unit names.
import type { Kysely } from 'kysely';
import { badRequest } from '../domain/errors/app-error.ts';
import { todayInVietnam } from '../domain/time/calendar-date.ts';
import { loadConfig } from '../server/config/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import type { DB } from '../server/db/schema.ts';
import { findUnitByCode, type PlacedUnitRow } from '../server/org/org.repository.ts';

/** Runs `work` on the configured database for the unit of code `unitCode` today; closes the database after. */
export async function withUnitDatabase<T>(unitCode: string, work: (db: Kysely<DB>, unit: PlacedUnitRow) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const unit = await findUnitByCode(database.db, unitCode, todayInVietnam());
    if (!unit) throw badRequest('UNIT_NOT_FOUND', `Không tìm thấy đơn vị có mã "${unitCode}".`);
    return await work(database.db, unit);
  } finally {
    await database.close();
  }
}
