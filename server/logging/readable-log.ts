import type { DestinationStream } from 'pino';

/**
 * Pino's JSON lines turned into one short line each for a person at a terminal:
 * `17:20:03 INFO  demo province created  units=912 members=52600`. pino-pretty would do it but
 * is not a dependency, and the little needed here is not worth one. Redaction has already
 * happened when a line arrives (pino serialises, censors, then writes), so nothing personal can
 * appear here that the JSON would not show.
 */
const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line carries (or that the line's head already shows): not repeated as key=value. */
const HIDDEN = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname', 'err']);
/** An error's message and its first frames; the rest is counted. */
const STACK_LINES = 6;
/** A value longer than this is cut: one log line should stay one screen line where it can. */
const MAX_VALUE = 60;
const COLOURS: Record<string, string> = { WARN: '\x1b[33m', ERROR: '\x1b[31m', FATAL: '\x1b[31m', DEBUG: '\x1b[2m', TRACE: '\x1b[2m' };
const RESET = '\x1b[0m';

export interface ReadableLogOptions {
  /** ANSI colours for warnings and errors (a terminal that is not asked for NO_COLOR). */
  colour?: boolean;
}

export function formatLogLine(json: string, options: ReadableLogOptions = {}): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const level = LEVELS[Number(entry.level)] ?? String(entry.level);
  const time = typeof entry.time === 'number' ? clock(new Date(entry.time)) : '';
  const request = requestSummary(entry);
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN.has(key) && !(request && REQUEST_FIELDS.has(key)))
    .map(([key, value]) => `${key}=${compact(value)}`);
  const message = [typeof entry.msg === 'string' ? entry.msg : '', request].filter(Boolean).join(': ');
  const head = [time, level.padEnd(5), message].filter(Boolean).join(' ');
  const lines = [[head, ...fields].join('  ')];
  const err = entry.err as { message?: unknown; stack?: unknown } | undefined;
  if (err && typeof err === 'object') {
    // An error is what someone at the terminal needs: its message and the top of its stack,
    // indented under the line. The whole stack (a driver's error repeats it) would push the
    // banner off the screen; JSON logs keep it all.
    const stack = typeof err.stack === 'string' ? err.stack : typeof err.message === 'string' ? err.message : JSON.stringify(err);
    const stackLines = stack.split('\n');
    lines.push(...stackLines.slice(0, STACK_LINES).map((l) => `    ${l.trimStart()}`));
    if (stackLines.length > STACK_LINES) lines.push(`    … ${stackLines.length - STACK_LINES} dòng nữa (LOG_FORMAT=json ghi đủ)`);
  }
  const colour = options.colour ? COLOURS[level] : undefined;
  const text = lines.join('\n');
  return `${colour ? `${colour}${text}${RESET}` : text}\n`;
}

/** A destination for pino that writes readable lines to `out` (process.stdout by default). */
export function readableLogStream(out: NodeJS.WritableStream, options: ReadableLogOptions = {}): DestinationStream {
  return { write: (line: string) => void out.write(formatLogLine(line.trimEnd(), options)) };
}

const REQUEST_FIELDS = new Set(['req', 'res', 'responseTime']);

/** A request line reads like an access log: `GET /api/org/tree 200 12.5 ms`. */
function requestSummary(entry: Record<string, unknown>): string | null {
  const req = entry.req as { method?: unknown; url?: unknown } | undefined;
  if (!req || typeof req !== 'object') return null;
  const res = entry.res as { statusCode?: unknown } | undefined;
  const ms = typeof entry.responseTime === 'number' ? `${compact(entry.responseTime)} ms` : '';
  return [req.method, req.url, res?.statusCode, ms].filter((part) => part !== undefined && part !== '').join(' ');
}

function clock(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function compact(value: unknown): string {
  if (Array.isArray(value)) {
    // A list of 21 migrations reads as its first and last and how many.
    if (value.length > 3) return `[${compact(value[0])} … ${compact(value[value.length - 1])}] (${value.length})`;
    return `[${value.map(compact).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return cut(
      `{${Object.entries(value)
        .map(([k, v]) => `${k}:${compact(v)}`)
        .join(' ')}}`,
    );
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Math.round(value * 10) / 10);
  const text = String(value);
  return cut(/\s/.test(text) ? JSON.stringify(text) : text);
}

function cut(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
