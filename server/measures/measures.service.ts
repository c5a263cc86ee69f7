import type { Kysely } from 'kysely';
import { foldWords } from '../../domain/indicators/catalogue.ts';
import { checkIndicator, type CatalogueView, type IndicatorDraft, type IndicatorProblem } from '../../domain/measures/indicator-checks.ts';
import {
  DERIVED_MEASURES,
  DERIVED_REGISTRIES,
  DERIVED_SECTORS,
  describeDerived,
  parseDerivedDefinition,
  type DerivedDefinition,
} from '../../domain/measures/derived-definition.ts';
import { parsePeriod } from '../../domain/periods/period.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { commonErrors } from '../http/common.errors.ts';
import { measureErrors } from './measures.errors.ts';
import type { ProgressService } from '../progress/progress.service.ts';
import * as repo from './measures.repository.ts';

export type ElementUnit = 'count' | 'percent' | 'money';
export type IndicatorUnit = 'count' | 'percent' | 'ratio' | 'money';

export interface ElementInput {
  code?: string;
  name: string;
  unit: ElementUnit;
  source: 'derived' | 'reported';
  description?: string;
  definition?: unknown;
  unitId?: number;
}

export interface IndicatorInput {
  code?: string;
  name: string;
  unit: IndicatorUnit;
  numerator: string;
  denominator?: string | null;
  description?: string;
  keywords?: string[];
  unitId?: number;
}

const notFound = (kind: 'element' | 'indicator') =>
  kind === 'element' ? measureErrors.elementNotFound() : measureErrors.indicatorNotFound();
const { notEditable: cannotEdit, inUse, invalid } = measureErrors;

/** A name as typed, or a clear refusal when it is blank once trimmed. */
function nameOf(raw: string): string {
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '') throw measureErrors.nameRequired();
  return name;
}

/** A code from a Vietnamese name: accent-free snake_case, as the built-in codes are. */
export function codeFromName(name: string): string {
  const words = foldWords(name).replace(/%/g, ' ').split(' ').filter(Boolean);
  const code = words.join('_').slice(0, 56).replace(/_+$/, '');
  return /^[a-z]/.test(code) ? code : `m_${code}`.slice(0, 56);
}

/**
 * Data elements and indicators defined in the app (docs/custom-measures.md). A manager edits the
 * rows of their unit and the units below; the whole tree's rows (the built-in catalogue) from
 * the root. A change of meaning is refused while something reads the code; every write is a
 * new version, audited, and the progress engine reloads its catalogue.
 */
