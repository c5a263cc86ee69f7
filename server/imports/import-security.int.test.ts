import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskCccd, maskPhone } from '../../domain/access/personal-data.ts';
import { composeCccd } from '../../domain/registry/identity-codes.ts';
import { uploadImport } from '../../test/support/import-upload.ts';
import { validMemberRows, writeMemberFile, type MemberFileRow } from '../../test/support/member-files.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { ImportsService } from './imports.service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const SCRIPT = { userId: null, tokenId: null, label: 'kiểm thử', ip: null };

/**
 * Security findings on imports and the member registry:
 * 4 — rejected rows follow the personal-data masking and are readable only by whom may;
 * 8 — a CCCD held outside the caller's subtree answers exactly like an unused one;
 * 9 — stored rejections are capped, expire, and a dry run stops after a bounded number of errors.
 */
describe.each(testDatabaseTargets())('import security on $kind', (target) => {
  const { database, t } = useTestApp(target, `import-security-${target.kind}`);
  let province: Session; // canbo.tinh: province staff with the personal-data role
  let commune: Session; // canbo.tanninh: staff of commune P01, no personal-data role
  let cdcsOfficer: Session; // cdcs.demo: officer of TNI-P01-0001, no personal-data role
  let viewerP01: Session; // read-only at commune P01
  let sibling: Session; // staff of the sibling commune P02
  let cdcs1: number;
  let cdcs2: number;
  let p02cdcs: number;

  beforeAll(async () => {
    await t.addUser('canbo.binhminh', 'TNI-P02', ['union_staff']);
    await t.addUser('xem.tanninh', 'TNI-P01', ['viewer']);
    province = await t.login('canbo.tinh');
    commune = await t.login('canbo.tanninh');
    cdcsOfficer = await t.login('cdcs.demo');
    viewerP01 = await t.login('xem.tanninh');
    sibling = await t.login('canbo.binhminh');
    cdcs1 = await t.unitId('TNI-P01-0001');
    cdcs2 = await t.unitId('TNI-P01-0002');
    p02cdcs = await t.unitId('TNI-P02-0001');
  });

  async function download(session: Session, url: string) {
    const response = await t.app.inject({ method: 'GET', url, headers: { cookie: `tiendo_session=${session.cookie}` } });
    return { status: response.statusCode, text: response.body };
  }

  let serial = 0;
  const person = (gender: 'male' | 'female' = 'female', year = 1990) => ({
    fullName: 'Trần Thị Kiểm',
    gender,
    birthDate: `${year}-04-12`,
    cccd: composeCccd('072', gender, year, 300_000 + ++serial),
    joinedOn: '2020-01-01',
  });

  it('4: masks CCCD and phone in rejected rows for a reader without personal_data.view, and hides them from anyone without the right', async () => {
    // The province staff dry-runs a list into a CĐCS: three rows refused for their joining date.
    const rows = validMemberRows(3, ['TNI-P01-0001'], 61_000).map((r): MemberFileRow => ({ ...r, joinedOn: '01/01/2031' }));
    const dry = await uploadImport(t, province, 'members', await writeMemberFile(rows, 'csv'), { unitId: cdcs1, dryRun: true });
    expect(dry.body).toMatchObject({ status: 'done', rejected: 3 });
    const id = dry.body.id as number;
    const url = `/api/imports/${id}/rejections?format=csv`;

    // The CĐCS officer and the commune staff may read the file, with the member screen's masking.
    for (const reader of [cdcsOfficer, commune]) {
      const file = await download(reader, url);
      expect(file.status).toBe(200);
      for (const row of rows) {
        expect(file.text).not.toContain(String(row.cccd));
        expect(file.text).not.toContain(String(row.phone));
        expect(file.text).toContain(maskCccd(String(row.cccd)));
        expect(file.text).toContain(maskPhone(String(row.phone)));
        expect(file.text).toContain(String(row.fullName));
      }
      const job = (await reader.get(`/api/imports/${id}`)).body;
      expect(job).toMatchObject({ rejected: 3, personalDataMasked: true });
      for (const row of rows) expect(JSON.stringify(job)).not.toContain(String(row.cccd));
    }

    // With the permission the values are whole (the file is for fixing and importing again), and audited.
    const full = await download(province, url);
    for (const row of rows) expect(full.text).toContain(String(row.cccd));
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'import_job')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('personal_data.export');

    // Outside the subtree, or inside it without the import permission: the same 404 as no job at all.
    const none = await download(sibling, '/api/imports/99999999/rejections?format=csv');
    expect(none.status).toBe(404);
    for (const stranger of [sibling, viewerP01]) {
      expect(await download(stranger, url), 'file').toEqual(none);
      const status = await stranger.get(`/api/imports/${id}`);
      expect(status, 'status').toEqual(await stranger.get('/api/imports/99999999'));
    }
  });

  it("8: answers a CCCD held outside the caller's subtree exactly as an unused one (create, edit, dry run)", async () => {
    // Members of commune P02, invisible to the officer of TNI-P01-0001.
    const elsewhere = [person(), person(), person(), person()];
    for (const p of elsewhere) expect((await province.send('POST', '/api/members', { ...p, cdcsUnitId: p02cdcs })).status).toBe(200);
    const unused = [person(), person(), person(), person()];
    const comparable = (r: { status: number; body: Record<string, unknown> }) => ({
      status: r.status,
      body: { ...r.body, id: 0, cccd: String(r.body.cccd).replace(/\d{2}$/, '##') },
    });

    // POST /api/members: same status, body and message.
    const taken = await cdcsOfficer.send('POST', '/api/members', { ...elsewhere[0]!, cdcsUnitId: cdcs1 });
    const fresh = await cdcsOfficer.send('POST', '/api/members', { ...unused[0]!, cdcsUnitId: cdcs1 });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(comparable(taken)).toEqual(comparable(fresh));
    // Once in the caller's own registry, a second try is the helpful in-scope duplicate, both ways alike.
    const again = [
      await cdcsOfficer.send('POST', '/api/members', { ...elsewhere[0]!, cdcsUnitId: cdcs1 }),
      await cdcsOfficer.send('POST', '/api/members', { ...unused[0]!, cdcsUnitId: cdcs1 }),
    ];
    expect(again[0]).toEqual(again[1]);
    expect(again[0]!.body.error.code).toBe('CCCD_EXISTS');

    // PATCH of a member's CCCD: same.
    const edits = [];
    for (const cccd of [elsewhere[1]!.cccd, unused[1]!.cccd]) {
      const created = await cdcsOfficer.send('POST', '/api/members', { ...person(), cdcsUnitId: cdcs1 });
      edits.push(await cdcsOfficer.send('PATCH', `/api/members/${created.body.id}`, { cccd }));
    }
    expect(edits[0]!.status, JSON.stringify(edits[0]!.body)).toBe(200);
    expect(comparable(edits[0]!)).toEqual(comparable(edits[1]!));

    // The dry run: no per-row signal, both rows would be added.
    const fileRows: MemberFileRow[] = [elsewhere[2]!, unused[2]!].map((p, i) => ({
      stt: i + 1,
      fullName: p.fullName,
      gender: 'Nữ',
      birthDate: '12/04/1990',
      cccd: p.cccd,
      phone: null,
      joinedOn: '01/01/2020',
      cdcsCode: 'TNI-P01-0001',
    }));
    const dry = await uploadImport(t, cdcsOfficer, 'members', await writeMemberFile(fileRows, 'csv'), { unitId: cdcs1, dryRun: true });
    expect(dry.body).toMatchObject({ status: 'done', rowsRead: 2, inserted: 2, rejected: 0, rejections: [] });
    const real = await uploadImport(t, cdcsOfficer, 'members', await writeMemberFile(fileRows, 'csv'), { unitId: cdcs1 });
    expect(real.body).toMatchObject({ status: 'done', rowsRead: 2, inserted: 2, rejected: 0 });

    // Inside the caller's subtree the helpful duplicate answers stay (the commune sees both CĐCS).
    const inScope = await commune.send('POST', '/api/members', { ...unused[0]!, cdcsUnitId: cdcs2 });
    expect(inScope.status).toBe(409);
    expect(inScope.body.error.message).toMatch(/đã có trong sổ đoàn viên/);
    const moved = [
      {
        stt: 1,
        fullName: unused[0]!.fullName,
        gender: 'Nữ',
        birthDate: '12/04/1990',
        cccd: unused[0]!.cccd,
        phone: null,
        joinedOn: '01/01/2020',
        cdcsCode: 'TNI-P01-0002',
      },
    ];
    const commRun = await uploadImport(t, commune, 'members', await writeMemberFile(moved, 'csv'), { unitId: cdcs2, dryRun: true });
    expect(commRun.body.rejections.map((r: { reason: string }) => r.reason).join(' ')).toMatch(/chuyển sinh hoạt/);

    // The upper union that sees both records finds them among the duplicates, and resolves them.
    const groups = (await province.get('/api/members/duplicates')).body.items as {
      reason: string;
      members: { id: number; unit: { id: number } }[];
    }[];
    const shared = groups.filter((g) => /CCCD/.test(g.reason));
    expect(shared).toHaveLength(3); // the created, the edited and the imported record, each beside the one in P02
    const first = shared.find((g) => g.members.some((m) => m.id === taken.body.id))!;
    expect(first.members.map((m) => m.unit.id).sort()).toEqual([cdcs1, p02cdcs].sort());
    // …while the CĐCS officer, who sees one of the two, is shown nothing about it.
    const officerGroups = (await cdcsOfficer.get('/api/members/duplicates')).body.items as { reason: string }[];
    expect(officerGroups.filter((g) => /CCCD/.test(g.reason))).toEqual([]);
    const original = first.members.find((m) => m.id !== taken.body.id)!;
    const merged = await province.send('POST', '/api/members/merge', { keepId: original.id, dropId: taken.body.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const after = (await province.get('/api/members/duplicates')).body.items as { members: { id: number }[] }[];
    expect(after.some((g) => g.members.some((m) => m.id === taken.body.id))).toBe(false);
  });

  it('9: caps stored rejections with the count of the rest, expires them, and stops a dry run after a bounded number of errors', async () => {
    const later = (days: number) => () => new Date(Date.now() + days * DAY_MS);
    const capped = new ImportsService(database.db, null, { limits: { storedRejectedRows: 5, dryRunRejectedRows: 20 } });
    const start = async (service: ImportsService, rows: MemberFileRow[], dryRun: boolean) => {
      const file = await writeMemberFile(rows, 'csv');
      const job = await service.startImport('members', {
        upload: fs.createReadStream(file),
        fileName: 'ds.csv',
        scopeUnitId: cdcs2,
        dryRun,
        actor: SCRIPT,
        createdBy: null,
      });
      await service.waitFor(job.id);
      return (await province.get(`/api/imports/${job.id}`)).body;
    };
    const bad = (n: number, offset: number) =>
      validMemberRows(n, ['TNI-P01-0002'], offset).map((r): MemberFileRow => ({ ...r, birthDate: '31/02/1990' }));

    // A real run: 30 bad rows and 10 good ones; 5 bad rows kept, the other 25 counted.
    const real = await start(capped, [...bad(30, 70_000), ...validMemberRows(10, ['TNI-P01-0002'], 71_000)], false);
    expect(real).toMatchObject({ status: 'done', rowsRead: 40, inserted: 10, rejected: 30, rejectionsNotStored: 25 });
    expect(new Set(real.rejections.map((r: { rowNumber: number }) => r.rowNumber)).size).toBe(5);
    const file = await download(province, `/api/imports/${real.id}/rejections?format=csv`);
    expect(
      file.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/),
    ).toHaveLength(1 + 5);

    // A dry run of 100 bad rows stops after 20, and says so.
    const dry = await start(capped, bad(100, 72_000), true);
    expect(dry).toMatchObject({ status: 'done', dryRun: true, rowsRead: 20, rejected: 20, rejectionsNotStored: 15 });
    expect(dry.message).toContain('Đã dừng kiểm tra sau 20 dòng lỗi');
    expect(dry.inserted + dry.updated + dry.unchanged + dry.rejected).toBe(dry.rowsRead);

    // 31 days later, the next import (and the next start) deletes the old jobs' rejected rows;
    // the jobs and their counts stay, marked as expired.
    const stored = async (id: number) =>
      Number(
        (
          await database.db
            .selectFrom('import_rejection')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('job_id', '=', id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await stored(real.id)).toBeGreaterThan(0);
    const soon = new ImportsService(database.db, null, { now: later(29) });
    await soon.expireRejections();
    expect(await stored(real.id)).toBeGreaterThan(0);
    const next = await start(new ImportsService(database.db, null, { now: later(31) }), bad(2, 73_000), true);
    expect(await stored(real.id)).toBe(0);
    expect(await stored(dry.id)).toBe(0);
    expect(await stored(next.id)).toBe(2);
    expect((await province.get(`/api/imports/${real.id}`)).body).toMatchObject({ rejected: 30, rejections: [], rejectionsExpired: true });
    await new ImportsService(database.db, null, { now: later(62) }).markInterrupted(); // what the server does at start
    expect(await stored(next.id)).toBe(0);
  });
});
