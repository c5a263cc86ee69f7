import { sql, type Kysely } from 'kysely';

/**
 * Uploaded plan documents: the metadata a reviewer confirms (issuer as written, place, signer),
 * a review state (an upload enters as 'review' and becomes 'confirmed' when its targets are
 * saved), the normalised text and extraction result so a review can be resumed, and the
 * cascade: one row per reference to another document (a document often implements several —
 * a Party resolution, the level above's programme and plan — so one `implements_id` column
 * cannot hold it). A reference keeps its symbol as written and is resolved to a stored
 * document when one with the same symbol key exists, in either upload order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The key two spellings of one symbol share: "05/CTr-LĐLĐ", "5/CTR-LDLĐ" and "20-Ctr/TU" vs
  // "20-CTr/TU" meet; Party style (number-type/issuer) and union style stay distinct.
  await sql`
    CREATE OR REPLACE FUNCTION document_symbol_key(symbol text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT nullif(regexp_replace(regexp_replace(translate(upper(coalesce(symbol, '')), 'Đ–—‐', 'D---'), '\\s+', '', 'g'), '^0+([0-9])', '\\1'), '') $$
  `.execute(db);

  await sql`
    ALTER TABLE plan_document
      ADD COLUMN status text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('review', 'confirmed')),
      ADD COLUMN issuer_text text,
      ADD COLUMN place text,
      ADD COLUMN signer_capacity text,
      ADD COLUMN signer_title text,
      ADD COLUMN signer_name text,
      ADD COLUMN symbol_key text GENERATED ALWAYS AS (document_symbol_key(symbol)) STORED,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()
  `.execute(db);
  await sql`CREATE INDEX plan_document_symbol_key ON plan_document (symbol_key)`.execute(db);
  await sql`
    CREATE INDEX plan_document_search_trgm ON plan_document
    USING gin (search_normalize(coalesce(symbol, '') || ' ' || title || ' ' || coalesce(issuer_text, '')) gin_trgm_ops)
  `.execute(db);

  await sql`
    CREATE TABLE document_review (
      document_id bigint PRIMARY KEY REFERENCES plan_document(id) ON DELETE CASCADE,
      format text NOT NULL CHECK (format IN ('docx', 'pdf', 'txt')),
      text text NOT NULL,
      warnings text[] NOT NULL DEFAULT '{}',
      extraction jsonb NOT NULL,
      -- The reviewer's choices per extracted target, saved as they go and when confirmed.
      decisions jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);

  await sql`
    CREATE TABLE document_link (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      document_id bigint NOT NULL REFERENCES plan_document(id) ON DELETE CASCADE,
      relation text NOT NULL CHECK (relation IN ('implements', 'cites', 'replaces')),
      symbol text,
      symbol_key text GENERATED ALWAYS AS (document_symbol_key(symbol)) STORED,
      referenced_on date,
      linked_document_id bigint REFERENCES plan_document(id) ON DELETE SET NULL,
      source text NOT NULL CHECK (source IN ('extracted', 'manual')),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (symbol IS NOT NULL OR linked_document_id IS NOT NULL),
      CHECK (linked_document_id IS DISTINCT FROM document_id)
    )
  `.execute(db);
  await sql`CREATE UNIQUE INDEX document_link_symbol ON document_link (document_id, symbol_key) WHERE symbol_key IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX document_link_linked ON document_link (document_id, linked_document_id) WHERE linked_document_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX document_link_down ON document_link (linked_document_id)`.execute(db);
  await sql`CREATE INDEX document_link_pending ON document_link (symbol_key) WHERE linked_document_id IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS document_link`.execute(db);
  await sql`DROP TABLE IF EXISTS document_review`.execute(db);
  await sql`DROP INDEX IF EXISTS plan_document_search_trgm`.execute(db);
  await sql`DROP INDEX IF EXISTS plan_document_symbol_key`.execute(db);
  await sql`
    ALTER TABLE plan_document DROP COLUMN IF EXISTS status, DROP COLUMN IF EXISTS issuer_text, DROP COLUMN IF EXISTS place,
      DROP COLUMN IF EXISTS signer_capacity, DROP COLUMN IF EXISTS signer_title, DROP COLUMN IF EXISTS signer_name,
      DROP COLUMN IF EXISTS symbol_key, DROP COLUMN IF EXISTS updated_at
  `.execute(db);
  await sql`DROP FUNCTION IF EXISTS document_symbol_key(text)`.execute(db);
}
