import type { Kysely } from 'kysely';
import type { AppError } from '../../domain/errors/app-error.ts';
import { isSector, SECTOR_LABELS } from '../../domain/org/org-unit.ts';
import { EMPLOYER_FIELD_LABELS, employerIssues, type EmployerIssue } from '../../domain/registry/employer-rules.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import { isUnitInScope } from '../auth/auth.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { commonErrors } from '../http/common.errors.ts';
import { decodeCursor, invalidCursor, nextCursorAfter } from '../http/keyset-cursor.ts';
import { employerErrors } from './employers.errors.ts';
import { findUnit } from '../org/org.repository.ts';
import * as repo from './employers.repository.ts';
import type { CreateEmployerBody, EmployerItem, UpdateEmployerBody } from './employers.schema.ts';

export const employerNotFound = employerErrors.notFound;
const unitNotFound = commonErrors.unitNotFound;
const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.normalize('NFC').trim());

function invalid(issues: EmployerIssue[]): AppError {
  return employerErrors.invalid(
    issues.map((i) => `${EMPLOYER_FIELD_LABELS[i.field]}: ${i.message}`).join(' '),
    issues.map((i) => ({ path: i.field, message: i.message })),
  );
}

/** Refuses an employer row (its columns as stored) that breaks the registry's rules, every issue named. */
function refuseIssues(
  taxCode: string,
  row: { name: string; sector: string | null; workers: number | null; women_workers: number | null; workers_counted_on: string | null },
): void {
  const issues = employerIssues(
    {
      taxCode,
      name: row.name,
      sector: row.sector,
      workers: row.workers,
      womenWorkers: row.women_workers,
      workersCountedOn: row.workers_counted_on,
    },
    todayInVietnam(),
  );
  if (issues.length) throw invalid(issues);
}

export function presentEmployer(r: repo.EmployerRow): EmployerItem {
  return {
    id: Number(r.id),
    taxCode: r.tax_code,
    name: r.name,
    sector: r.sector,
    sectorLabel: isSector(r.sector) ? SECTOR_LABELS[r.sector] : r.sector,
    industry: r.industry,
    address: r.address,
    provinceName: r.province_name,
    communeName: r.commune_name,
    areaUnit: { id: Number(r.area_unit_id), code: r.area_code, name: r.area_name },
    cdcs: r.cdcs_unit_id === null ? null : { id: Number(r.cdcs_unit_id), code: r.cdcs_code ?? '', name: r.cdcs_name ?? '' },
    workers: r.workers,
    womenWorkers: r.women_workers,
    workersCountedOn: r.workers_counted_on,
  };
}

export class EmployersService {
  constructor(private readonly db: Kysely<DB>) {}

  async list(
    principal: Principal,
    q: {
      q?: string;
      unitId?: number;
      sector?: string;
      hasCdcs?: boolean;
      minWorkers?: number;
      sort?: repo.EmployerSort;
      after?: string;
      limit?: number;
      withTotal?: boolean;
    },
  ) {
    const limit = q.limit ?? 50;
    let underPath = principal.scopePath;
    if (q.unitId !== undefined) {
      const unit = await findUnit(this.db, q.unitId, todayInVietnam());
      if (!unit) throw unitNotFound();
      underPath = unit.path;
    }
    const text = (q.q ?? '').normalize('NFC').trim();
    const taxPrefix = /^\d[\d-]{2,13}$/.test(text) ? text : null;
    const sort = q.sort ?? 'name';
    const after = decodeCursor(q.after, sort);
    if (after && sort === 'workers' && !/^-?\d{1,9}$/.test(after.key)) throw invalidCursor(); // a forged key
    const filter = {
      underPath,
      words: taxPrefix ? [] : text.split(/\s+/).filter(Boolean).slice(0, 8),
      taxPrefix,
      sector: q.sector ?? null,
      hasCdcs: q.hasCdcs ?? null,
      minWorkers: q.minWorkers ?? null,
    };
    const rows = await repo.listEmployers(this.db, { ...filter, sort, after, limit });
    return {
      items: rows.map(presentEmployer),
      nextCursor: nextCursorAfter(rows, limit, sort),
      ...(q.withTotal && !q.after && { total: await repo.countEmployers(this.db, filter) }),
    };
  }

