// Every query of the document library: stored files and reviews, search within a scope,
// the link table and its resolution, and the recursive walks of the cascade graph.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { ReferenceCandidate } from '../../domain/extraction/reference-resolution.ts';
import type { MetadataProposal } from '../../domain/extraction/target-proposal.ts';
import type { DB } from '../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface DocumentRow {
  id: number;
  status: 'review' | 'confirmed';
  kind: string;
  symbol: string | null;
  title: string;
  issuer_unit_id: number;
  issuer_name: string;
  issuer_text: string | null;
  place: string | null;
  issued_on: string | null;
  term_from: number | null;
  term_to: number | null;
  signer_capacity: string | null;
  signer_title: string | null;
  signer_name: string | null;
  file_name: string | null;
  file_size: number | null;
  file_mime: string | null;
  targets: number;
  is_in_scope: boolean;
}

/** Documents with what a list or a detail shows; `scopePath` decides `is_in_scope`. */
function documentsQuery(db: Db, scopePath: string) {
  return db
    .selectFrom('plan_document as d')
    .innerJoin('org_unit as o', 'o.id', 'd.issuer_unit_id')
    .leftJoin('org_placement as p', (j) => j.onRef('p.unit_id', '=', 'd.issuer_unit_id').on('p.valid_to', 'is', null))
    .leftJoin('stored_file as f', 'f.id', 'd.file_id')
    .select([
      'd.id',
      'd.status',
      'd.kind',
      'd.symbol',
      'd.title',
      'd.issuer_unit_id',
      'o.name as issuer_name',
      'd.issuer_text',
      'd.place',
      'd.issued_on',
      'd.term_from',
      'd.term_to',
      'd.signer_capacity',
      'd.signer_title',
      'd.signer_name',
      'f.file_name',
      'f.size_bytes as file_size',
      'f.mime_type as file_mime',
      sql<number>`(SELECT count(*) FROM target t WHERE t.document_id = d.id)`.as('targets'),
      sql<boolean>`coalesce(p.path <@ ${scopePath}::ltree, false)`.as('is_in_scope'),
    ]);
}

export async function findDocuments(db: Db, ids: readonly number[], scopePath: string): Promise<DocumentRow[]> {
  if (ids.length === 0) return [];
  return (await documentsQuery(db, scopePath)
    .where('d.id', 'in', [...ids])
    .execute()) as unknown as DocumentRow[];
}

export async function findDocument(db: Db, id: number, scopePath: string): Promise<DocumentRow | undefined> {
  return (await findDocuments(db, [id], scopePath))[0];
}

export interface SearchOptions {
  underUnitId: number;
  scopePath: string;
  words: string[];
  status?: 'review' | 'confirmed';
  includeAbove: boolean;
  limit: number;
}

/**
 * Documents issued in a subtree (and, when asked, by the units above the caller: the programmes
 * one implements), newest first. Every word must occur in the unaccented symbol, title or issuer.
 */
export async function searchDocuments(db: Db, o: SearchOptions): Promise<DocumentRow[]> {
  let query = documentsQuery(db, o.scopePath).where((eb) => {
    const under = sql<boolean>`p.path <@ (SELECT path FROM org_placement WHERE unit_id = ${o.underUnitId} AND valid_to IS NULL)`;
    return o.includeAbove ? eb.or([under, sql<boolean>`p.path @> ${o.scopePath}::ltree`]) : under;
  });
  for (const word of o.words) {
    query = query.where(
      sql<boolean>`search_normalize(coalesce(d.symbol, '') || ' ' || d.title || ' ' || coalesce(d.issuer_text, '')) LIKE search_normalize(${`%${escapeLike(word)}%`})`,
    );
  }
  if (o.status) query = query.where('d.status', '=', o.status);
  return (await query
    .orderBy(sql`d.issued_on DESC NULLS LAST`)
    .orderBy('d.id', 'desc')
    .limit(o.limit)
    .execute()) as unknown as DocumentRow[];
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function unitOfDocument(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('plan_document').select('issuer_unit_id').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.issuer_unit_id) : null;
}