export class MeasuresService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly progress: ProgressService,
  ) {}

  private canEdit(principal: Principal, row: { owner_unit_id: number | null; owner_path: string | null }): boolean {
    if (!principal.permissions.has('measures.manage')) return false;
    if (row.owner_unit_id === null) return !principal.scopePath.includes('.');
    return row.owner_path !== null && (row.owner_path === principal.scopePath || row.owner_path.startsWith(`${principal.scopePath}.`));
  }

  /** The row locked for a change, with its owner: not found outside the caller's view, refused when not theirs to edit. */
  private async editableElement(trx: Kysely<DB>, principal: Principal, code: string) {
    const row = await repo.lockElement(trx, code);
    const [visible] = row ? await repo.listElements(trx, principal.scopePath, [code]) : [];
    if (!row || !visible) throw notFound('element');
    if (!this.canEdit(principal, visible)) throw cannotEdit();
    return { row, visible };
  }

  private async editableIndicator(trx: Kysely<DB>, principal: Principal, code: string) {
    const row = await repo.lockIndicator(trx, code);
    const [visible] = row ? await repo.listIndicators(trx, principal.scopePath, [code]) : [];
    if (!row || !visible) throw notFound('indicator');
    if (!this.canEdit(principal, visible)) throw cannotEdit();
    return { row, visible };
  }

  async derivedOptions() {
    return { registries: DERIVED_REGISTRIES, measures: DERIVED_MEASURES, sectors: DERIVED_SECTORS };
  }

  /** Who uses each code, for the lists: indicators, published forms, targets (counted per indicator). */
  private async usageIndex(): Promise<{ element(code: string): repo.UsageRef[]; indicator(code: string): repo.UsageRef[] }> {
    const data = await repo.usageIndexData(this.db);
    const reads = (i: { numerator: string; denominator: string | null }, code: string) =>
      `${i.numerator} ${i.denominator ?? ''}`.includes(`#{${code}}`);
    const targetsOf = (i: { code: string; name: string }): repo.UsageRef[] => {
      const n = data.targets.get(i.code) ?? 0;
      return n ? [{ kind: 'target', code: i.code, label: `${n.toLocaleString('vi-VN')} chỉ tiêu đo bằng chỉ số «${i.name}»` }] : [];
    };
    return {
      element: (code) => {
        const indicators = data.indicators.filter((i) => reads(i, code));
        return [
          ...indicators.map((i): repo.UsageRef => ({ kind: 'indicator', code: i.code, label: `Chỉ số «${i.name}»` })),
          ...data.forms
            .filter((f) => f.elements.includes(code))
            .map((f): repo.UsageRef => ({ kind: 'form', id: f.id, label: `Biểu mẫu «${f.name}», phiên bản ${f.version}` })),
          ...indicators.flatMap(targetsOf),
        ];
      },
      indicator: (code) => [
        ...targetsOf(data.indicators.find((i) => i.code === code) ?? { code, name: code }),
        ...data.indicators
          .filter((i) => i.code !== code && reads(i, code))
          .map((i): repo.UsageRef => ({ kind: 'indicator', code: i.code, label: `Chỉ số «${i.name}»` })),
      ],
    };
  }

  async elements(principal: Principal, codes?: string[]) {
    const [rows, usage] = await Promise.all([repo.listElements(this.db, principal.scopePath, codes), this.usageIndex()]);
    return rows.map((r) => this.elementItem(principal, r, usage.element(r.code)));
  }

  private elementItem(principal: Principal, r: repo.ElementRow, usedBy: repo.UsageRef[]) {
    const definition = (r.definition ?? null) as DerivedDefinition | null;
    return {
      code: r.code,
      name: r.name,
      unit: r.unit,
      source: r.source,
      description: r.description,
      definition,
      definitionText: definition ? describeDerived(definition) : null,
      builtin: r.is_builtin,
      owner: r.owner_unit_id === null ? null : { id: r.owner_unit_id, name: r.owner_name ?? '' },
      version: Number(r.version),
      updatedAt: new Date(r.updated_at).toISOString(),
      updatedBy: r.updated_by,
      usedBy,
      canEdit: this.canEdit(principal, r),
    };
  }

  async indicators(principal: Principal, codes?: string[]) {
    const [rows, usage] = await Promise.all([repo.listIndicators(this.db, principal.scopePath, codes), this.usageIndex()]);
    return rows.map((r) => this.indicatorItem(principal, r, usage.indicator(r.code)));
  }

  private indicatorItem(principal: Principal, r: repo.IndicatorRow, usedBy: repo.UsageRef[]) {
    return {
      code: r.code,
      name: r.name,
      unit: r.unit,
      numerator: r.numerator,
      denominator: r.denominator,
      description: r.description,
      keywords: r.keywords,
      builtin: r.is_builtin,
      owner: r.owner_unit_id === null ? null : { id: r.owner_unit_id, name: r.owner_name ?? '' },
      version: Number(r.version),
      updatedAt: new Date(r.updated_at).toISOString(),
      updatedBy: r.updated_by,
      usedBy,
      canEdit: this.canEdit(principal, r),
    };
  }

  async usage(kind: 'element' | 'indicator', code: string): Promise<repo.UsageRef[]> {
    return kind === 'element' ? repo.elementUsage(this.db, code) : repo.indicatorUsage(this.db, code);
  }

  private async ownerOf(principal: Principal, unitId: number | undefined): Promise<{ id: number; path: string }> {
    const id = unitId ?? principal.unitId;
    const path = await repo.unitPath(this.db, id);
    if (path === null || !(path === principal.scopePath || path.startsWith(`${principal.scopePath}.`))) {
      throw commonErrors.unitNotFound();
    }
    return { id, path };
  }

  private async freeCode(wanted: string | undefined, name: string): Promise<string> {
    if (wanted !== undefined) {
      if (!/^[a-z][a-z0-9_]{0,63}$/.test(wanted)) throw measureErrors.codeInvalid();
      if (await repo.codeTaken(this.db, wanted)) throw measureErrors.codeTaken(wanted);
      return wanted;
    }
    const base = codeFromName(name);
    for (let n = 1; n < 100; n++) {
      const code = n === 1 ? base : `${base}_${n}`;
      if (!(await repo.codeTaken(this.db, code))) return code;
    }
    throw measureErrors.codeRequired();
  }

  /** Two measures of the same kind with the same name would be told apart by code only: refused. */
  private async nameFree(table: 'data_element' | 'indicator', name: string, except: string | null): Promise<void> {
    const rows = await repo.namesOf(this.db, table);
    const key = (n: string) => foldWords(n);
    const clash = rows.find((r) => r.code !== except && key(r.name) === key(name));
    if (clash) {
      throw measureErrors.nameTaken(table === 'data_element' ? 'thành phần số liệu' : 'chỉ số', clash.name, clash.code);
    }
  }

  private checkedDefinition(source: 'derived' | 'reported', definition: unknown): DerivedDefinition | null {
    if (source === 'reported') {
      if (definition !== undefined && definition !== null) throw invalid('Thành phần nhập qua biểu mẫu không có cách đếm từ sổ.', []);
      return null;
    }
    const parsed = parseDerivedDefinition(definition);
    if (!parsed.ok) throw invalid(parsed.problems.join(' '), parsed.problems);
    return parsed.definition;
  }

  async createElement(principal: Principal, actor: AuditActor, input: ElementInput) {
    const name = nameOf(input.name);
    await this.nameFree('data_element', name, null);
    const owner = await this.ownerOf(principal, input.unitId);
    const definition = this.checkedDefinition(input.source, input.definition);
    if (input.source === 'derived' && input.unit !== 'count')
      throw invalid('Thành phần tính từ sổ là số lượng (đếm), không phải tỷ lệ hay tiền.', []);
    const code = await this.freeCode(input.code, name);
    const snapshot = { name, unit: input.unit, source: input.source, description: input.description?.trim() ?? '', definition };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertElement(trx, { code, ...snapshot, ownerUnitId: owner.id, updatedBy: actor.label });
      await recordCreation(trx, actor, 'element', code, owner.id, snapshot);
    });
    this.progress.invalidateCatalogue();
    return (await this.elements(principal, [code]))[0]!;
  }

  async updateElement(
    principal: Principal,
    actor: AuditActor,
    code: string,
    input: { name?: string; description?: string; unit?: ElementUnit; definition?: unknown; reason: string },
  ) {
    if (input.name !== undefined) await this.nameFree('data_element', nameOf(input.name), code);
    await this.db.transaction().execute(async (trx) => {
      const { row, visible } = await this.editableElement(trx, principal, code);
      const definition =
        input.definition === undefined
          ? (row.definition as DerivedDefinition | null)
          : this.checkedDefinition(row.source, input.definition);
      const unit = input.unit ?? row.unit;
      const meaningChanged = unit !== row.unit || JSON.stringify(definition) !== JSON.stringify(row.definition ?? null);
      if (meaningChanged) {
        if (row.is_builtin) throw measureErrors.builtinMeaning();
        const usedBy = await repo.elementUsage(trx, code);
        if (usedBy.length) throw inUse(`Thành phần «${row.name}»`, usedBy);
      }
      const next = {
        name: input.name === undefined ? row.name : nameOf(input.name),
        unit,
        source: row.source,
        description: input.description?.trim() ?? row.description,
        definition,
      };
      const before = { name: row.name, unit: row.unit, description: row.description, definition: row.definition ?? null };
      await saveEdit(trx, actor, 'element', code, { row, visible, before, after: next, reason: input.reason }, repo.updateElement);
    });
    this.progress.invalidateCatalogue();
    return (await this.elements(principal, [code]))[0]!;
  }

  async deleteElement(principal: Principal, actor: AuditActor, code: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { row, visible } = await this.editableElement(trx, principal, code);
      const usedBy = await repo.elementUsage(trx, code);
      if (usedBy.length) throw inUse(`Thành phần «${row.name}»`, usedBy);
      // Drafts may still list it: they are not in use, and lose the field.
      await repo.deleteElement(trx, code);
      await recordDeletion(trx, actor, 'element', code, visible.owner_unit_id, {
        name: row.name,
        unit: row.unit,
        source: row.source,
        definition: row.definition ?? null,
      });
    });
    this.progress.invalidateCatalogue();
  }

  /** The catalogue as the expression checks see it: every code, whoever owns it (codes are global). */
  private async catalogueView(db: Kysely<DB> = this.db): Promise<CatalogueView> {
    const { elements, indicators } = await repo.catalogueCodes(db);
    return {
      elements: new Map(elements.map((e) => [e.code, { unit: e.unit, source: e.source }])),
      indicators: new Map(indicators.map((i) => [i.code, { numerator: i.numerator, denominator: i.denominator, unit: i.unit }])),
    };
  }

  private async checked(draft: IndicatorDraft, db: Kysely<DB> = this.db): Promise<void> {
    const problems = checkIndicator(draft, await this.catalogueView(db));
    if (problems.length) throw invalid(problems.map((p) => p.message).join(' '), problems);
  }

  /** The value an indicator would have, before it is saved: its checks, then the figures of a unit on a day. */
  async preview(input: { unit: IndicatorUnit; numerator: string; denominator?: string | null; unitId: number; date: string }) {
    const draft: IndicatorDraft = {
      code: '__preview__',
      unit: input.unit,
      numerator: input.numerator,
      denominator: input.denominator?.trim() ? input.denominator : null,
    };
    const problems: IndicatorProblem[] = checkIndicator(draft, await this.catalogueView());
    if (problems.length) return { value: null, numerator: null, denominator: null, elements: {}, problems };
    const result = await this.progress.previewValue(
      { numerator: draft.numerator, denominator: draft.denominator },
      input.unitId,
      input.date,
      parsePeriod(input.date.slice(0, 4)),
    );
    return { ...result, problems };
  }

  async createIndicator(principal: Principal, actor: AuditActor, input: IndicatorInput) {
    const name = nameOf(input.name);
    await this.nameFree('indicator', name, null);
    const owner = await this.ownerOf(principal, input.unitId);
    const code = await this.freeCode(input.code, name);
    const draft: IndicatorDraft = {
      code,
      unit: input.unit,
      numerator: input.numerator.trim(),
      denominator: input.denominator?.trim() ? input.denominator.trim() : null,
    };
    await this.checked(draft);
    const snapshot = {
      name,
      unit: draft.unit,
      numerator: draft.numerator,
      denominator: draft.denominator,
      description: input.description?.trim() ?? '',
      keywords: input.keywords ?? [],
    };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertIndicator(trx, { code, ...snapshot, ownerUnitId: owner.id, updatedBy: actor.label });
      await recordCreation(trx, actor, 'indicator', code, owner.id, snapshot);
    });
    this.progress.invalidateCatalogue();
    return (await this.indicators(principal, [code]))[0]!;
  }

  async updateIndicator(
    principal: Principal,
    actor: AuditActor,
    code: string,
    input: {
      name?: string;
      description?: string;
      keywords?: string[];
      unit?: IndicatorUnit;
      numerator?: string;
      denominator?: string | null;
      reason: string;
    },
  ) {
    if (input.name !== undefined) await this.nameFree('indicator', nameOf(input.name), code);
    await this.db.transaction().execute(async (trx) => {
      const { row, visible } = await this.editableIndicator(trx, principal, code);
      const denominator = input.denominator === undefined ? row.denominator : input.denominator?.trim() ? input.denominator.trim() : null;
      const draft: IndicatorDraft = {
        code,
        unit: input.unit ?? row.unit,
        numerator: input.numerator?.trim() ?? row.numerator,
        denominator,
      };
      const meaningChanged = draft.unit !== row.unit || draft.numerator !== row.numerator || draft.denominator !== row.denominator;
      if (meaningChanged) {
        await this.checked(draft, trx);
        const usedBy = await repo.indicatorUsage(trx, code);
        if (usedBy.length) throw inUse(`Chỉ số «${row.name}»`, usedBy);
      }
      const next = {
        name: input.name === undefined ? row.name : nameOf(input.name),
        unit: draft.unit,
        numerator: draft.numerator,
        denominator: draft.denominator,
        description: input.description?.trim() ?? row.description,
        keywords: input.keywords ?? row.keywords,
      };
      const before = {
        name: row.name,
        unit: row.unit,
        numerator: row.numerator,
        denominator: row.denominator,
        description: row.description,
        keywords: row.keywords,
      };
      await saveEdit(trx, actor, 'indicator', code, { row, visible, before, after: next, reason: input.reason }, repo.updateIndicator);
    });
    this.progress.invalidateCatalogue();
    return (await this.indicators(principal, [code]))[0]!;
  }

  async deleteIndicator(principal: Principal, actor: AuditActor, code: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { row, visible } = await this.editableIndicator(trx, principal, code);
      // Every target counts, also allocations and withdrawn ones: their history reads the indicator.
      const targets = await repo.targetCount(trx, code);
      const usedBy = await repo.indicatorUsage(trx, code);
      if (targets > 0 && !usedBy.some((u) => u.kind === 'target')) usedBy.push({ kind: 'target', label: `${targets} chỉ tiêu` });
      if (usedBy.length) throw inUse(`Chỉ số «${row.name}»`, usedBy);
      await repo.deleteIndicator(trx, code);
      await recordDeletion(trx, actor, 'indicator', code, visible.owner_unit_id, {
        name: row.name,
        unit: row.unit,
        numerator: row.numerator,
        denominator: row.denominator,
      });
    });
    this.progress.invalidateCatalogue();
  }

  async versions(principal: Principal, kind: 'element' | 'indicator', code: string) {
    const visible =
      kind === 'element'
        ? await repo.listElements(this.db, principal.scopePath, [code])
        : await repo.listIndicators(this.db, principal.scopePath, [code]);
    if (visible.length === 0) throw notFound(kind);
    const rows = await repo.versionsOf(this.db, kind, code);
    return rows.map((r) => ({
      version: Number(r.version),
      snapshot: r.snapshot,
      changedAt: new Date(r.changed_at as unknown as string).toISOString(),
      changedBy: r.changed_by,
      reason: r.reason,
    }));
  }
}

