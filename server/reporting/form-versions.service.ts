import { sql, type Kysely } from 'kysely';
import { AppError, badRequest, notFound } from '../../domain/errors/app-error.ts';
import { templatePeriod, type TemplateDefinition } from '../../domain/reporting/report-template.ts';
import { checkTemplateDefinition, describeTemplateChanges } from '../../domain/reporting/template-editing.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import * as repo from './reporting.repository.ts';

type Editable = Pick<TemplateDefinition, 'sections' | 'rules'>;

const formNotFound = (code: string) => notFound('TEMPLATE_NOT_FOUND', `Không có biểu mẫu "${code}".`);
const versionNotFound = () => notFound('TEMPLATE_VERSION_NOT_FOUND', 'Không tìm thấy phiên bản biểu mẫu này.');
const published = (version: number) =>
  new AppError(
    'TEMPLATE_VERSION_PUBLISHED',
    'conflict',
    `Phiên bản ${version} đã áp dụng nên không sửa được (các báo cáo dùng nó phải giữ nguyên biểu mẫu): hãy tạo phiên bản mới.`,
  );

/**
 * Forms as versions (issue 19, docs/custom-measures.md): a manager copies the version in force,
 * edits fields, sections and rules as a draft, and publishes it from a period on for their
 * subtree. A published version never changes; a report keeps the version it was opened with.
 */
export class FormVersionsService {
  constructor(private readonly db: Kysely<DB>) {}

  private async elements(db: Kysely<DB> = this.db) {
    const rows = await db.selectFrom('data_element').select(['code', 'name', 'unit', 'source']).execute();
    return new Map(rows.map((r) => [r.code, { name: r.name, unit: r.unit, source: r.source }]));
  }

  private async checked(definition: Editable, db: Kysely<DB> = this.db): Promise<void> {
    const problems = checkTemplateDefinition(definition, await this.elements(db));
    if (problems.length) {
      throw new AppError(
        'TEMPLATE_INVALID',
        'bad_request',
        `Biểu mẫu chưa hợp lệ: ${problems[0]!.message}`,
        problems.map((p) => ({ path: p.path, message: p.message })),
        { problems },
      );
    }
  }

  /** The versions a caller sees: the whole tree's, and those of owners on their path or in their subtree. */
  async versions(principal: Principal, code: string) {
    const all = await repo.templateVersions(this.db, code);
    if (all.length === 0) throw formNotFound(code);
    const related = (owner: string | null) =>
      owner === null ||
      principal.scopePath === owner ||
      principal.scopePath.startsWith(`${owner}.`) ||
      owner.startsWith(`${principal.scopePath}.`);
    const visible = all.filter((v) => related(v.ownerPath));
    const counts = await this.reportCounts(visible.map((v) => v.id));
    return visible.reverse().map((v) => {
      const base = all.find((b) => b.version === v.basedOn);
      const fromPeriod = v.fromPeriodStart ? periodCodeOf(v.definition, v.fromPeriodStart) : null;
      return {
        id: v.id,
        version: v.version,
        name: v.name,
        status: v.fromPeriodStart === null ? ('draft' as const) : ('published' as const),
        fromPeriod,
        fromPeriodStart: v.fromPeriodStart,
        owner: v.ownerUnitId === null ? null : { id: v.ownerUnitId, name: v.ownerName ?? '' },
        reports: counts.get(v.id) ?? 0,
        createdAt: new Date(v.createdAt).toISOString(),
        createdBy: v.createdBy,
        publishedAt: v.publishedAt ? new Date(v.publishedAt).toISOString() : null,
        basedOn: v.basedOn,
        definition: v.definition,
        changes: base ? describeTemplateChanges(base.definition, v.definition) : [],
        canEdit: v.fromPeriodStart === null && principal.permissions.has('measures.manage') && v.ownerUnitId === principal.unitId,
      };
    });
  }

