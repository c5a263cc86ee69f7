import { sql } from 'kysely';
import { insertUnits } from '../../server/org/org.repository.ts';
import type { TestDatabase } from './test-database.ts';

export type ReformCode = 'TSA' | 'TSB' | 'HA1' | 'HA2' | 'HB1' | 'A11' | 'A12' | 'A21' | 'B11' | 'B12';

/**
 * Two provinces as they stood before the 2025 reform, with district unions and CĐCS, members,
 * agreements and employers spread over 2021–2026 (so every date of the test sees different
 * figures): TSA → HA1 (A11, A12), HA2 (A21); TSB → HB1 (B11, B12).
 */
export async function buildReformProvinces(database: TestDatabase, nationalId: number): Promise<Record<ReformCode, number>> {
  const db = database.db;
  const unit: Record<string, number> = {};
  const add = async (code: string, name: string, kind: 'province' | 'district' | 'grassroots', parent: number) => {
    const ids = await insertUnits(db, [
      { code, name, kind, sector: kind === 'grassroots' ? 'private' : null, validFrom: '2020-01-01', parentId: parent },
    ]);
    unit[code] = ids.get(code)!;
  };
  await add('TSA', 'Liên đoàn Lao động tỉnh Sông An', 'province', nationalId);
  await add('TSB', 'Liên đoàn Lao động tỉnh Sông Bình', 'province', nationalId);
  await add('HA1', 'Liên đoàn Lao động huyện An Một', 'district', unit.TSA!);
  await add('HA2', 'Liên đoàn Lao động huyện An Hai', 'district', unit.TSA!);
  await add('HB1', 'Liên đoàn Lao động huyện Bình Một', 'district', unit.TSB!);
  const cdcs: [string, string][] = [
    ['A11', 'HA1'],
    ['A12', 'HA1'],
    ['A21', 'HA2'],
    ['B11', 'HB1'],
    ['B12', 'HB1'],
  ];
  for (const [code, parent] of cdcs) await add(code, `Công đoàn cơ sở Công ty TNHH ${code}`, 'grassroots', unit[parent]!);

  // Members: k per CĐCS, joined at staggered dates; some left, one CĐCS grows after the reform.
  let serial = 0;
  const plan: [string, number, string, string | null][] = [
    ['A11', 7, '2021-03-01', null],
    ['A11', 2, '2022-05-01', '2024-10-01'],
    ['A12', 4, '2023-01-15', null],
    ['A21', 5, '2024-06-01', null],
    ['A21', 3, '2025-08-01', null],
    ['B11', 6, '2021-09-09', null],
    ['B12', 3, '2024-12-31', null],
    ['B12', 2, '2025-02-01', '2025-09-01'],
  ];
  for (const [code, count, from, to] of plan) {
    for (let i = 0; i < count; i++) {
      serial++;
      const member = await db
        .insertInto('member')
        .values({
          full_name: `Người Thử ${serial}`,
          gender: serial % 2 ? 'female' : 'male',
          birth_date: '1990-01-01',
          cccd: `0790${String(serial).padStart(8, '0')}`,
          joined_on: from,
          current_unit_id: to ? null : unit[code]!,
          status: to ? 'left' : 'active',
          left_on: to,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('membership')
        .values({
          member_id: Number(member.id),
          unit_id: unit[code]!,
          valid_from: from,
          valid_to: to,
          start_reason: 'joined',
          end_reason: to ? 'left' : null,
        })
        .execute();
    }
  }

  // Employers in the districts' areas (one without a CĐCS) and agreements of some CĐCS.
  const employer = async (taxCode: string, area: string, cdcsCode: string | null) => {
    const row = await db
      .insertInto('employer')
      .values({
        tax_code: taxCode,
        name: `Công ty TNHH ${taxCode}`,
        sector: 'private',
        area_unit_id: unit[area]!,
        cdcs_unit_id: cdcsCode ? unit[cdcsCode]! : null,
        workers: 40,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  };
  const eA11 = await employer('3700000011', 'HA1', 'A11');
  await employer('3700000012', 'HA1', 'A12');
  const eA21 = await employer('3700000021', 'HA2', 'A21');
  const eB11 = await employer('3700000031', 'HB1', 'B11');
  await employer('3700000099', 'HB1', null);
  const agreement = async (employerId: number, cdcsCode: string, from: string, expires: string) => {
    await db
      .insertInto('agreement')
      .values({
        employer_id: employerId,
        cdcs_unit_id: unit[cdcsCode]!,
        kind: 'enterprise',
        signed_on: from,
        effective_from: from,
        expires_on: expires,
        quality_class: 'B',
      })
      .execute();
  };
  await agreement(eA11, 'A11', '2022-01-01', '2024-12-31');
  await agreement(eA11, 'A11', '2025-01-01', '2027-12-31');
  await agreement(eA21, 'A21', '2024-09-01', '2026-08-31');
  await agreement(eB11, 'B11', '2025-03-01', '2028-02-28');
  await sql`SELECT 1`.execute(db);
  return unit as Record<ReformCode, number>;
}
