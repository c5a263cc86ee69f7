import type { Kysely } from 'kysely';
import { generateDemoProvince, type DemoUnit } from '../../domain/demo/demo-province.ts';
import type { DB } from '../db/schema.ts';
import { countUnits, insertUnits } from '../org/org.repository.ts';

export interface DemoReport {
  created: boolean;
  units: number;
  seconds: number;
}

/** Loads the demo province into an empty database, in one transaction (all or nothing). */
export async function loadDemo(db: Kysely<DB>, seed: number): Promise<DemoReport> {
  const started = performance.now();
  const demo = generateDemoProvince(seed);
  const created = await db.transaction().execute(async (trx) => {
    if ((await countUnits(trx)) > 0) return false;
    // Parents before children: insert depth by depth so each child finds its parent's path.
    const ids = new Map<string, number>();
    for (const level of byDepth(demo.units)) {
      const inserted = await insertUnits(
        trx,
        level.map((u) => ({
          code: u.code,
          name: u.name,
          kind: u.kind,
          sector: u.sector,
          symbol: u.symbol,
          place: u.place,
          validFrom: u.foundedOn <= u.placedOn ? u.foundedOn : u.placedOn,
          parentId: u.parentCode === null ? null : ids.get(u.parentCode)!,
        })),
      );
      for (const [code, id] of inserted) ids.set(code, id);
    }
    return true;
  });
  return { created, units: created ? demo.units.length : 0, seconds: (performance.now() - started) / 1000 };
}

function byDepth(units: DemoUnit[]): DemoUnit[][] {
  const depth = new Map<string, number>();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const depthOf = (u: DemoUnit): number => {
    const known = depth.get(u.code);
    if (known !== undefined) return known;
    const d = u.parentCode === null ? 0 : depthOf(byCode.get(u.parentCode)!) + 1;
    depth.set(u.code, d);
    return d;
  };
  const levels: DemoUnit[][] = [];
  for (const u of units) (levels[depthOf(u)] ??= []).push(u);
  return levels;
}
