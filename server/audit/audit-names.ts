import type { Kysely } from 'kysely';
import { parsePeriod } from '../../domain/periods/period.ts';
import type { DB } from '../db/schema.ts';
import * as repo from './audit-names.repository.ts';
import type { AuditRow } from './audit.repository.ts';

/**
 * Names for what a page of audit rows talks about. Rows store ids and codes (they must stay
 * valid when a name changes); a reader needs "Báo cáo năm 2026 — CĐCS Công ty May Tân Ninh",
 * not "report #1". One query per kind of record for the whole page (at most 200 rows), so the
 * log stays as fast as it was. A record deleted since has no name here: the screen then falls
 * back on the name its row captured (before/after), if any.
 */
export interface AuditNames {
  /** Keyed by audit row id. */
  entities: Record<string, string>;
  /** Units named by id in before/after/detail (unitId, toUnitId, assigneeUnitIds…). */
  units: Record<string, string>;
  /** Units named by code (a restructuring plan's detail lists codes). */
  unitCodes: Record<string, string>;
  /** Data elements by code (a report's figures are keyed by them). */
  elements: Record<string, string>;
  /** Report forms by code (templateCode in a report row's detail). */
  templates: Record<string, string>;
}

type Json = unknown;

/** Every unit id a row's JSON mentions under a key ending in UnitId(s) or equal to unitId. */
function collectUnitRefs(value: Json, ids: Set<number>, codes: Set<string>, key = ''): void {
  if (Array.isArray(value)) {
    for (const v of value) collectUnitRefs(v, ids, codes, key);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectUnitRefs(v, ids, codes, k);
    return;
  }
  if (/(^u|U)nitIds?$/.test(key) && typeof value === 'number' && Number.isSafeInteger(value)) ids.add(value);
  // org.restructure lists codes: created, moved, merged, split, dissolved, renamed.
  if (['created', 'moved', 'merged', 'split', 'dissolved', 'code'].includes(key) && typeof value === 'string') codes.add(value);
}

function elementKeys(value: Json, into: Set<string>): void {
  const values = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).values : undefined;
  if (values && typeof values === 'object' && !Array.isArray(values)) for (const k of Object.keys(values)) into.add(k);
}

const ids = (rows: AuditRow[], type: string) => [
  ...new Set(
    rows.filter((r) => r.entity_type === type && r.entity_id !== null && /^\d+$/.test(r.entity_id)).map((r) => Number(r.entity_id)),
  ),
];
const codes = (rows: AuditRow[], type: string) => [
  ...new Set(rows.filter((r) => r.entity_type === type && r.entity_id !== null).map((r) => r.entity_id!)),
];

/** What the page's rows mention besides their own record: units by id and code, elements, forms. */
function collectRefs(rows: AuditRow[]) {
  const unitIds = new Set<number>();
  const unitCodes = new Set<string>();
  const elementCodes = new Set<string>(codes(rows, 'data_element'));
  const templateCodes = new Set<string>();
  for (const r of rows) {
    for (const part of [r.before, r.after, r.detail]) collectUnitRefs(part, unitIds, unitCodes);
    elementKeys(r.before, elementCodes);
    elementKeys(r.after, elementCodes);
    const code = (r.detail as { templateCode?: unknown } | null)?.templateCode;
    if (typeof code === 'string') templateCodes.add(code);
  }
  for (const id of ids(rows, 'org_unit').concat(ids(rows, 'grassroots'))) unitIds.add(id);
  return { unitIds: [...unitIds], unitCodes: [...unitCodes], elementCodes: [...elementCodes], templateCodes: [...templateCodes] };
}

/** Awaits every look-up at once and keeps each result under its name. */
async function allNamed<T extends Record<string, Promise<unknown>>>(lookUps: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const names = Object.keys(lookUps);
  const results = await Promise.all(Object.values(lookUps));
  return Object.fromEntries(names.map((name, i) => [name, results[i]])) as { [K in keyof T]: Awaited<T[K]> };
}

