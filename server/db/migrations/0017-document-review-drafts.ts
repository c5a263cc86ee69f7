import { sql, type Kysely } from 'kysely';

/**
 * Frozen: imports nothing from live code.
 *
 * The document review keeps work: the review screen autosaves its working copy as a draft.
 * - `document_review.draft_metadata`: the metadata as the reviewer typed it (a title may be
 *   empty while being retyped); null when the document's own columns are the working copy (just
 *   uploaded, or saved with PUT …/review). `plan_document` is written only by that save.
 * - `version`: bumped by every save of the review (draft or final), so of two browsers saving
 *   the same review exactly one wins and the other is told who saved and when (compare-and-set,
 *   as `report.version`). `saved_by`: the label of who saved last.
 * - `stored_file_sha256`: an upload looks for the same file among the documents of the caller's
 *   subtree before reading it (the duplicate offer), by hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE document_review
      ADD COLUMN draft_metadata jsonb,
      ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      ADD COLUMN saved_by text
  `.execute(db);
  await sql`CREATE INDEX stored_file_sha256 ON stored_file (sha256)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS stored_file_sha256`.execute(db);
  await sql`ALTER TABLE document_review DROP COLUMN IF EXISTS saved_by, DROP COLUMN IF EXISTS version, DROP COLUMN IF EXISTS draft_metadata`.execute(
    db,
  );
}
