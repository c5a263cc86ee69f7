import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { maskPhone } from '../../domain/access/personal-data.ts';
import { isSector, SECTOR_LABELS } from '../../domain/org/org-unit.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { decodeCursor, everyItem, invalidCursor, nextCursorAfter } from '../http/keyset-cursor.ts';
import { findUnit } from '../org/org.repository.ts';
import { grassrootsErrors } from './grassroots.errors.ts';
import {
  countGrassroots,
  findGrassroots,
  listGrassroots,
  sortKeyIsValid,
  upsertGrassrootsProfile,
  type GrassrootsRow,
  type GrassrootsSort,
} from './grassroots.repository.ts';
import type { ListQuery, UpdateBody } from './grassroots.schema.ts';

export const grassrootsNotFound = grassrootsErrors.notFound;

const sectorLabel = (sector: string | null) => (sector && isSector(sector) ? SECTOR_LABELS[sector] : null);

function present(r: GrassrootsRow) {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    sector: r.sector,
    sectorLabel: sectorLabel(r.sector),
    parent: { id: Number(r.parent_id), name: r.parent_name },
    employer:
      r.employer_id === null
        ? null
        : { id: Number(r.employer_id), taxCode: r.tax_code ?? '', name: r.employer_name ?? '', workers: r.workers },
    foundingDecision: r.founding_decision,
    foundedOn: r.founded_on,
    chairName: r.chair_name,
    status: r.status ?? 'active',
    statusLabel: r.status === 'dissolved' ? 'Đã giải thể' : 'Đang hoạt động',
    dissolvedOn: r.dissolved_on,
    members: Number(r.members),
  };
}

/** A row of the export, in the import's columns so that it can be imported back unchanged. */
function exportRow(r: GrassrootsRow, unmasked: boolean) {
  return {
    code: r.code,
    name: r.name,
    parentCode: r.parent_code,
    sector: sectorLabel(r.sector),
    employerTaxCode: r.tax_code,
    foundingDecision: r.founding_decision,
    foundedOn: r.founded_on,
    chairName: r.chair_name,
    chairPhone: unmasked ? r.chair_phone : maskPhone(r.chair_phone),
    dissolvedOn: r.dissolved_on,
  };
}

type Filters = Static<typeof ListQuery>;

export class GrassrootsService {
  constructor(private readonly db: Kysely<DB>) {}

  /** One page of the filtered list in the chosen order (keyset on the sort key and id). */
  private async page(principal: Principal, q: Filters) {
    const limit = q.limit ?? 50;
    const sort: GrassrootsSort = q.sort ?? 'name';
    const under = q.unitId ? ((await findUnit(this.db, q.unitId, todayInVietnam()))?.path ?? principal.scopePath) : principal.scopePath;
    const filter = { under, q: q.q, sector: q.sector, status: q.status };
    const after = decodeCursor(q.after, sort);
    if (after && !sortKeyIsValid(sort, after.key)) throw invalidCursor();
    const rows = await listGrassroots(this.db, filter, sort, after, limit);
    return {
      items: rows,
      nextCursor: nextCursorAfter(rows, limit, sort),
      ...(q.withTotal && !after && { total: await countGrassroots(this.db, filter) }),
    };
  }

  async list(principal: Principal, q: Filters) {
    const page = await this.page(principal, q);
    return { items: page.items.map(present), nextCursor: page.nextCursor, total: page.total };
  }

  /** Every row of the filtered list, page by page; the phone is masked unless the caller may see it. */
  async *exportRows(principal: Principal, filters: Omit<Filters, 'after' | 'limit'>, unmasked: boolean) {
    for await (const r of everyItem((after) => this.page(principal, { ...filters, after, limit: 1000 }))) yield exportRow(r, unmasked);
  }

  async get(id: number) {
    const row = await findGrassroots(this.db, id);
    if (!row) throw grassrootsNotFound();
    return present(row);
  }

  async update(actor: AuditActor, id: number, b: Static<typeof UpdateBody>) {
    const before = await findGrassroots(this.db, id);
    if (!before) throw grassrootsNotFound();
    if (b.dissolvedOn && b.dissolvedOn > todayInVietnam()) throw grassrootsErrors.dissolvedInFuture();
    if (b.dissolvedOn && Number(before.members) > 0) throw grassrootsErrors.hasMembers(before.members);
    await this.db.transaction().execute(async (trx) => {
      const values = {
        ...(b.employerId !== undefined && { employer_id: b.employerId }),
        ...(b.foundingDecision !== undefined && { founding_decision: b.foundingDecision?.trim() || null }),
        ...(b.foundedOn !== undefined && { founded_on: b.foundedOn }),
        ...(b.chairName !== undefined && { chair_name: b.chairName?.normalize('NFC').trim() || null }),
        ...(b.dissolvedOn !== undefined && {
          status: b.dissolvedOn ? ('dissolved' as const) : ('active' as const),
          dissolved_on: b.dissolvedOn,
        }),
      };
      await upsertGrassrootsProfile(trx, id, values);
      await writeAudit(trx, actor, {
        action: 'grassroots.update',
        unitId: id,
        entityType: 'grassroots',
        entityId: id,
        before: present(before),
        after: b,
      });
    });
    return this.get(id);
  }
}
