import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { UnitLocator } from '../http/route-access.ts';
import { isAtOrAbove, unitOfTarget } from './targets.repository.ts';

/**
 * The unit a target is viewed on: `?unitId=` (the guard checks it is in the caller's scope), else
 * the target's own unit. A target applies to its unit and the units below: asked for anywhere
 * else (a sibling's target seen "on" one's own unit) it is not found.
 */
export function targetViewedUnit(db: Kysely<DB>): UnitLocator {
  return async (request) => {
    const id = (request.params as { id?: string }).id;
    if (!id || !/^\d+$/.test(id)) return 'malformed';
    const targetUnitId = await unitOfTarget(db, Number(id));
    const raw = (request.query as { unitId?: string }).unitId;
    if (targetUnitId === null || raw === undefined) return targetUnitId;
    if (!/^\d+$/.test(raw)) return 'malformed';
    return (await isAtOrAbove(db, targetUnitId, Number(raw))) ? Number(raw) : null;
  };
}
