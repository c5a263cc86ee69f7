import { sql, type Kysely } from 'kysely';

/**
 * The member write path, made cheap enough for million-row imports and a national load, and the
 * name index made to serve accent-free phrase search.
 *
 * 1. Memberships: the GiST exclusion constraint (member_id =, daterange &&) cost more per inserted
 *    row than the heap and every other index together, and 14 minutes to build over 11 M rows
 *    (btree_gist has no sorted build). The same rule — one person's memberships never overlap —
 *    is now kept by a UNIQUE b-tree on (member_id, valid_from) plus a statement-level trigger
 *    that checks the statement's new rows against that person's other rows in one set-based
 *    join (one index probe per new row, once per statement rather than once per row). The
 *    trigger first locks the people concerned (FOR NO KEY UPDATE on member), so two concurrent
 *    transactions writing one person's history serialise and the second one sees the first's
 *    rows: the check is as strong as the constraint under READ COMMITTED. The error keeps the
 *    constraint's SQLSTATE (23P01) and name, so callers see what they saw before.
 * 2. Member names: (name, birth_date) served no query (the duplicate review groups by name and
 *    birth date over a whole scope, which is a hash aggregate either way); it went. The list
 *    order index becomes (name COLLATE "C", id): the unaccented lower-case key sorts the same in
 *    byte order, and byte order is what lets one index range answer "names that begin with
 *    'nguyen van an'" whatever the database's default collation (C.UTF-8, en_US…).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE membership DROP CONSTRAINT IF EXISTS membership_no_overlap`.execute(db);
  await sql`CREATE UNIQUE INDEX IF NOT EXISTS membership_member_from ON membership (member_id, valid_from)`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION membership_no_overlap_check() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      clash bigint;
    BEGIN
      PERFORM 1 FROM member WHERE id IN (SELECT member_id FROM new_rows) ORDER BY id FOR NO KEY UPDATE;
      SELECT n.member_id INTO clash
      FROM new_rows n
      JOIN membership m ON m.member_id = n.member_id AND m.id <> n.id
      WHERE m.valid_from < coalesce(n.valid_to, 'infinity') AND n.valid_from < coalesce(m.valid_to, 'infinity')
      LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'membership periods overlap for member %', clash
          USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'membership_no_overlap';
      END IF;
      RETURN NULL;
    END
    $$`.execute(db);
  await sql`DROP TRIGGER IF EXISTS membership_no_overlap_insert ON membership`.execute(db);
  await sql`DROP TRIGGER IF EXISTS membership_no_overlap_update ON membership`.execute(db);
  await sql`CREATE TRIGGER membership_no_overlap_insert AFTER INSERT ON membership REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION membership_no_overlap_check()`.execute(db);
  await sql`CREATE TRIGGER membership_no_overlap_update AFTER UPDATE ON membership REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION membership_no_overlap_check()`.execute(db);

  await sql`DROP INDEX IF EXISTS member_name_birth`.execute(db);
  await sql`DROP INDEX IF EXISTS member_name_id`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS member_name_c ON member ((search_normalize(full_name) COLLATE "C"), id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS member_name_c`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS member_name_id ON member (search_normalize(full_name), id)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS member_name_birth ON member (search_normalize(full_name), birth_date)`.execute(db);
  await sql`DROP TRIGGER IF EXISTS membership_no_overlap_insert ON membership`.execute(db);
  await sql`DROP TRIGGER IF EXISTS membership_no_overlap_update ON membership`.execute(db);
  await sql`DROP FUNCTION IF EXISTS membership_no_overlap_check()`.execute(db);
  await sql`DROP INDEX IF EXISTS membership_member_from`.execute(db);
  await sql`ALTER TABLE membership ADD CONSTRAINT membership_no_overlap EXCLUDE USING gist (member_id WITH =, daterange(valid_from, valid_to) WITH &&)`.execute(
    db,
  );
}
