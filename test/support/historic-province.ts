import { insertUnits } from '../../server/org/org.repository.ts';
import type { TestDatabase } from './test-database.ts';

/**
 * A small province that has existed since 2020 (the demo province only exists from the 2025
 * reform on), so that tests about past dates have a tree to walk:
 * TST → C1 (A, B), C2 (D).
 */
export async function buildHistoricProvince(
  database: TestDatabase,
  nationalId: number,
): Promise<Record<'TST' | 'C1' | 'C2' | 'A' | 'B' | 'D', number>> {
  const unit: Record<string, number> = {};
  const add = async (code: string, name: string, kind: 'province' | 'commune' | 'grassroots', parent: number) => {
    const ids = await insertUnits(database.db, [
      { code, name, kind, sector: kind === 'grassroots' ? 'private' : null, validFrom: '2020-01-01', parentId: parent },
    ]);
    unit[code] = ids.get(code)!;
  };
  await add('TST', 'Liên đoàn Lao động tỉnh Thử Nghiệm', 'province', nationalId);
  await add('C1', 'Công đoàn xã Một', 'commune', unit.TST!);
  await add('C2', 'Công đoàn xã Hai', 'commune', unit.TST!);
  await add('A', 'Công đoàn cơ sở Công ty TNHH An', 'grassroots', unit.C1!);
  await add('B', 'Công đoàn cơ sở Công ty TNHH Bình', 'grassroots', unit.C1!);
  await add('D', 'Công đoàn cơ sở Công ty TNHH Dũng', 'grassroots', unit.C2!);
  return unit as Record<'TST' | 'C1' | 'C2' | 'A' | 'B' | 'D', number>;
}
