import type { Kysely, Transaction } from 'kysely';
import { templatePeriod, type TemplateDefinition } from '../../domain/reporting/report-template.ts';
import { checkTemplateDefinition, describeTemplateChanges } from '../../domain/reporting/template-editing.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import * as forms from './form-versions.repository.ts';
import { reportingErrors } from './reporting.errors.ts';
import * as repo from './reporting.repository.ts';
import { periodOf } from './reporting.service.ts';

type Editable = Pick<TemplateDefinition, 'sections' | 'rules'>;

/**
 * Forms as versions (issue 19, docs/custom-measures.md): a manager copies the version in force,
 * edits fields, sections and rules as a draft, and publishes it from a period on for their
 * subtree. A published version never changes; a report keeps the version it was opened with.
 */
export class FormVersionsService {
  constructor(private readonly db: Kysely<DB>) {}

  private async checked(definition: Editable, db: Kysely<DB> = this.db): Promise<void> {
    const problems = checkTemplateDefinition(definition, await forms.elementsByCode(db));
    if (problems.length) {
      throw reportingErrors.formInvalid(
        problems.map((p) => ({ path: p.path, message: p.message })),
        problems,
      );
    }
  }

  /** The versions a caller sees: the whole tree's, and those of owners on their path or in their subtree. */
  async versions(principal: Principal, code: string) {
    const all = await repo.templateVersions(this.db, code);
    if (all.length === 0) throw reportingErrors.templateNotFound(code);
    const related = (owner: string | null) =>
      owner === null ||
      principal.scopePath === owner ||
      principal.scopePath.startsWith(`${owner}.`) ||
      owner.startsWith(`${principal.scopePath}.`);
    const visible = all.filter((v) => related(v.ownerPath));
    const counts = await forms.reportCountsByVersion(
      this.db,
      visible.map((v) => v.id),
    );
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

  async createDraft(principal: Principal, actor: AuditActor, code: string, input: { definition: Editable; basedOn?: number }) {
    const all = await repo.templateVersions(this.db, code);
    const base =
      input.basedOn === undefined ? all.filter((v) => v.fromPeriodStart !== null).at(-1) : all.find((v) => v.version === input.basedOn);
    if (!base) throw input.basedOn === undefined ? reportingErrors.templateNotFound(code) : reportingErrors.versionNotFound();
    if (all.some((v) => v.fromPeriodStart === null && v.ownerUnitId === principal.unitId)) {
      throw reportingErrors.draftExists();
    }
    const definition: TemplateDefinition = { ...base.definition, sections: input.definition.sections, rules: input.definition.rules };
    await this.checked(definition);
    const version = Math.max(...all.map((v) => v.version)) + 1;
    const row = await this.db.transaction().execute(async (trx) => {
      const inserted = await forms.insertDraft(trx, {
        code,
        version,
        definition,
        createdBy: actor.label,
        ownerUnitId: principal.unitId,
        basedOn: base.version,
      });
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

  private async draftOf(trx: Transaction<DB>, principal: Principal, code: string, version: number) {
    const row = await forms.lockVersion(trx, code, version);
    if (!row) throw reportingErrors.versionNotFound();
    if (row.from_period_start !== null) throw reportingErrors.versionPublished(version);
    // A draft is its owner's: another unit's is not found, as out-of-scope records are.
    if (Number(row.owner_unit_id) !== principal.unitId) throw reportingErrors.versionNotFound();
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
      await forms.updateDefinition(trx, row.id, definition);
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
      await forms.deleteVersion(trx, row.id);
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
      const period = periodOf(definition, input.fromPeriod, [{ path: 'fromPeriod', message: 'Kỳ không hợp lệ.' }]);
      await forms.lockForm(trx, code);
      const latest = await forms.latestPublished(trx, code, row.owner_unit_id);
      if (latest && latest.from_period_start! > period.start) {
        throw reportingErrors.periodTooEarly(latest.version, periodLabelOf(definition, latest.from_period_start!));
      }
      const opened = await forms.reportsFrom(trx, principal.unitId, code, period.start);
      if (opened.count > 0) throw reportingErrors.periodHasReports(opened.count, periodLabel(definition, opened.firstPeriodCode!));
      await forms.markPublished(trx, row.id, period.start);
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
