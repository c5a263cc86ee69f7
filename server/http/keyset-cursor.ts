import { badRequest } from '../../domain/errors/app-error.ts';

/**
 * Keyset paging cursors: the sort key and id of the last row of a page, opaque to clients.
 * A page costs the same at page 5,000 as at page 1 (no OFFSET).
 *
 * Lists a user can sort several ways also carry the sort's name: a cursor taken in one order
 * means nothing in another (the same key would skip or repeat rows), so it is refused instead.
 */
export interface KeysetCursor {
  key: string;
  id: number;
}

export const invalidCursor = () => badRequest('CURSOR_INVALID', 'Con trỏ phân trang không hợp lệ. Hãy tải lại danh sách từ trang đầu.');

export function encodeCursor(key: string, id: number, sort?: string): string {
  return Buffer.from(JSON.stringify(sort === undefined ? [key, id] : [key, id, sort])).toString('base64url');
}

/**
 * The cursor of the page after `rows`, at their last row's sort key and id; null when the page
 * was not full, since then the list has ended.
 */
export function nextCursorAfter(
  rows: readonly { sort_key: string | number; id: number | string }[],
  limit: number,
  sort?: string,
): string | null {
  const last = rows.at(-1);
  return rows.length === limit && last ? encodeCursor(String(last.sort_key), Number(last.id), sort) : null;
}

/** `sort`: the order the list is asked for; a cursor made for another order is refused. */
export function decodeCursor(cursor: string | undefined, sort?: string): KeysetCursor | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(); // same answer as a well-formed but wrong cursor
  }
  if (!Array.isArray(parsed) || parsed.length < 2 || parsed.length > 3) throw invalidCursor();
  const [key, id, cursorSort] = parsed as unknown[];
  if (typeof key !== 'string' || !Number.isSafeInteger(id) || cursorSort !== sort) throw invalidCursor();
  return { key, id: id as number };
}

/**
 * Every item of a keyset-paged list, one page after another until the last: what an export of a
 * filtered list streams. `pageAfter` reads the page after a cursor (undefined: the first page).
 */
export async function* everyItem<T>(pageAfter: (after: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>) {
  let after: string | undefined;
  do {
    const page = await pageAfter(after);
    yield* page.items;
    after = page.nextCursor ?? undefined;
  } while (after);
}
