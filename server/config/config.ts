import path from 'node:path';
import { AppError } from '../../domain/errors/app-error.ts';

/**
 * Configuration comes from the environment only, and is validated once at start so that a
 * mistake is one clear Vietnamese line, not a stack trace ten seconds later.
 * Every variable here is listed in README.md.
 */
export interface AppConfig {
  port: number;
  host: string;
  /** Real PostgreSQL when set; otherwise the embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seed the demo province on an empty database at start. */
  demoOnEmpty: boolean;
  /** Include the demo registries (~52,600 members…); off: the tree and the accounts only, a faster start. */
  demoRegistries: boolean;
  demoSeed: number;
  /** Serve the built web app (off: API only, e.g. when a proxy serves the app). */
  serveWebApp: boolean;
  /** Serve cookies with Secure (set when behind HTTPS). */
  secureCookies: boolean;
  /**
   * The reverse proxies whose X-Forwarded-For is believed (addresses, CIDRs or proxy-addr's
   * names: "loopback"); null: none, the caller is the socket's peer. Behind a proxy without it,
   * every user shares the proxy's address in the login limit and the audit.
   */
  trustProxy: string | null;
  /** smtp:// or smtps:// server for e-mail notifications; null: notifications in the app only. */
  smtpUrl: string | null;
  /** The From of notification e-mails. */
  mailFrom: string;
  /** A streaming replica for dashboards, lists, search and exports (docs/replica-and-metrics.md); null: all on the primary. */
  databaseReadUrl: string | null;
  /** Bearer token for GET /metrics; null: only loopback callers may scrape. */
  metricsToken: string | null;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export class ConfigError extends AppError {
  constructor(message: string) {
    super('CONFIG_INVALID', 'bad_request', message);
  }
}

function parsePort(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`Biến môi trường ${name}="${raw}" không hợp lệ: cổng phải là số nguyên từ 0 đến 65535.`);
  }
  return value;
}

function parseBoolean(raw: string | undefined, name: string, fallback: boolean): boolean {
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`Biến môi trường ${name}="${raw}" không hợp lệ: dùng true hoặc false.`);
}

/** The URL set in environment variable `name`; `form` shows what a right value looks like. */
function parseEnvUrl(raw: string, name: string, form: string): URL {
  try {
    return new URL(raw.trim());
  } catch {
    throw new ConfigError(`Biến môi trường ${name} không hợp lệ: "${redactUrl(raw)}" không phải là địa chỉ dạng ${form}.`);
  }
}

export function parseSmtpUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const url = parseEnvUrl(raw, 'SMTP_URL', 'smtp://người-dùng:mật-khẩu@máy:cổng');
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`Biến môi trường SMTP_URL="${redactUrl(raw)}" không hợp lệ: dùng smtp:// hoặc smtps://.`);
  }
  return raw.trim();
}

export function parseDatabaseUrl(raw: string | undefined, name = 'DATABASE_URL'): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const url = parseEnvUrl(raw, name, 'postgres://người-dùng@máy:cổng/tên-csdl');
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `Biến môi trường ${name} không hợp lệ: giao thức "${url.protocol.replace(':', '')}" không được hỗ trợ, hãy dùng postgres://…`,
    );
  }
  if (url.pathname === '' || url.pathname === '/') {
    throw new ConfigError(`Biến môi trường ${name} thiếu tên cơ sở dữ liệu (ví dụ postgres://postgres@127.0.0.1:5432/tiendo).`);
  }
  return raw.trim();
}

/** A replica needs a primary: DATABASE_READ_URL without DATABASE_URL (the embedded database) is a mistake. */
function parseReadUrl(env: NodeJS.ProcessEnv): string | null {
  const url = parseDatabaseUrl(env.DATABASE_READ_URL, 'DATABASE_READ_URL');
  if (url && !env.DATABASE_URL?.trim()) {
    throw new ConfigError(
      'Biến môi trường DATABASE_READ_URL chỉ dùng cùng DATABASE_URL (máy chủ chính PostgreSQL): cơ sở dữ liệu nhúng không có bản sao đọc.',
    );
  }
  return url;
}

/** Never print a password, not even in an error about the URL that contains it. */
export function redactUrl(raw: string): string {
  return raw.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const logLevel = (env.LOG_LEVEL ?? 'info').trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`Biến môi trường LOG_LEVEL="${env.LOG_LEVEL}" không hợp lệ: dùng một trong ${LOG_LEVELS.join(', ')}.`);
  }
  const seedRaw = env.TIENDO_DEMO_SEED;
  const demoSeed = seedRaw === undefined || seedRaw === '' ? 2025 : Number(seedRaw);
  if (!Number.isSafeInteger(demoSeed)) {
    throw new ConfigError(`Biến môi trường TIENDO_DEMO_SEED="${seedRaw}" không hợp lệ: phải là số nguyên.`);
  }
  return {
    port: parsePort(env.PORT, 'PORT', 3000),
    host: (env.HOST ?? '127.0.0.1').trim() || '127.0.0.1',
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    dataDir: path.resolve(cwd, env.TIENDO_DATA_DIR?.trim() || 'data'),
    logLevel: logLevel as AppConfig['logLevel'],
    demoOnEmpty: parseBoolean(env.TIENDO_DEMO, 'TIENDO_DEMO', true),
    demoRegistries: parseBoolean(env.TIENDO_DEMO_REGISTRIES, 'TIENDO_DEMO_REGISTRIES', true),
    demoSeed,
    serveWebApp: parseBoolean(env.TIENDO_WEB_APP, 'TIENDO_WEB_APP', true),
    secureCookies: parseBoolean(env.TIENDO_SECURE_COOKIES, 'TIENDO_SECURE_COOKIES', false),
    trustProxy: env.TIENDO_TRUST_PROXY?.trim() || null,
    smtpUrl: parseSmtpUrl(env.SMTP_URL),
    mailFrom: env.MAIL_FROM?.trim() || 'Tiến Độ <khong-tra-loi@tiendo.local>',
    databaseReadUrl: parseReadUrl(env),
    metricsToken: env.METRICS_TOKEN?.trim() || null,
  };
}
