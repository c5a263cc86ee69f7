import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors/app-error.ts';
import { decodeCursor, encodeCursor } from './keyset-cursor.ts';

describe('keyset cursor', () => {
  it('gives back the key and id it was made from, with or without a sort', () => {
    expect(decodeCursor(encodeCursor('nguyen van an', 42))).toEqual({ key: 'nguyen van an', id: 42 });
    expect(decodeCursor(encodeCursor('1250', 7, 'workers'), 'workers')).toEqual({ key: '1250', id: 7 });
    expect(decodeCursor(undefined, 'workers')).toBeNull();
  });

  it('refuses a cursor made for another order, and garbage, with one Vietnamese sentence', () => {
    for (const [cursor, sort] of [
      [encodeCursor('1250', 7, 'workers'), 'name'],
      [encodeCursor('an', 7), 'name'],
      ['không-phải-con-trỏ', undefined],
    ] as const) {
      let error: unknown;
      try {
        decodeCursor(cursor, sort);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CURSOR_INVALID');
      expect((error as AppError).message).toBe('Con trỏ phân trang không hợp lệ. Hãy tải lại danh sách từ trang đầu.');
    }
  });
});