type MeasureKind = 'element' | 'indicator';
/** The audit log's entity type of a measure. */
const entityTypeOf = (kind: MeasureKind) => (kind === 'element' ? 'data_element' : 'indicator');

/** A new measure's first version and its audit line, beside the row in the same transaction. */
async function recordCreation(
  trx: Kysely<DB>,
  actor: AuditActor,
  kind: MeasureKind,
  code: string,
  ownerUnitId: number,
  snapshot: Record<string, unknown>,
): Promise<void> {
  await repo.writeVersion(trx, { kind, code, version: 1, snapshot, changedBy: actor.label, reason: null });
  await writeAudit(trx, actor, {
    action: `measure.${kind}_created`,
    unitId: ownerUnitId,
    entityType: entityTypeOf(kind),
    entityId: code,
    after: snapshot,
  });
}

/**
 * An edited measure: its row rewritten (`write`) as the next version, that version's snapshot with
 * the reason given, and its audit line, in the same transaction.
 */
async function saveEdit<F extends Record<string, unknown>>(
  trx: Kysely<DB>,
  actor: AuditActor,
  kind: MeasureKind,
  code: string,
  change: {
    row: { version: number | string };
    visible: { owner_unit_id: number | null };
    before: Record<string, unknown>;
    after: F;
    reason: string;
  },
  write: (trx: Kysely<DB>, code: string, next: F & { version: number; updatedBy: string }) => Promise<void>,
): Promise<void> {
  const version = Number(change.row.version) + 1;
  await write(trx, code, { ...change.after, version, updatedBy: actor.label });
  const reason = change.reason.trim();
  await repo.writeVersion(trx, { kind, code, version, snapshot: change.after, changedBy: actor.label, reason });
  await writeAudit(trx, actor, {
    action: `measure.${kind}_updated`,
    unitId: change.visible.owner_unit_id,
    entityType: entityTypeOf(kind),
    entityId: code,
    before: change.before,
    after: { ...change.after, reason },
  });
}

/** A deleted measure's audit line (what it was), beside the deletion in the same transaction. */
async function recordDeletion(
  trx: Kysely<DB>,
  actor: AuditActor,
  kind: MeasureKind,
  code: string,
  ownerUnitId: number | null,
  before: Record<string, unknown>,
): Promise<void> {
  await writeAudit(trx, actor, {
    action: `measure.${kind}_deleted`,
    unitId: ownerUnitId,
    entityType: entityTypeOf(kind),
    entityId: code,
    before,
  });
}
