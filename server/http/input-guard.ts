// Text that PostgreSQL cannot store, refused where it enters: a NUL character (U+0000) in a
// query, a path, a JSON body or an uploaded file's name used to reach the database and answer
// 500 (and cut an export stream mid-download). Refused with a 400 that names the field instead.
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../domain/errors/app-error.ts';

const WHERE = { query: 'Tham số truy vấn', params: 'Đường dẫn', body: 'Dữ liệu gửi lên' } as const;

/** The path of the first string holding a NUL in a parsed value, or null. */
export function findNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (!value || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}${path ? '.' : ''}${key.replaceAll('\u0000', '')}`;
    const found = findNul(child, `${path}${path ? '.' : ''}${key}`);
    if (found !== null) return found;
  }
  return null;
}

export function nulRefused(field: string, where: string): Error {
  const name = field ? `"${field}"` : where;
  return badRequest('INVALID_CHARACTER', `${name} chứa ký tự không hợp lệ (ký tự NUL, mã 0); hãy xóa ký tự đó rồi gửi lại.`, [
    { path: field || where, message: 'Có ký tự NUL.' },
  ]);
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const source of ['params', 'query', 'body'] as const) {
      const field = findNul(request[source]);
      if (field !== null) throw nulRefused(field, WHERE[source]);
    }
  });
}
