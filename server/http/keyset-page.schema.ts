import { Type, type TObject, type TSchema } from 'typebox';
import { TableFormat } from './file-download.ts';

/**
 * The paging half of a keyset-paged registry list's query (employers, CĐCS, members, agreements):
 * one shape, so every screen and everyItem() page every list the same way. `counted` names what
 * the total counts, for the API docs ("đoàn viên", "CĐCS"…).
 */
export function keysetQueryFields(counted: string) {
  return {
    after: Type.Optional(Type.String({ maxLength: 400, description: 'Con trỏ trang tiếp theo (nextCursor của trang trước)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    withTotal: Type.Optional(Type.Boolean({ description: `Kèm tổng số ${counted} khớp bộ lọc (chỉ ở trang đầu; null nếu đếm quá lâu)` })),
  };
}

/** One page of such a list: its items, the cursor of the next page (null on the last) and, when asked, the total. */
export function keysetPageFields<T extends TSchema>(item: T) {
  return {
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
    total: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  };
}

/**
 * The query of such a list's export: the same filters, every page at once (no cursor, no page
 * size), and the file format. `paging` names the list's cursor fields to drop.
 */
export function exportQueryOf<T extends TObject, K extends string>(listQuery: T, paging: readonly K[]) {
  return Type.Intersect([Type.Omit(listQuery, paging), Type.Object({ format: Type.Optional(TableFormat) })]);
}
