import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocument, createTarget } from '../../test/support/document-fixtures.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { writeTable } from '../tabular/table-writer.ts';

interface Preview {
  target: { id: number; value: number; kind: string };
  rule: string;
  children: { unit: { id: number; code: string; name: string }; base: number | null; current: number | null; proposed: number }[];
  sum: number;
  remainder: number;
}

describe.each(testDatabaseTargets())('giao chỉ tiêu (allocation) on $kind', (target) => {
  const { database, t } = useTestApp(target, `allocation-${target.kind}`, { demoRegistries: true });
  let province: Session;
  let commune: Session;
  let tni: number;
  let members: number; // the province's members target
  let preview: Preview;

  beforeAll(async () => {
    province = await t.login('canbo.tinh');
    commune = await t.login('canbo.tanninh');
    tni = await t.unitId('TNI');
    const documentId = await createDocument(province, {
      kind: 'chuong_trinh',
      title: 'Chương trình phát triển đoàn viên của tỉnh',
      issuerUnitId: tni,
      issuedOn: '2026-01-15',
      termFrom: 2026,
      termTo: 2030,
    });
    const created = await createTarget(province, {
      documentId,
      unitId: tni,
      indicatorCode: 'members',
      comparator: '>=',
      value: 60_000,
      deadlineYear: 2030,
      subject: 'Phấn đấu đến năm 2030 có 60.000 đoàn viên',
    });
    members = created.targetId;
  }, 300_000); // the demo's 50,000 members take a while on a busy machine

  it('proposes shares in proportion to current members that add up to the province target exactly', async () => {
    const r = await province.get(`/api/targets/${members}/allocation?base=members`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    preview = r.body;
    expect(preview.children.length).toBeGreaterThan(5);
    expect(preview.sum).toBe(60_000);
    expect(preview.remainder).toBe(0);
    expect(preview.rule).toMatch(/tổng giao cho các đơn vị không thấp hơn 60\.000/);
    // Proportional: the commune with the most members gets the largest share.
    const biggest = [...preview.children].sort((a, b) => (b.base ?? 0) - (a.base ?? 0))[0]!;
    expect(Math.max(...preview.children.map((c) => c.proposed))).toBe(biggest.proposed);
    const totalBase = preview.children.reduce((s, c) => s + (c.base ?? 0), 0);
    expect(totalBase).toBeGreaterThan(0);
    for (const c of preview.children) expect(Math.abs(c.proposed - (60_000 * (c.base ?? 0)) / totalBase)).toBeLessThan(1);
  });

  it('refuses an under-allocation with the numbers and writes nothing', async () => {
    const largest = Math.max(...preview.children.map((c) => c.proposed));
    const shares = preview.children.map((c) => ({ unitId: c.unit.id, value: c.proposed === largest ? c.proposed - 500 : c.proposed }));
    const r = await province.send('PUT', `/api/targets/${members}/allocation`, { method: 'manual', shares });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.code).toBe('ALLOCATION_INVALID');
    expect(r.body.error.message).toBe('Tổng chỉ tiêu giao cho các đơn vị (59.500) thấp hơn chỉ tiêu của đơn vị (60.000): còn thiếu 500.');
    const children = await database.db.selectFrom('target').select('id').where('parent_target_id', '=', members).execute();
    expect(children).toEqual([]);
  });

  it('refuses an over-allocation with the numbers unless the margin is chosen deliberately', async () => {
    const largest = Math.max(...preview.children.map((c) => c.proposed));
    const shares = preview.children.map((c) => ({ unitId: c.unit.id, value: c.proposed === largest ? c.proposed + 1_000 : c.proposed }));
    const r = await province.send('PUT', `/api/targets/${members}/allocation`, { method: 'manual', shares });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.message).toBe(
      'Tổng chỉ tiêu giao cho các đơn vị (61.000) vượt chỉ tiêu của đơn vị (60.000) 1.000; nếu muốn giao vượt, hãy chọn "Cho phép giao vượt".',
    );
    expect(await database.db.selectFrom('target').select('id').where('parent_target_id', '=', members).execute()).toEqual([]);
  });

  it('gives each commune its own target, seen on its Tổng quan, and re-allocating revises it with the reason', async () => {
    const shares = preview.children.map((c) => ({ unitId: c.unit.id, value: c.proposed }));
    const applied = await province.send('PUT', `/api/targets/${members}/allocation`, { method: 'proportional', base: 'members', shares });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.created).toBe(shares.length);
    const p01 = await t.unitId('TNI-P01');
    const share = preview.children.find((c) => c.unit.id === p01)!.proposed;
    const mine = (await commune.get(`/api/progress?unitId=${p01}`)).body.items.filter(
      (i: { indicator: { code: string } }) => i.indicator.code === 'members',
    );
    expect(mine.map((i: { targetValue: number }) => i.targetValue)).toContain(share);
    const row = await database.db
      .selectFrom('target')
      .selectAll()
      .where('parent_target_id', '=', members)
      .where('unit_id', '=', p01)
      .executeTakeFirstOrThrow();
    expect(row.origin_note).toBe('Được giao từ chỉ tiêu của Liên đoàn Lao động tỉnh Tây Ninh (theo tỷ lệ số đoàn viên hiện có).');

    // Move 100 from the last commune to Tân Ninh: two targets revised, nothing added.
    const last = shares.at(-1)!;
    const moved = shares.map((s) =>
      s.unitId === p01 ? { ...s, value: s.value + 100 } : s.unitId === last.unitId ? { ...s, value: s.value - 100 } : s,
    );
    const again = await province.send('PUT', `/api/targets/${members}/allocation`, {
      method: 'manual',
      shares: moved,
      reason: 'Phường Tân Ninh nhận thêm khu công nghiệp mới',
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect([again.body.created, again.body.revised]).toEqual([0, 2]);
    expect(again.body.children.find((c: { unit: { id: number } }) => c.unit.id === p01).current).toBe(share + 100);
    const audit = (await (await t.login('quantri')).get('/api/audit?action=target.revise')).body.items;
    expect(audit.length).toBe(2);
    expect(JSON.stringify(audit)).toContain('Phường Tân Ninh nhận thêm khu công nghiệp mới');
  });

  it('lets a commune read its allocation but not allocate the province target', async () => {
    expect((await commune.get(`/api/targets/${members}/allocation`)).status).toBe(404);
    const xem = await t.login('xem.tinh');
    const refused = await xem.send('PUT', `/api/targets/${members}/allocation`, {
      method: 'equal',
      shares: [{ unitId: preview.children[0]!.unit.id, value: 1 }],
    });
    expect(refused.status).toBe(403);
  });

  it('takes an allocation from an Excel sheet with a dry run that names every bad row', async () => {
    const sheet = async (rows: Record<string, unknown>[]) => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      await writeTable(out, {
        format: 'xlsx',
        sheetName: 'Giao',
        columns: [
          { key: 'code', title: 'Mã đơn vị' },
          { key: 'value', title: 'Chỉ tiêu giao' },
        ],
        rows: (async function* () {
          yield* rows;
        })(),
      });
      out.end();
      return Buffer.concat(chunks);
    };
    const upload = (content: Buffer, dryRun: boolean) => {
      const boundary = 'giao-chi-tieu';
      return t.app.inject({
        method: 'POST',
        url: `/api/targets/${members}/allocation/file${dryRun ? '?dryRun=true' : ''}`,
        headers: {
          cookie: `tiendo_session=${province.cookie}`,
          'x-csrf-token': province.csrf,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="giao.xlsx"\r\n\r\n`),
          content,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    };
    const good = preview.children.map((c) => ({ code: c.unit.code, value: c.proposed }));
    const bad = await upload(await sheet([...good.slice(1), { code: 'KHONG-CO', value: 5 }, { code: good[0]!.code, value: 'mười' }]), true);
    expect(bad.statusCode, bad.body).toBe(200);
    const report = bad.json();
    expect(report.applied).toBe(false);
    expect(report.problems.map((p: { message: string }) => p.message)).toEqual([
      `Dòng ${good.length + 1}: mã "KHONG-CO" không phải đơn vị trực thuộc của đơn vị giao chỉ tiêu.`,
      expect.stringMatching(new RegExp(`^Dòng ${good.length + 2} \\(.+\\), cột "Chỉ tiêu giao": "mười" không phải số\\.$`)),
      expect.stringMatching(/^Tổng chỉ tiêu giao cho các đơn vị \(.+\) thấp hơn chỉ tiêu của đơn vị \(60\.000\): còn thiếu/),
    ]);
    const refused = await upload(await sheet([...good.slice(1), { code: 'KHONG-CO', value: 5 }]), false);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('ALLOCATION_FILE_INVALID');
    const applied = await upload(
      await sheet(good.map((g, i) => (i === 0 ? { ...g, value: g.value + 7 } : i === good.length - 1 ? { ...g, value: g.value - 7 } : g))),
      false,
    );
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().applied).toBe(true);
    const first = await database.db
      .selectFrom('target')
      .select('value')
      .where('parent_target_id', '=', members)
      .where('unit_id', '=', preview.children[0]!.unit.id)
      .executeTakeFirstOrThrow();
    expect(Number(first.value)).toBe(good[0]!.value + 7);
  });

  it('applies a ratio target to every commune as it is, and refuses a looser one', async () => {
    const documentId = await createDocument(province, {
      kind: 'ke_hoach',
      title: 'Kế hoạch thỏa ước',
      issuerUnitId: tni,
      issuedOn: '2026-02-01',
      termFrom: 2026,
      termTo: 2030,
    });
    const { targetId } = await createTarget(province, {
      documentId,
      unitId: tni,
      indicatorCode: 'agreements_share',
      comparator: '>=',
      value: 70,
      deadlineYear: 2030,
    });
    const r = (await province.get(`/api/targets/${targetId}/allocation`)).body as Preview;
    expect(r.target.kind).toBe('ratio');
    expect(new Set(r.children.map((c) => c.proposed))).toEqual(new Set([70]));
    const looser = await province.send('PUT', `/api/targets/${targetId}/allocation`, {
      method: 'manual',
      shares: r.children.map((c, i) => ({ unitId: c.unit.id, value: i === 0 ? 60 : 75 })),
    });
    expect(looser.status).toBe(400);
    expect(looser.body.error.message).toMatch(/tỷ lệ giao \(60\) thấp hơn mức của đơn vị giao \(70\)/);
  });
});
