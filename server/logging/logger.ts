import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data never reaches them: request bodies are not logged, and
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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[ẩn]' }, base: { app: 'tiendo' }, serializers: { req: requestSerializer } },
    destination,
  );
}
