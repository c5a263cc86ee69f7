import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A file's bytes stored once (an uploaded document, an agreement's scan); the caller links it. */
export async function insertStoredFile(
  db: Kysely<DB> | Transaction<DB>,
  file: { fileName: string; mimeType: string; sha256: string; content: Buffer },
): Promise<number> {
  const row = await db
    .insertInto('stored_file')
    .values({
      file_name: file.fileName,
      mime_type: file.mimeType,
      size_bytes: file.content.length,
      sha256: file.sha256,
      content: file.content,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