  private async reportCounts(ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const { rows } = await sql<{
      id: number;
      n: number;
    }>`SELECT template_id AS id, count(*) AS n FROM report WHERE template_id = ANY(${ids}::bigint[]) GROUP BY 1`.execute(this.db);
    return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
  }

  async createDraft(principal: Principal, actor: AuditActor, code: string, input: { definition: Editable; basedOn?: number }) {
    const all = await repo.templateVersions(this.db, code);
    const base =
      input.basedOn === undefined ? all.filter((v) => v.fromPeriodStart !== null).at(-1) : all.find((v) => v.version === input.basedOn);
    if (!base) throw input.basedOn === undefined ? formNotFound(code) : versionNotFound();
    if (all.some((v) => v.fromPeriodStart === null && v.ownerUnitId === principal.unitId)) {
      throw new AppError(
        'TEMPLATE_DRAFT_EXISTS',
        'conflict',
        'Đơn vị đã có một bản nháp của biểu mẫu này: hãy sửa hoặc xóa bản nháp đó trước.',
      );
    }
    const definition: TemplateDefinition = { ...base.definition, sections: input.definition.sections, rules: input.definition.rules };
    await this.checked(definition);
    const version = Math.max(...all.map((v) => v.version)) + 1;
    const row = await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('report_template')
        .values({
          code,
          version,
          name: definition.name,
          definition: JSON.stringify(definition),
          created_by: actor.label,
          is_current: false,
          owner_unit_id: principal.unitId,
          from_period_start: null,
          based_on: base.version,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, {
        action: 'report_template.draft_created',
        unitId: principal.unitId,
        entityType: 'report_template',
        entityId: inserted.id,
        detail: { code, version, basedOn: base.version, changes: describeTemplateChanges(base.definition, definition) },
      });
      return inserted;
    });
    return (await this.versions(principal, code)).find((v) => v.id === Number(row.id))!;
  }

  private async draftOf(trx: Kysely<DB>, principal: Principal, code: string, version: number) {
    const row = await trx
      .selectFrom('report_template')
      .selectAll()
      .where('code', '=', code)
      .where('version', '=', version)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw versionNotFound();
    if (row.from_period_start !== null) throw published(version);
    // A draft is its owner's: another unit's is not found, as out-of-scope records are.
    if (Number(row.owner_unit_id) !== principal.unitId) throw versionNotFound();
    return row;
  }

  async updateDraft(principal: Principal, actor: AuditActor, code: string, version: number, input: { definition: Editable }) {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.draftOf(trx, principal, code, version);
      const definition: TemplateDefinition = {
        ...(row.definition as TemplateDefinition),
        sections: input.definition.sections,
        rules: input.definition.rules,
      };
      await this.checked(definition, trx);
      await trx
        .updateTable('report_template')
        .set({ definition: JSON.stringify(definition) })
        .where('id', '=', row.id)
        .execute();
      await writeAudit(trx, actor, {
        action: 'report_template.draft_updated',
        unitId: principal.unitId,
        entityType: 'report_template',
        entityId: row.id,
        detail: { code, version, changes: describeTemplateChanges(row.definition as TemplateDefinition, definition) },
      });
    });
    return (await this.versions(principal, code)).find((v) => v.version === version)!;
  }

  async deleteDraft(principal: Principal, actor: AuditActor, code: string, version: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.draftOf(trx, principal, code, version);
      await trx.deleteFrom('report_template').where('id', '=', row.id).execute();
      await writeAudit(trx, actor, {
        action: 'report_template.draft_deleted',
        unitId: principal.unitId,
        entityType: 'report_template',
        entityId: row.id,
        detail: { code, version },
      });
    });
  }

  /**
   * Publishes a draft from a period on, for the publisher's subtree. Refused from a period that
   * already has reports of this form there (they were opened with another version), and before
   * the first period of the owner's version in force (that would rewrite what applied then).
   */
  async publish(principal: Principal, actor: AuditActor, code: string, version: number, input: { fromPeriod: string }) {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.draftOf(trx, principal, code, version);
      const definition = row.definition as TemplateDefinition;
      await this.checked(definition, trx);
      let period;
      try {
        period = templatePeriod(definition, input.fromPeriod);
      } catch (error) {
        throw badRequest('PERIOD_INVALID', error instanceof Error ? error.message : String(error), [
          { path: 'fromPeriod', message: 'Kỳ không hợp lệ.' },
        ]);
      }
      // Serialises publications of one form: the checks below must hold until commit.
      await sql`SELECT id FROM report_template WHERE code = ${code} FOR UPDATE`.execute(trx);
      const latest = await trx
        .selectFrom('report_template')
        .select(['version', 'from_period_start'])
        .where('code', '=', code)
        .where('from_period_start', 'is not', null)
        .where((eb) => (row.owner_unit_id === null ? eb('owner_unit_id', 'is', null) : eb('owner_unit_id', '=', row.owner_unit_id)))
        .orderBy('from_period_start', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (latest && latest.from_period_start! > period.start) {
        throw badRequest(
          'TEMPLATE_PERIOD_TOO_EARLY',
          `Phiên bản ${latest.version} đã áp dụng từ ${periodLabelOf(definition, latest.from_period_start!)}: chỉ áp dụng phiên bản mới từ kỳ đó trở đi.`,
        );
      }
      const opened = await sql<{ n: number; label: string | null }>`
        SELECT count(*) AS n, min(r.period_code) AS label FROM report r JOIN org_placement p ON p.unit_id = r.unit_id AND p.valid_to IS NULL
        JOIN org_placement o ON o.unit_id = ${principal.unitId} AND o.valid_to IS NULL
        WHERE r.template_code = ${code} AND r.period_start >= ${period.start}::date AND p.path <@ o.path`.execute(trx);
      const n = Number(opened.rows[0]!.n);
      if (n > 0) {
        throw new AppError(
          'TEMPLATE_PERIOD_HAS_REPORTS',
          'conflict',
          `Đã có ${n.toLocaleString('vi-VN')} báo cáo từ kỳ ${periodLabel(definition, opened.rows[0]!.label!)} trở đi lập theo phiên bản trước: chọn một kỳ sau các kỳ đó.`,
        );
      }
      await trx
        .updateTable('report_template')
        .set({ from_period_start: period.start, published_at: sql`now()` })
        .where('id', '=', row.id)
        .execute();
      await writeAudit(trx, actor, {
        action: 'report_template.published',
        unitId: principal.unitId,
        entityType: 'report_template',
        entityId: row.id,
        detail: { code, version, fromPeriod: period.code },
      });
    });
    return (await this.versions(principal, code)).find((v) => v.version === version)!;
  }
}

/** The period code of the form's calendar starting on `start` (calendars may start a year in December). */
function periodCodeOf(definition: TemplateDefinition, start: string): string {
  if (start <= '2000-01-01') return 'từ trước';
  const year = Number(start.slice(0, 4));
  const candidates =
    definition.periodKind === 'year' ? [year, year + 1].map(String) : [year, year + 1].flatMap((y) => [`${y}-H1`, `${y}-H2`]);
  return candidates.find((code) => templatePeriod(definition, code).start === start) ?? start;
}

function periodLabelOf(definition: TemplateDefinition, start: string): string {
  const label = periodLabel(definition, periodCodeOf(definition, start), null);
  return label === null ? 'trước' : `kỳ ${label}`;
}

/** The period's Vietnamese label, or `fallback` when the code is not one of the form's calendar. */
function periodLabel<F extends string | null = string>(definition: TemplateDefinition, code: string, fallback: F = code as F): string | F {
  try {
    return templatePeriod(definition, code).label;
  } catch {
    return fallback;
  }
}
