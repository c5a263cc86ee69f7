import { sql, type Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { DB } from '../db/schema.ts';
import type { CreateDocumentBody } from '../progress/progress.schema.ts';

/** A document typed in by hand (no file): programme, plan or resolution of a unit. */
export async function insertPlanDocument(db: Kysely<DB>, b: Static<typeof CreateDocumentBody>): Promise<number> {
  const row = await db
    .insertInto('plan_document')
    .values({
      kind: b.kind,
      symbol: b.symbol?.trim() || null,
      title: b.title.normalize('NFC').trim(),
      issuer_unit_id: b.issuerUnitId,
      issued_on: b.issuedOn ?? null,
      term_from: b.termFrom ?? null,
      term_to: b.termTo ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

function documentsWithIssuer(db: Kysely<DB>) {
  return db
    .selectFrom('plan_document as d')
    .innerJoin('org_unit as o', 'o.id', 'd.issuer_unit_id')
    .select([
      'd.id',
      'd.kind',
      'd.symbol',
      'd.title',
      'd.issuer_unit_id',
      'o.name as issuer_name',
      'd.issued_on',
      'd.term_from',
      'd.term_to',
      sql<number>`(SELECT count(*) FROM target t WHERE t.document_id = d.id)`.as('targets'),
    ]);
}

export type PlanDocumentRow = Awaited<ReturnType<ReturnType<typeof documentsWithIssuer>['executeTakeFirstOrThrow']>>;

export async function planDocumentById(db: Kysely<DB>, id: number): Promise<PlanDocumentRow | undefined> {
  return documentsWithIssuer(db).where('d.id', '=', id).executeTakeFirst();
}

/** The newest 500 documents issued by a unit or any unit below it on today's tree. */
export async function planDocumentsUnder(db: Kysely<DB>, unitId: number): Promise<PlanDocumentRow[]> {
  return documentsWithIssuer(db)
    .innerJoin('org_placement as p', (j) => j.onRef('p.unit_id', '=', 'd.issuer_unit_id').on('p.valid_to', 'is', null))
    .where(sql<boolean>`p.path <@ (SELECT path FROM org_placement WHERE unit_id = ${unitId} AND valid_to IS NULL)`)
    .orderBy(sql`d.issued_on DESC NULLS LAST`)
    .orderBy('d.id', 'desc')
    .limit(500)
    .execute();
}
