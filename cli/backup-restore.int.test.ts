// Issue 24, acceptance 1: on each database kind, real data (members, a document with targets, an
// accepted report, an uploaded file) goes through `tiendo backup`, the database is dropped, and
// `tiendo restore` brings back every row count and the file's exact bytes; a restore onto a
// database that holds data, from a newer version or from a damaged file changes nothing.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../server/db/database.ts';
import { migrations } from '../server/db/migrations/index.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { buildDocx } from '../server/documents/intake/intake-test-fixtures.ts';
import { listTar, readTarEntry, writeTar } from '../server/ops/tar-archive.ts';
import { confirmDecision, programme05Metadata, type ProposedTarget } from '../test/support/document-fixtures.ts';
import { openCdcsPeriodCodes, submitAndAccept } from '../test/support/report-fixtures.ts';
import { createTestApp } from '../test/support/test-app.ts';
import { asAdmin, testDatabaseTargets } from '../test/support/test-database.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'tiendo.js');
const TEXT_000 = fs.readFileSync(new URL('../../shared/documents/000_695bf227987f6204.txt', import.meta.url), 'utf8');
const period = openCdcsPeriodCodes()[0]!;

/** One database of the kind under test that the CLI can reach: its environment, and how to open, drop or recreate it. */
interface Place {
  env: Record<string, string>;
  open(): Promise<Database>;
  /** Gone entirely, then (for PostgreSQL) an empty database of the same name, as after `createdb`. */
  drop(): Promise<void>;
  remove(): Promise<void>;
}

const serverUrl = process.env.TEST_DATABASE_URL?.trim() ?? '';

const admin = (statement: string) => asAdmin(serverUrl, statement);

