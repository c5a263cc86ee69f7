// Every id in a request body is checked against the caller's subtree, not only the ids in the
// path: a commune officer's target naming another commune's document, or a CĐCS officer's
// grassroots profile naming another commune's employer, must answer the same 404 as reading that
// record. The rule goes by field name, so a new route gets it without remembering to: a body
// field that looks like an id ("…Id", "…Ids") with no rule here and no declared exemption stops
// the server at start (route-access.ts).
import type { Kysely } from 'kysely';
import type { AppError } from '../../domain/errors/app-error.ts';
import { isUnitReachable } from '../auth/auth.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { unitOfDocument } from '../documents/documents.repository.ts';
import { unitOfEmployer } from '../employers/employers.repository.ts';
import { unitOfMember } from '../members/members.repository.ts';
import { unitOfTarget } from '../progress/targets.repository.ts';
import { httpErrors } from './http.errors.ts';

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

const NOT_FOUND: Record<RecordKind, (path: string) => AppError> = {
  unit: httpErrors.unitReferenceNotFound,
  employer: httpErrors.employerReferenceNotFound,
  document: httpErrors.documentReferenceNotFound,
  target: httpErrors.targetReferenceNotFound,
  member: httpErrors.memberReferenceNotFound,
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
      if (unitId === null || !(await isUnitReachable(db, unitId, principal.scopePath, rule.reach === 'subtree-or-above'))) {
        throw NOT_FOUND[rule.kind](field.replaceAll('.[]', '[]'));
      }
    }
  }
}
