import { badRequest } from '../../domain/errors/app-error.ts';

/**
 * Keyset paging cursors: the sort key and id of the last row of a page, opaque to clients.
 * A page costs the same at page 5,000 as at page 1 (no OFFSET).
 */
export interface KeysetCursor {
  key: string;
  id: number;
}

export function encodeCursor(key: string, id: number): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): KeysetCursor | null {
  if (!cursor) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof key === 'string' && Number.isSafeInteger(id)) return { key, id };
  } catch {
    /* fall through: same answer as a well-formed but wrong cursor */
  }
  throw badRequest('CURSOR_INVALID', 'Con trỏ phân trang không hợp lệ. Hãy tải lại danh sách từ trang đầu.');
}