async function newPlace(kind: 'pglite' | 'postgres', scratch: string): Promise<Place> {
  if (kind === 'pglite') {
    const dataDir = path.join(scratch, `data-${randomBytes(3).toString('hex')}`);
    return {
      env: { TIENDO_DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => openDatabase({ databaseUrl: null, dataDir }),
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
      remove: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `tiendo_test_bk_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await admin(`CREATE DATABASE ${name}`);
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 2 }),
    drop: async () => {
      await admin(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${name}`);
    },
    remove: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

function tiendo(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, TIENDO_WEB_APP: 'false', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Snapshot {
  tables: Record<string, number>;
  files: Record<string, string>;
  reports: string[];
  targets: number;
}

/** Every table's row count and every stored file's SHA-256 computed here from its bytes. */
async function snapshot(place: Place): Promise<Snapshot> {
  const database = await place.open();
  try {
    const names = await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(
      database.db,
    );
    const tables: Record<string, number> = {};
    for (const { tablename } of names.rows) {
      tables[tablename] = Number(
        (await sql<{ n: string }>`SELECT count(*)::text AS n FROM ${sql.table(tablename)}`.execute(database.db)).rows[0]!.n,
      );
    }
    const files: Record<string, string> = {};
    for (const f of await database.db.selectFrom('stored_file').select(['file_name', 'content']).execute()) {
      files[f.file_name] = createHash('sha256').update(f.content).digest('hex');
    }
    const reports = (await database.db.selectFrom('report').select('status').orderBy('id').execute()).map((r) => r.status);
    const targets = Number(
      (
        await database.db
          .selectFrom('target')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    return { tables, files, reports, targets };
  } finally {
    await database.close();
  }
}

describe.each(testDatabaseTargets())('tiendo backup and restore ($kind)', (target) => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-backup-test-'));
  const archive = path.join(scratch, 'sao-luu.tar');
  const places: Place[] = [];
  let place: Place;
  let before: Snapshot;
  let docx: Buffer;

  beforeAll(async () => {
    place = await newPlace(target.kind, scratch);
    places.push(place);
    const database = await place.open();
    try {
      await migrateToLatest(database.db);
      const t = await createTestApp({ ...database, url: null }, `backup-restore-${target.kind}`);
      try {
        await t.addUser('quantri.tanninh', 'TNI-P01', ['system_admin']);
        const adminP01 = await t.login('quantri.tanninh');
        const province = await t.login('canbo.tinh');
        const officer = await t.login('cdcs.demo');
        const commune = await t.login('canbo.tanninh');
        const cdcs = await t.unitId('TNI-P01-0001');
        const people = [
          ['Nguyễn Thị Sao Lưu', 'female', '072190004411'],
          ['Trần Văn Khôi Phục', 'male', '072090004412'],
          ['Lê Thị Ngọc Ánh', 'female', '072190004413'],
        ] as const;
        for (const [fullName, gender, cccd] of people) {
          const member = await adminP01.send('POST', '/api/members', {
            fullName,
            gender,
            birthDate: '1990-01-01',
            cccd,
            joinedOn: '2015-01-01',
            cdcsUnitId: cdcs,
          });
          expect(member.status, JSON.stringify(member.body)).toBe(200);
        }

        docx = await buildDocx(TEXT_000);
        const uploaded = await province.upload(
          'POST',
          `/api/documents/upload?unitId=${await t.unitId('TNI')}`,
          'CTr 05 Bình Phước.docx',
          docx,
        );
        expect(uploaded.status, JSON.stringify(uploaded.body).slice(0, 300)).toBe(200);
        const decisions = (uploaded.body.proposals as ProposedTarget[]).slice(0, 2).map((p) => confirmDecision(p));
        const confirmed = await province.send('PUT', `/api/documents/${uploaded.body.document.id}/review`, {
          metadata: programme05Metadata,
          targets: decisions,
          confirm: true,
        });
        expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);

        await submitAndAccept(officer, commune, cdcs, period);
      } finally {
        await t.close();
      }
    } finally {
      await database.close();
    }
    before = await snapshot(place);
  }, 300_000);

  afterAll(async () => {
    for (const p of places) await p.remove().catch(() => {});
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('backs up, and after the database is dropped restores every count and the uploaded file byte for byte', async () => {
    expect(before.tables.member).toBeGreaterThanOrEqual(3);
    expect(before.reports).toEqual(['accepted']);
    expect(before.targets).toBe(2);
    const docxSha = createHash('sha256').update(docx).digest('hex');
    expect(before.files['CTr 05 Bình Phước.docx']).toBe(docxSha);

    const backup = tiendo(['backup', '--out', archive], place.env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Đã sao lưu cơ sở dữ liệu (PostgreSQL|nhúng) vào /);
    expect(backup.stdout).toContain(`${Object.keys(before.tables).length} bảng`);
    const entries = await listTar(archive);
    expect(entries.map((e) => e.name)).toEqual([
      'manifest.json',
      target.kind === 'postgres' ? 'database.pgdump' : 'database.pglite.tar.gz',
    ]);
    const manifest = JSON.parse((await readTarEntry(archive, entries[0]!)).toString('utf8'));
    expect(manifest).toMatchObject({
      format: 'tiendo-backup',
      migration: Object.keys(migrations).at(-1),
      tables: before.tables,
      database: { kind: target.kind },
    });
    expect(manifest.files.list).toEqual([expect.objectContaining({ name: 'CTr 05 Bình Phước.docx', size: docx.length, sha256: docxSha })]);
    // A second backup never overwrites the first.
    const again = tiendo(['backup', '--out', archive], place.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/đã tồn tại/);

    await place.drop();
    const restored = tiendo(['restore', archive], place.env);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^Đã khôi phục cơ sở dữ liệu /);
    expect(restored.stdout).toContain('khớp với bản sao lưu');
    expect(await snapshot(place)).toEqual(before);
  }, 600_000);

  it('refuses a restore onto a database that holds data without --force, changing nothing; --force replaces it', async () => {
    const database = await place.open();
    try {
      // Work done after the backup, which a refused restore must leave in place.
      await database.db
        .insertInto('stored_file')
        .values({ file_name: 'sau-sao-luu.pdf', mime_type: 'application/pdf', size_bytes: 4, sha256: 'x', content: Buffer.from('%PDF') })
        .execute();
    } finally {
      await database.close();
    }
    const changed = await snapshot(place);
    expect(changed.tables.stored_file).toBe(before.tables.stored_file! + 1);

    const refused = tiendo(['restore', archive], place.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(
      /^Lỗi: Cơ sở dữ liệu đích đang có dữ liệu \(.*\d+ đơn vị.*\); khôi phục sẽ thay toàn bộ dữ liệu đó\. Không có gì bị thay đổi\./,
    );
    expect(refused.stderr).toContain('--force');
    expect(await snapshot(place)).toEqual(changed);

    const forced = tiendo(['restore', archive, '--force'], place.env);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await snapshot(place)).toEqual(before);
    if (target.kind === 'pglite') {
      // The replaced folder is kept beside the new one, and said so.
      const aside = /Dữ liệu cũ được giữ lại ở (\S+) /.exec(forced.stdout)?.[1];
      expect(aside && fs.existsSync(path.join(aside, 'PG_VERSION'))).toBe(true);
      fs.rmSync(aside!, { recursive: true, force: true });
    }
  }, 600_000);

  it('refuses a backup from a newer version and a damaged one, even with --force, changing nothing', async () => {
    const entries = await listTar(archive);
    const manifest = JSON.parse((await readTarEntry(archive, entries[0]!)).toString('utf8'));
    const payload = await readTarEntry(archive, entries[1]!);
    const newer = path.join(scratch, 'moi-hon.tar');
    await writeTar(newer, [
      {
        name: 'manifest.json',
        content: Buffer.from(
          JSON.stringify({ ...manifest, appVersion: '9.0.0', migrations: [...manifest.migrations, '9001-from-the-future'] }),
        ),
      },
      { name: entries[1]!.name, content: payload },
    ]);
    const refused = tiendo(['restore', newer, '--force'], place.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^Lỗi: Bản sao lưu .*moi-hon\.tar được tạo bởi Tiến Độ 9\.0\.0, mới hơn phiên bản đang cài .*bước cập nhật 9001-from-the-future mà phiên bản này không biết\./,
    );

    const damaged = path.join(scratch, 'hong.tar');
    const bytes = fs.readFileSync(archive);
    bytes[entries[1]!.offset + Math.floor(entries[1]!.size / 2)]! ^= 0xff;
    fs.writeFileSync(damaged, bytes);
    const corrupt = tiendo(['restore', damaged, '--force'], place.env);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/bị hỏng: mã kiểm tra SHA-256 của dữ liệu không khớp với manifest\. Không có gì bị thay đổi\./);
    expect(await snapshot(place)).toEqual(before);
  }, 600_000);

  it('tiendo migrate backs up a database with a pending migration first, and not with --no-backup', async () => {
    const older = await newPlace(target.kind, scratch);
    places.push(older);
    const names = Object.keys(migrations);
    const database = await older.open();
    try {
      const migrator = new Migrator({
        db: database.db,
        provider: { getMigrations: async () => migrations },
        allowUnorderedMigrations: true,
      });
      const { error } = await migrator.migrateTo(names.at(-2)!);
      expect(error).toBeUndefined();
    } finally {
      await database.close();
    }
    const backupDir = path.join(scratch, `truoc-cap-nhat-${target.kind}`);
    const migrated = tiendo(['migrate', '--backup-dir', backupDir], older.env);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/^Đã sao lưu trước khi cập nhật vào .*truoc-cap-nhat-\w+\/tiendo-[\d-]+-truoc-cap-nhat\.tar\n/);
    expect(migrated.stdout).toContain(`Đã áp dụng 1 bước cập nhật: ${names.at(-1)}.`);
    const [saved] = fs.readdirSync(backupDir);
    const entries = await listTar(path.join(backupDir, saved!));
    expect(JSON.parse((await readTarEntry(path.join(backupDir, saved!), entries[0]!)).toString('utf8')).migration).toBe(names.at(-2));

    // Nothing pending: nothing to protect, no second backup; --no-backup is accepted.
    const again = tiendo(['migrate', '--backup-dir', backupDir], older.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(`Cơ sở dữ liệu đã ở phiên bản mới nhất (${names.at(-1)}).\n`);
    expect(tiendo(['migrate', '--no-backup'], older.env).code).toBe(0);
    expect(fs.readdirSync(backupDir)).toHaveLength(1);
  }, 600_000);
});
