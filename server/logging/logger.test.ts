import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config.ts';
import { createProcessLogger, logFormatFrom } from './logger.ts';
import { formatLogLine } from './readable-log.ts';
import { QuietRequestLog } from './request-log.ts';

/** A stand-in for process.stdout that keeps what was written (a terminal when `isTTY`). */
function terminal(isTTY: boolean) {
  const chunks: string[] = [];
  const out = Object.assign(
    new Writable({
      write: (chunk, _enc, done) => {
        chunks.push(String(chunk));
        done();
      },
    }),
    { isTTY },
  );
  return { out, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

describe('the log format', () => {
  it('is readable text by default and in a terminal, JSON when LOG_FORMAT=json, and refuses anything else in one line', () => {
    expect(logFormatFrom(undefined)).toBe('text');
    expect(logFormatFrom('')).toBe('text');
    expect(logFormatFrom('text')).toBe('text');
    expect(logFormatFrom(' JSON ')).toBe('json');
    expect(() => logFormatFrom('pretty')).toThrow(ConfigError);
    expect(() => logFormatFrom('pretty')).toThrow(
      'Biến môi trường LOG_FORMAT="pretty" không hợp lệ: dùng text (dễ đọc, mặc định) hoặc json (cho máy chủ chạy thật).',
    );
  });

  it('prints one readable line per event in a terminal: time, level, message, fields', () => {
    const { out, lines } = terminal(true);
    const logger = createProcessLogger('info', logFormatFrom(undefined), out);
    logger.info(
      { database: 'pglite', applied: Array.from({ length: 21 }, (_, i) => `00${String(i + 1).padStart(2, '0')}-m`), version: '0021-m' },
      'database ready',
    );
    logger.debug('not at the default level');
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatch(
      /^\d\d:\d\d:\d\d INFO {2}database ready {2}database=pglite {2}applied=\[0001-m … 0021-m\] \(21\) {2}version=0021-m$/,
    );
    expect(() => JSON.parse(lines()[0]!)).toThrow();
  });

  it('colours warnings and errors in a terminal only, and prints an error with its stack', () => {
    const tty = terminal(true);
    createProcessLogger('info', 'text', tty.out).error({ err: new Error('hỏng') }, 'e-mail delivery round failed');
    // eslint-disable-next-line no-control-regex -- the ANSI colour a terminal gets is what is checked
    expect(tty.lines()[0]).toMatch(/^\x1b\[31m\d\d:\d\d:\d\d ERROR e-mail delivery round failed$/);
    expect(tty.lines()[1]).toBe('    Error: hỏng');
    expect(tty.lines()[2]).toMatch(/^ {4}at .*logger\.test\.ts/);
    // A long stack keeps its top and says how much is left out.
    const deep = new Error('sâu');
    deep.stack = ['Error: sâu', ...Array.from({ length: 20 }, (_, i) => `    at frame${i} (f.ts:${i}:1)`)].join('\n');
    const long = terminal(false);
    createProcessLogger('info', 'text', long.out).error({ err: deep }, 'round failed');
    expect(long.lines()).toHaveLength(8);
    expect(long.lines()[6]).toBe('    at frame4 (f.ts:4:1)');
    expect(long.lines()[7]).toBe('    … 15 dòng nữa (LOG_FORMAT=json ghi đủ)');
    const piped = terminal(false);
    createProcessLogger('info', 'text', piped.out).warn('chậm');
    expect(piped.lines()[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}chậm$/);
  });

  it('writes JSON lines with LOG_FORMAT=json, for production log collectors', () => {
    const { out, lines } = terminal(true);
    createProcessLogger('info', logFormatFrom('json'), out).info({ units: 904 }, 'demo province created');
    expect(JSON.parse(lines()[0]!)).toMatchObject({ level: 30, app: 'tiendo', units: 904, msg: 'demo province created' });
  });

  it('censors personal data in both formats (the readable line is made from the redacted JSON)', () => {
    for (const format of ['text', 'json'] as const) {
      const { out, lines } = terminal(false);
      createProcessLogger('info', format, out).info(
        { member: { phone: '0912345678', cccd: '079201001234' }, body: { password: 'Bí mật 2026' } },
        'member changed',
      );
      const text = lines().join('\n');
      expect(text).not.toMatch(/0912345678|079201001234|Bí mật/);
      expect(text).toContain('[ẩn]');
    }
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(formatLogLine('plain words')).toBe('plain words\n');
  });
});

describe('request lines', () => {
  async function serve(level: string) {
    const { out, lines } = terminal(false);
    const app = Fastify({ loggerInstance: createProcessLogger(level, 'text', out), logController: new QuietRequestLog() });
    app.get('/api/members', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/api/members?q=079201001234' });
    await app.inject({ method: 'GET', url: '/khong-co?cccd=079201001234' });
    await app.close();
    return lines();
  }

  it('prints none at the default level', async () => {
    expect(await serve('info')).toEqual([]);
  });

  it('prints one line per request at debug, its path without the query string', async () => {
    const lines = await serve('debug');
    expect(lines).toHaveLength(3); // the request, the unknown route and its completion
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d DEBUG request completed: GET \/api\/members 200 [\d.]+ ms {2}reqId=req-1$/);
    expect(lines[1]).toMatch(/DEBUG route not found: GET \/khong-co {2}reqId=req-2$/);
    expect(lines[2]).toMatch(/DEBUG request completed: GET \/khong-co 404 /);
    expect(lines.join('\n')).not.toContain('079201001234');
  });
});
