// Every id in a request body is checked against the caller's subtree, not only the ids in the
// path: a commune officer's target naming another commune's document, or a CĐCS officer's
// grassroots profile naming another commune's employer, must answer the same 404 as reading that
// record. The rule goes by field name, so a new route gets it without remembering to: a body
// field that looks like an id ("…Id", "…Ids") with no rule here and no declared exemption stops
// the server at start (route-access.ts).
import { sql, type Kysely } from 'kysely';
import { AppError, type ErrorIssue } from '../../domain/errors/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { unitOfDocument } from '../documents/documents.repository.ts';
import { unitOfEmployer } from '../employers/employers.repository.ts';
import { unitOfMember } from '../members/members.repository.ts';
import { unitOfTarget } from '../progress/targets.repository.ts';

type RecordKind = 'unit' | 'employer' | 'document' | 'target' | 'member';

interface ReferenceRule {
  kind: RecordKind;
  /** 'above' also admits records of the caller's ancestors (the programmes one implements). */
  reach: 'subtree' | 'subtree-or-above';
}

const RULES: Record<string, ReferenceRule> = {
  unitId: { kind: 'unit', reach: 'subtree' },
  cdcsUnitId: { kind: 'unit', reach: 'subtree' },
  areaUnitId: { kind: 'unit', reach: 'subtree' },
  issuerUnitId: { kind: 'unit', reach: 'subtree' },
  toUnitId: { kind: 'unit', reach: 'subtree' },
  employerId: { kind: 'employer', reach: 'subtree' },
  documentId: { kind: 'document', reach: 'subtree' },
  linkedDocumentId: { kind: 'document', reach: 'subtree-or-above' },
  parentTargetId: { kind: 'target', reach: 'subtree' },
  keepId: { kind: 'member', reach: 'subtree' },
  dropId: { kind: 'member', reach: 'subtree' },
  // Tasks: units given a task are below the caller; a lead or partner may also be a unit above
  // (a CĐCS coordinating with its commune union), a served target the programme's above.
  assigneeUnitIds: { kind: 'unit', reach: 'subtree' },
  leadUnitId: { kind: 'unit', reach: 'subtree-or-above' },
  partnerUnitIds: { kind: 'unit', reach: 'subtree-or-above' },
  targetIds: { kind: 'target', reach: 'subtree-or-above' },
};

const NOT_FOUND: Record<RecordKind, [code: string, message: string]> = {
  unit: ['UNIT_NOT_FOUND', 'Không tìm thấy đơn vị (hoặc đơn vị nằm ngoài phạm vi quản lý của bạn).'],
  employer: ['EMPLOYER_NOT_FOUND', 'Không tìm thấy đơn vị sử dụng lao động.'],
  document: ['DOCUMENT_NOT_FOUND', 'Không tìm thấy văn bản.'],
  target: ['TARGET_NOT_FOUND', 'Không tìm thấy chỉ tiêu.'],
  member: ['MEMBER_NOT_FOUND', 'Không tìm thấy đoàn viên.'],
};

/** The field's rule, by its last name ("targets.[].unitId" → unitId). */
export function referenceRuleOf(path: string): ReferenceRule | undefined {
  return RULES[path.split('.').at(-1)!];
}

function unitOf(db: Kysely<DB>, kind: RecordKind, id: number): Promise<number | null> {
  switch (kind) {
    case 'unit':
      return Promise.resolve(id);
    case 'employer':
      return unitOfEmployer(db, id);
    case 'document':
      return unitOfDocument(db, id);
    case 'target':
      return unitOfTarget(db, id);
    case 'member':
      return unitOfMember(db, id);
  }
}

/** The unit's latest placement (as isUnitInScope) is under the caller's scope (or, for 'above', over the caller). */
async function reachable(db: Kysely<DB>, unitId: number, scopePath: string, reach: ReferenceRule['reach']): Promise<boolean> {
  const row = await db
    .selectFrom('org_placement')
    .select(sql<boolean>`path <@ ${scopePath}::ltree OR (${reach === 'subtree-or-above'} AND path @> ${scopePath}::ltree)`.as('ok'))
    .where('unit_id', '=', unitId)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.ok === true;
}

/** The values at a field path of a parsed (not yet validated) body: "targets.[].unitId". */
function valuesAt(body: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(body) ? body : [body];
  const [head, ...rest] = path;
  if (head === '[]') return Array.isArray(body) ? body.flatMap((item) => valuesAt(item, rest)) : [];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  return valuesAt((body as Record<string, unknown>)[head!], rest);
}

/** A positive safe integer, or undefined: anything else is left for schema validation to refuse. */
function asId(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * Checks every id of the body at `fields` (as listed by idFieldsOf) against the caller's scope;
 * the first one that does not exist or lies outside answers its record's 404, naming the field.
 */
export async function checkBodyReferences(db: Kysely<DB>, principal: Principal, body: unknown, fields: readonly string[]): Promise<void> {
  for (const field of fields) {
    const rule = referenceRuleOf(field);
    if (!rule) continue; // declared by the route as checked by its service (checkedInService)
    const ids = [
      ...new Set(
        valuesAt(body, field.split('.'))
          .map(asId)
          .filter((id): id is number => id !== undefined),
      ),
    ];
    for (const id of ids) {
      const unitId = await unitOf(db, rule.kind, id);
      if (unitId === null || !(await reachable(db, unitId, principal.scopePath, rule.reach))) {
        const [code, message] = NOT_FOUND[rule.kind];
        const issue: ErrorIssue = { path: field.replaceAll('.[]', '[]'), message };
        throw new AppError(code, 'not_found', message, [issue]);
      }
    }
  }
}