  async detail(id: number): Promise<EmployerItem> {
    const row = await repo.findEmployer(this.db, id);
    if (!row) throw employerNotFound();
    return presentEmployer(row);
  }

  private async checkUnits(principal: Principal, areaUnitId: number | undefined, cdcsUnitId: number | null | undefined): Promise<void> {
    const today = todayInVietnam();
    if (areaUnitId !== undefined) {
      const area = await findUnit(this.db, areaUnitId, today);
      if (!area || !(await isUnitInScope(this.db, areaUnitId, principal.scopePath))) throw unitNotFound();
      if (!['province', 'commune', 'industrial_zone', 'local_sector', 'central_sector', 'corporation'].includes(area.kind)) {
        throw employerErrors.areaUnitKind(area.name);
      }
    }
    if (cdcsUnitId !== undefined && cdcsUnitId !== null) {
      const cdcs = await findUnit(this.db, cdcsUnitId, today);
      if (!cdcs || !(await isUnitInScope(this.db, cdcsUnitId, principal.scopePath))) throw unitNotFound();
      if (cdcs.kind !== 'grassroots') throw commonErrors.notGrassroots(cdcs.name);
    }
  }

  async create(principal: Principal, actor: AuditActor, body: CreateEmployerBody): Promise<EmployerItem> {
    const taxCode = body.taxCode.trim();
    const values = {
      tax_code: taxCode,
      name: body.name.normalize('NFC').trim(),
      sector: body.sector,
      industry: blank(body.industry),
      address: blank(body.address),
      province_name: blank(body.provinceName),
      commune_name: blank(body.communeName),
      area_unit_id: body.areaUnitId,
      cdcs_unit_id: body.cdcsUnitId ?? null,
      workers: body.workers ?? null,
      women_workers: body.womenWorkers ?? null,
      workers_counted_on: body.workersCountedOn ?? null,
    };
    refuseIssues(taxCode, values);
    await this.checkUnits(principal, body.areaUnitId, body.cdcsUnitId);
    if (await repo.findEmployerByTaxCode(this.db, taxCode)) throw employerErrors.taxCodeExists(taxCode);
    const id = await this.db.transaction().execute(async (trx) => {
      const row = { id: await repo.insertEmployer(trx, values) };
      await writeAudit(trx, actor, {
        action: 'employer.create',
        unitId: body.cdcsUnitId ?? body.areaUnitId,
        entityType: 'employer',
        entityId: row.id,
        after: values,
      });
      return row.id;
    });
    return this.detail(id);
  }

  async update(principal: Principal, actor: AuditActor, id: number, body: UpdateEmployerBody): Promise<EmployerItem> {
    const before = await repo.findEmployer(this.db, id);
    if (!before) throw employerNotFound();
    const next = {
      name: body.name !== undefined ? body.name.normalize('NFC').trim() : before.name,
      sector: body.sector ?? before.sector,
      workers: body.workers !== undefined ? body.workers : before.workers,
      women_workers: body.womenWorkers !== undefined ? body.womenWorkers : before.women_workers,
      workers_counted_on: body.workersCountedOn !== undefined ? body.workersCountedOn : before.workers_counted_on,
    };
    refuseIssues(before.tax_code, next);
    await this.checkUnits(principal, body.areaUnitId, body.cdcsUnitId);
    const patch = {
      ...next,
      sector: next.sector as 'hcsn',
      ...(body.industry !== undefined && { industry: blank(body.industry) }),
      ...(body.address !== undefined && { address: blank(body.address) }),
      ...(body.provinceName !== undefined && { province_name: blank(body.provinceName) }),
      ...(body.communeName !== undefined && { commune_name: blank(body.communeName) }),
      ...(body.areaUnitId !== undefined && { area_unit_id: body.areaUnitId }),
      ...(body.cdcsUnitId !== undefined && { cdcs_unit_id: body.cdcsUnitId }),
    };
    await this.db.transaction().execute(async (trx) => {
      await repo.updateEmployer(trx, id, { ...patch, updated_at: new Date() });
      await writeAudit(trx, actor, {
        action: 'employer.update',
        unitId: patch.cdcs_unit_id ?? before.cdcs_unit_id ?? before.area_unit_id,
        entityType: 'employer',
        entityId: id,
        before,
        after: patch,
      });
    });
    return this.detail(id);
  }
}
