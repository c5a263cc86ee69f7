// pg_dump, pg_restore and psql from Debian's postgresql-client, found (or, as root on Debian,
// installed) the way scripts/test.mjs finds Chromium. pg_dump refuses a server of a newer major
// version, and pg_restore an archive from a newer pg_dump, so the newest client on the machine is
// chosen and checked against both before anything is written.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../domain/errors/app-error.ts';

export interface PgTools {
  pgDump: string;
  pgRestore: string;
  psql: string;
  /** `pg_dump --version`, e.g. "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)". */
  version: string;
  major: number;
}

const TOOLS = ['pg_dump', 'pg_restore', 'psql'] as const;

function candidateDirs(): string[] {
  const versioned: string[] = [];
  try {
    // Debian installs each major side by side; /usr/bin/pg_dump is a wrapper that picks one.
    for (const entry of fs.readdirSync('/usr/lib/postgresql')) {
      if (/^\d+$/.test(entry)) versioned.push(path.join('/usr/lib/postgresql', entry, 'bin'));
    }
  } catch {
    /* not Debian's layout */
  }
  versioned.sort((a, b) => Number(b.split('/').at(-2)) - Number(a.split('/').at(-2)));
  const fromPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return [...versioned, ...fromPath];
}

function probe(dir: string): PgTools | null {
  const paths = TOOLS.map((tool) => path.join(dir, tool));
  if (!paths.every((p) => fs.existsSync(p))) return null;
  const result = spawnSync(paths[0]!, ['--version'], { encoding: 'utf8' });
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.\d+)?/.exec(result.stdout ?? '');
  if (result.status !== 0 || !match) return null;
  return { pgDump: paths[0]!, pgRestore: paths[1]!, psql: paths[2]!, version: result.stdout.trim(), major: Number(match[1]) };
}

function newest(): PgTools | null {
  let best: PgTools | null = null;
  for (const dir of candidateDirs()) {
    const tools = probe(dir);
    if (tools && (!best || tools.major > best.major)) best = tools;
  }
  return best;
}

function aptInstall(packages: string[], log: (line: string) => void): boolean {
  if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) return false;
  log(`Đang cài ${packages.join(' ')} (công cụ sao lưu PostgreSQL của Debian)…`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'ignore', env }).status === 0;
}

/**
 * The newest pg_dump/pg_restore/psql whose major is at least `minMajor`; installs Debian's
 * postgresql-client when it is missing and this process may (root with apt-get).
 */
export function findPgTools(minMajor: number, log: (line: string) => void = () => {}): PgTools {
  let tools = newest();
  if (!tools || tools.major < minMajor) {
    // The versioned package exists when the PostgreSQL apt repository is configured; the plain one
    // is Debian's own major, which is enough when the server is Debian's too.
    if (aptInstall([`postgresql-client-${minMajor}`], log) || aptInstall(['postgresql-client'], log)) tools = newest();
  }
  if (!tools) {
    throw new AppError(
      'PG_TOOLS_MISSING',
      'unavailable',
      `Không tìm thấy pg_dump, pg_restore và psql trên máy. Hãy cài gói postgresql-client: sudo apt-get install -y postgresql-client-${minMajor}`,
    );
  }
  if (tools.major < minMajor) {
    throw new AppError(
      'PG_TOOLS_TOO_OLD',
      'unavailable',
      `pg_dump trên máy là phiên bản ${tools.major} (${tools.pgDump}), cũ hơn yêu cầu (${minMajor}): ` +
        `pg_dump phải cùng phiên bản chính hoặc mới hơn máy chủ PostgreSQL và bản sao lưu. ` +
        `Hãy cài postgresql-client-${minMajor} (kho apt.postgresql.org): sudo apt-get install -y postgresql-client-${minMajor}`,
    );
  }
  return tools;
}

/**
 * libpq connection for the client tools: the URL without its password (a command line is
 * visible to every user in `ps`), the password in PGPASSWORD.
 */
export function clientConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
  }
  return { url: url.toString(), env };
}