/** The ids among `unitIds` whose placement today meets `onPath` (a condition on its ltree `path`). */
async function unitsPlaced(db: Db, unitIds: readonly number[], onPath: RawBuilder<boolean>): Promise<Set<number>> {
  if (unitIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('org_placement')
    .select('unit_id')
    .where('unit_id', 'in', [...unitIds])
    .where('valid_to', 'is', null)
    .where(onPath)
    .execute();
  return new Set(rows.map((r) => Number(r.unit_id)));
}

/** The ids among `unitIds` that lie in the subtree `scopePath` today. */
export async function unitsInScope(db: Db, unitIds: readonly number[], scopePath: string): Promise<Set<number>> {
  return unitsPlaced(db, unitIds, sql<boolean>`path <@ ${scopePath}::ltree`);
}

/** A document of the caller's subtree stored from the same bytes (the file is already in the system). */
export async function findSameFile(db: Db, sha256: string, scopePath: string): Promise<DocumentRow | undefined> {
  return (await documentsQuery(db, scopePath)
    .where((eb) =>
      eb.exists(eb.selectFrom('stored_file as s').select('s.id').whereRef('s.id', '=', 'd.file_id').where('s.sha256', '=', sha256)),
    )
    .where(sql<boolean>`p.path <@ ${scopePath}::ltree`)
    .orderBy('d.id')
    .limit(1)
    .executeTakeFirst()) as unknown as DocumentRow | undefined;
}

/**
 * A document of the same issuing unit with the same symbol (by symbol key), unless both carry an
 * issue date and the years differ: numbering restarts every year, so "01/KH-LĐLĐ" of 2025 and of
 * 2026 are two documents.
 */
export async function findSameSymbol(
  db: Db,
  d: { issuerUnitId: number; symbol: string; issuedOn: string | null },
  scopePath: string,
): Promise<DocumentRow | undefined> {
  const year = d.issuedOn ? Number(d.issuedOn.slice(0, 4)) : null;
  return (await documentsQuery(db, scopePath)
    .where('d.issuer_unit_id', '=', d.issuerUnitId)
    .where(sql<boolean>`d.symbol_key = document_symbol_key(${d.symbol})`)
    .where(sql<boolean>`(${year}::int IS NULL OR d.issued_on IS NULL OR extract(year FROM d.issued_on) = ${year}::int)`)
    .orderBy('d.id')
    .limit(1)
    .executeTakeFirst()) as unknown as DocumentRow | undefined;
}

/** A document's metadata as stored: the fields the extractor proposes, a title always given. */
export type MetadataValues = Omit<MetadataProposal, 'kind' | 'title'> & { kind: string; title: string };

const metadataColumns = (m: MetadataValues) => ({
  kind: m.kind,
  symbol: m.symbol,
  title: m.title,
  issuer_text: m.issuerText,
  place: m.place,
  issued_on: m.issuedOn,
  term_from: m.termFrom,
  term_to: m.termTo,
  signer_capacity: m.signerCapacity,
  signer_title: m.signerTitle,
  signer_name: m.signerName,
});

export async function insertReviewDocument(db: Db, d: { issuerUnitId: number; fileId: number; metadata: MetadataValues }): Promise<number> {
  const row = await db
    .insertInto('plan_document')
    .values({ ...metadataColumns(d.metadata), issuer_unit_id: d.issuerUnitId, file_id: d.fileId, status: 'review' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateMetadata(db: Db, id: number, m: MetadataValues, status?: 'confirmed'): Promise<void> {
  await db
    .updateTable('plan_document')
    .set({ ...metadataColumns(m), ...(status && { status }), updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function insertReview(
  db: Db,
  r: { documentId: number; format: 'docx' | 'pdf' | 'txt'; text: string; warnings: string[]; extraction: unknown },
): Promise<void> {
  await db
    .insertInto('document_review')
    .values({ document_id: r.documentId, format: r.format, text: r.text, warnings: r.warnings, extraction: JSON.stringify(r.extraction) })
    .execute();
}

export async function findReview(db: Db, documentId: number) {
  return db
    .selectFrom('document_review')
    .select(['format', 'text', 'warnings', 'extraction', 'decisions', 'draft_metadata', 'version', 'saved_by', 'updated_at'])
    .where('document_id', '=', documentId)
    .executeTakeFirst();
}

/** Who saved the review last and when (for a version conflict's message). */
export async function reviewStamp(db: Db, documentId: number) {
  return db
    .selectFrom('document_review')
    .select(['version', 'saved_by', 'updated_at'])
    .where('document_id', '=', documentId)
    .executeTakeFirst();
}

/**
 * Writes the reviewer's choices if the review is still at `expectedVersion` (compare-and-set in
 * one statement, as report.version: of two browsers exactly one wins) and bumps the version. A
 * draft keeps its metadata as typed; the final save clears it (plan_document then holds it).
 * Without `expectedVersion` (API clients of PUT …/review) the write is unconditional.
 */
export async function saveDecisions(
  db: Db,
  documentId: number,
  s: { decisions: unknown; draftMetadata: unknown; savedBy: string; expectedVersion?: number },
): Promise<{ version: number; updated_at: Date } | undefined> {
  let q = db
    .updateTable('document_review')
    .set({
      decisions: JSON.stringify(s.decisions),
      draft_metadata: s.draftMetadata === null ? null : JSON.stringify(s.draftMetadata),
      saved_by: s.savedBy,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('document_id', '=', documentId);
  if (s.expectedVersion !== undefined) q = q.where('version', '=', s.expectedVersion);
  return q.returning(['version', 'updated_at']).executeTakeFirst();
}

export async function fileOfDocument(db: Db, id: number) {
  return db
    .selectFrom('plan_document as d')
    .innerJoin('stored_file as f', 'f.id', 'd.file_id')
    .select(['f.file_name', 'f.mime_type', 'f.content'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** Removes a document still under review, with its file (review and links go by cascade). */
export async function deleteReviewDocument(db: Db, id: number): Promise<void> {
  const doc = await db
    .deleteFrom('plan_document')
    .where('id', '=', id)
    .where('status', '=', 'review')
    .returning('file_id')
    .executeTakeFirst();
  if (doc?.file_id) await db.deleteFrom('stored_file').where('id', '=', doc.file_id).execute();
}

export interface TargetValues {
  documentId: number;
  unitId: number;
  indicatorCode: string;
  comparator: '>' | '>=' | '=' | '<=' | '<';
  value: number;
  annual: { from: number; to: number } | null;
  deadline: string | null;
  sectors: string[] | null;
  minWorkers: number | null;
  subject: string;
  quote: string | null;
}

export async function insertTarget(db: Db, t: TargetValues): Promise<number> {
  const row = await db
    .insertInto('target')
    .values({
      document_id: t.documentId,
      unit_id: t.unitId,
      indicator_code: t.indicatorCode,
      comparator: t.comparator,
      value: t.value,
      timing: t.annual ? 'annual' : 'deadline',
      deadline: t.annual ? null : t.deadline,
      annual_from: t.annual?.from ?? null,
      annual_to: t.annual?.to ?? null,
      sectors: t.sectors,
      min_workers: t.minWorkers,
      subject: t.subject,
      quote: t.quote,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function indicatorUnits(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('indicator')
    .select(['code', 'unit'])
    .where('code', 'in', [...codes])
    .execute();
  return new Map(rows.map((r) => [r.code, r.unit]));
}

// ── Links ──────────────────────────────────────────────────────────────────────────────

export interface LinkRow {
  id: number;
  document_id: number;
  relation: 'implements' | 'cites' | 'replaces';
  symbol: string | null;
  referenced_on: string | null;
  linked_document_id: number | null;
  source: 'extracted' | 'manual';
}

export async function insertExtractedLinks(
  db: Db,
  documentId: number,
  refs: { symbol: string; relation: LinkRow['relation']; date: string | null }[],
): Promise<void> {
  if (refs.length === 0) return;
  await db
    .insertInto('document_link')
    .values(
      refs.map((r) => ({
        document_id: documentId,
        relation: r.relation,
        symbol: r.symbol,
        referenced_on: r.date,
        source: 'extracted' as const,
      })),
    )
    .onConflict((oc) => oc.columns(['document_id', 'symbol_key']).where('symbol_key', 'is not', null).doNothing())
    .execute();
}

export async function linksOf(db: Db, documentId: number): Promise<LinkRow[]> {
  return (await db
    .selectFrom('document_link')
    .select(['id', 'document_id', 'relation', 'symbol', 'referenced_on', 'linked_document_id', 'source'])
    .where('document_id', '=', documentId)
    .orderBy(sql`relation = 'implements' DESC`)
    .orderBy('id')
    .execute()) as unknown as LinkRow[];
}

export async function findLink(db: Db, documentId: number, linkId: number): Promise<LinkRow | undefined> {
  return (await linksOf(db, documentId)).find((l) => Number(l.id) === linkId);
}

export async function setLinkTarget(
  db: Db,
  linkId: number,
  linkedDocumentId: number | null,
  relation?: LinkRow['relation'],
): Promise<void> {
  await db
    .updateTable('document_link')
    .set({ linked_document_id: linkedDocumentId, ...(relation && { relation }) })
    .where('id', '=', linkId)
    .execute();
}

export async function insertManualLink(db: Db, documentId: number, linkedDocumentId: number, relation: LinkRow['relation']): Promise<void> {
  await db
    .insertInto('document_link')
    .values({ document_id: documentId, linked_document_id: linkedDocumentId, relation, source: 'manual' })
    .onConflict((oc) =>
      oc.columns(['document_id', 'linked_document_id']).where('linked_document_id', 'is not', null).doUpdateSet({ relation }),
    )
    .execute();
}

export async function deleteLink(db: Db, linkId: number): Promise<void> {
  await db.deleteFrom('document_link').where('id', '=', linkId).execute();
}

/** Unresolved links of one document, or pointing at one symbol key (when a document with it arrives). */
export async function pendingLinks(db: Db, where: { documentId: number } | { symbolKey: string }) {
  let q = db
    .selectFrom('document_link as l')
    .innerJoin('plan_document as d', 'd.id', 'l.document_id')
    .select(['l.id', 'l.document_id', 'l.symbol_key', 'l.referenced_on', 'd.issuer_unit_id'])
    .where('l.linked_document_id', 'is', null)
    .where('l.symbol_key', 'is not', null);
  q = 'documentId' in where ? q.where('l.document_id', '=', where.documentId) : q.where('l.symbol_key', '=', where.symbolKey);
  return q.execute();
}

export async function symbolKeyOf(db: Db, documentId: number): Promise<string | null> {
  return (await db.selectFrom('plan_document').select('symbol_key').where('id', '=', documentId).executeTakeFirst())?.symbol_key ?? null;
}

/** Stored documents with a symbol key, other than the referring one, and whether each is on its branch of the tree. */
export async function referenceCandidates(
  db: Db,
  symbolKey: string,
  referringId: number,
  referringIssuerId: number,
): Promise<ReferenceCandidate[]> {
  const rows = await sql<{ id: number; issued_on: string | null; on_branch: boolean | null }>`
    SELECT d.id, d.issued_on, (cp.path @> rp.path OR cp.path <@ rp.path) AS on_branch
    FROM plan_document d
    LEFT JOIN org_placement cp ON cp.unit_id = d.issuer_unit_id AND cp.valid_to IS NULL
    LEFT JOIN org_placement rp ON rp.unit_id = ${referringIssuerId} AND rp.valid_to IS NULL
    WHERE d.symbol_key = ${symbolKey} AND d.id <> ${referringId}
      AND NOT EXISTS (SELECT 1 FROM document_link x WHERE x.document_id = ${referringId} AND x.linked_document_id = d.id)`.execute(db);
  return rows.rows.map((r) => ({ id: Number(r.id), issuedOn: r.issued_on, isOnBranch: r.on_branch === true }));
}

export interface CascadeRow {
  /** The path of link ids from the viewed document ("12/40"): unique even where two paths meet. */
  key: string;
  link_id: number;
  depth: number;
  relation: LinkRow['relation'];
  symbol: string | null;
  document_id: number | null;
}

/**
 * The cascade from one document: `up` follows its "implements" links to what it implements (and
 * what that implements…), `down` the documents whose links point at it. Depth-limited and
 * cycle-safe (a hand-made loop must not hang the screen).
 */
export async function cascadeRows(db: Db, documentId: number, direction: 'up' | 'down', maxDepth = 8): Promise<CascadeRow[]> {
  // A step goes from a link's `from` side to its `to` side: up, from the document to the one it
  // links to (unknown when the link names a document not in the app: the walk stops there); down,
  // the reverse. Raw column names, so that each direction reads as plain SQL.
  const up = direction === 'up';
  const from = sql.raw(up ? 'l.document_id' : 'l.linked_document_id');
  const to = sql.raw(up ? 'l.linked_document_id' : 'l.document_id');
  const known = sql.raw(up ? 'w.document_id IS NOT NULL AND ' : '');
  const rows = await sql<CascadeRow>`
      WITH RECURSIVE walk(key, link_id, depth, relation, symbol, document_id, seen) AS (
        SELECT l.id::text, l.id, 1, l.relation, l.symbol, ${to}, ARRAY[${documentId}::bigint]
        FROM document_link l WHERE ${from} = ${documentId} AND l.relation = 'implements'
        UNION ALL
        SELECT w.key || '/' || l.id::text, l.id, w.depth + 1, l.relation, l.symbol, ${to}, w.seen || w.document_id
        FROM walk w JOIN document_link l ON ${from} = w.document_id AND l.relation = 'implements'
        WHERE ${known}w.depth < ${maxDepth} AND NOT (w.document_id = ANY(w.seen))
      )
      SELECT key, link_id, depth, relation, symbol, document_id FROM walk ORDER BY depth, link_id`.execute(db);
  return rows.rows.map((r) => ({
    ...r,
    link_id: Number(r.link_id),
    depth: Number(r.depth),
    document_id: r.document_id === null ? null : Number(r.document_id),
  }));
}

/** Issuers of documents that sit above a scope (ancestors of the caller's unit, itself included). */
export async function issuersAbove(db: Db, unitIds: readonly number[], scopePath: string): Promise<Set<number>> {
  return unitsPlaced(db, unitIds, sql<boolean>`path @> ${scopePath}::ltree`);
}
