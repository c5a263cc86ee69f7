import pino, { type Logger } from 'pino';
import { ConfigError } from '../config/config.ts';
import { readableLogStream } from './readable-log.ts';

/**
 * Structured logs. Personal data never reaches them: request bodies are not logged, and
 * these paths are censored wherever they appear in a logged object.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.cccd',
  '*.phone',
  '*.token',
];

/** Only the path of a URL is logged: query strings can carry search terms such as a CCCD. */
function requestSerializer(req: { method?: string; url?: string; ip?: string }) {
  return { method: req.method, url: req.url?.split('?')[0], ip: req.ip };
}

/** JSON lines: the format of the test log files and of `LOG_FORMAT=json`. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[ẩn]' }, base: { app: 'tiendo' }, serializers: { req: requestSerializer } },
    destination,
  );
}

/**
 * `text`: one readable line per event, for a person running `npm start` in a terminal (the
 * default). `json`: one JSON object per line, for production, where a log collector reads them.
 */
export type LogFormat = 'text' | 'json';

export function logFormatFrom(raw: string | undefined): LogFormat {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'text') return 'text';
  if (value === 'json') return 'json';
  throw new ConfigError(
    `Biến môi trường LOG_FORMAT="${raw}" không hợp lệ: dùng text (dễ đọc, mặc định) hoặc json (cho máy chủ chạy thật).`,
  );
}

/** The server's logger on standard output, in the chosen format (same levels and redaction in both). */
export function createProcessLogger(
  level: string,
  format: LogFormat,
  out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Logger {
  if (format === 'json') return createLogger(level, out === process.stdout ? undefined : (out as pino.DestinationStream));
  // Colour only where a person looks at it, and not when they asked for none (no-color.org).
  const colour = out.isTTY === true && !process.env.NO_COLOR;
  return createLogger(level, readableLogStream(out, { colour }));
}