async function lookUp(db: Kysely<DB>, rows: AuditRow[]) {
  const refs = collectRefs(rows);
  const { units, ...found } = await allNamed({
    users: repo.namesById(db, 'app_user', ids(rows, 'user'), `full_name || ' (' || username || ')'`),
    tokens: repo.namesById(db, 'api_token', ids(rows, 'api_token'), 'name'),
    members: repo.namesById(db, 'member', ids(rows, 'member'), 'full_name'),
    employers: repo.namesById(db, 'employer', ids(rows, 'employer'), 'name'),
    tasks: repo.namesById(db, 'task', ids(rows, 'task'), 'title'),
    imports: repo.namesById(db, 'import_job', ids(rows, 'import_job'), 'file_name'),
    forms: repo.namesById(db, 'report_template', ids(rows, 'report_template'), `name || ' (phiên bản ' || version || ')'`),
    units: repo.unitNamesById(db, refs.unitIds),
    unitsByCode: repo.namesByCode(db, 'org_unit', refs.unitCodes),
    elements: repo.namesByCode(db, 'data_element', refs.elementCodes),
    indicators: repo.namesByCode(db, 'indicator', codes(rows, 'indicator')),
    templates: repo.currentTemplateNames(db, refs.templateCodes),
    reports: repo.reportNames(db, ids(rows, 'report')),
    documents: repo.documentNames(db, ids(rows, 'plan_document')),
    targets: repo.targetNames(db, ids(rows, 'target')),
    agreements: repo.agreementNames(db, ids(rows, 'agreement')),
  });
  return { ...found, unitNames: new Map(units.map((u) => [Number(u.id), u.name])) };
}

function periodLabel(code: string) {
  try {
    return parsePeriod(code).label.toLowerCase();
  } catch {
    return code;
  }
}

/** How a record of each entity type is named, from what lookUp found. */
function namers(found: Awaited<ReturnType<typeof lookUp>>): Record<string, (id: string) => string | undefined> {
  const {
    users,
    tokens,
    members,
    employers,
    tasks,
    imports,
    forms,
    unitNames,
    elements,
    indicators,
    reports,
    documents,
    targets,
    agreements,
  } = found;
  return {
    user: (id) => users.get(Number(id)),
    api_token: (id) => tokens.get(Number(id)),
    member: (id) => members.get(Number(id)),
    employer: (id) => employers.get(Number(id)),
    task: (id) => tasks.get(Number(id)),
    import_job: (id) => imports.get(Number(id)),
    report_template: (id) => forms.get(Number(id)),
    org_unit: (id) => unitNames.get(Number(id)),
    grassroots: (id) => unitNames.get(Number(id)),
    data_element: (code) => elements.find((e) => e.code === code)?.name,
    indicator: (code) => indicators.find((e) => e.code === code)?.name,
    report: (id) => {
      const r = reports.find((x) => Number(x.id) === Number(id));
      return r && `${r.template} ${periodLabel(r.period_code)} — ${r.unit}`;
    },
    plan_document: (id) => {
      const d = documents.find((x) => Number(x.id) === Number(id));
      return d && (d.symbol ? `${d.symbol} — ${d.title}` : d.title);
    },
    target: (id) => {
      const t = targets.find((x) => Number(x.id) === Number(id));
      return t && `${t.subject} — ${t.unit}`;
    },
    agreement: (id) => {
      const a = agreements.find((x) => Number(x.id) === Number(id));
      return a && `${a.number ? `số ${a.number}, ` : ''}${a.employer ?? a.cdcs}`;
    },
  };
}

export async function auditNames(db: Kysely<DB>, rows: AuditRow[]): Promise<AuditNames> {
  const found = await lookUp(db, rows);
  const named = namers(found);
  const entities: Record<string, string> = {};
  for (const r of rows) {
    const name = r.entity_type && r.entity_id !== null ? named[r.entity_type]?.(r.entity_id) : undefined;
    if (name) entities[String(r.id)] = name;
  }
  return {
    entities,
    units: Object.fromEntries([...found.unitNames].map(([id, name]) => [String(id), name])),
    unitCodes: Object.fromEntries(found.unitsByCode.map((u) => [u.code, u.name])),
    elements: Object.fromEntries(found.elements.map((e) => [e.code, e.name])),
    templates: Object.fromEntries(found.templates.map((t) => [t.code, t.name])),
  };
}
