import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';

/** A commune's yearly plan, written for this test: a symbol, an issue date, three targets. */
const plan = (opts: { date?: string; extra?: string } = {}) => `LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH
CÔNG ĐOÀN PHƯỜNG TÂN NINH

Số: 07/KH-CĐP

Tân Ninh, ${opts.date ?? 'ngày 10 tháng 3 năm 2026'}

KẾ HOẠCH
Phát triển đoàn viên và xây dựng tổ chức công đoàn năm 2026

I. CHỈ TIÊU
1. Đến năm 2026, toàn phường có trên 3.200 đoàn viên công đoàn.
2. Hàng năm, có trên 95% đoàn viên, người lao động được tuyên truyền pháp luật.
3. Đến năm 2027, có trên 60% công đoàn cơ sở ký kết thỏa ước lao động tập thể.
${opts.extra ?? ''}
TM. BAN CHẤP HÀNH
CHỦ TỊCH
Trần Văn Thử
`;

interface Proposal {
  key: string;
  value: number;
  comparator: string;
  annual: boolean;
  deadlineYear: number | null;
  subject: string;
  suggestions: { code: string }[];
}

describe.each(testDatabaseTargets())('document review drafts and duplicate uploads on $kind', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let commune: Session;
  let communeElsewhere: Session;
  let province: Session;
  let sibling: Session;
  let tni: number;
  let p01: number;
  let p02: number;
  let doc: { id: number; proposals: Proposal[]; title: string };

  beforeAll(async () => {
    database = await target.open({ demo: 'province' });
    t = await createTestApp(database, `review-drafts-${target.kind}`);
    commune = await t.login('canbo.tanninh');
    // The same officer in another browser: a second session.
    communeElsewhere = await t.login('canbo.tanninh');
    province = await t.login('canbo.tinh');
    await t.addUser('canbo.binhminh.nhap', 'TNI-P02', ['union_staff']);
    sibling = await t.login('canbo.binhminh.nhap');
    tni = await t.unitId('TNI');
    p01 = await t.unitId('TNI-P01');
    p02 = await t.unitId('TNI-P02');
  }, 240_000);

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const upload = (session: Session, unitId: number, fileName: string, text: string, query = '') =>
    session.upload('POST', `/api/documents/upload?unitId=${unitId}${query}`, fileName, Buffer.from(text));
  const documentCount = async () =>
    Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM plan_document`.execute(database.db)).rows[0]!.n);
  const decision = (p: Proposal, extra: Record<string, unknown> = {}) => ({
    key: p.key,
    decision: 'pending',
    indicatorCode: p.suggestions[0]?.code ?? null,
    comparator: p.comparator,
    value: p.value,
    annual: p.annual,
    deadlineYear: p.deadlineYear,
    unitId: p01,
    subject: p.subject,
    ...extra,
  });

  it('starts a review with an empty draft at version 1', async () => {
    const r = await upload(commune, p01, 'ke-hoach-07.txt', plan());
    expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(200);
    expect(r.body.document).toMatchObject({ symbol: '07/KH-CĐP', issuedOn: '2026-03-10', status: 'review' });
    expect(r.body.proposals.length).toBeGreaterThanOrEqual(2);
    expect(r.body.draft).toEqual({ version: 1, metadata: null, savedAt: null, savedBy: null });
    expect(r.body.decisions).toBeNull();
    doc = { id: r.body.document.id, proposals: r.body.proposals, title: r.body.document.title };
  });

  it('autosaves decisions and metadata as typed, found again from another session; the document itself is untouched', async () => {
    const [first, second] = doc.proposals;
    const targets = [
      decision(first!, { decision: 'confirm' }),
      decision(second!, { decision: 'drop' }),
      ...doc.proposals.slice(2).map((p) => decision(p, { value: p.value + 1 })),
    ];
    // Mid-retyping: the title is empty and the symbol half-typed. A draft keeps it; the final save would refuse it.
    const metadata = { kind: 'plan', title: '', symbol: ' 07/KH ' };
    const saved = await commune.send('PUT', `/api/documents/${doc.id}/review/draft`, { version: 1, metadata, targets });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, savedBy: expect.any(String) });
    expect(Number.isNaN(Date.parse(saved.body.savedAt))).toBe(false);

    const resumed = (await communeElsewhere.get(`/api/documents/${doc.id}/review`)).body;
    expect(resumed.decisions.map((d: { key: string; decision: string; value: number }) => [d.key, d.decision, d.value])).toEqual(
      targets.map((d) => [d.key, d.decision, d.value]),
    );
    expect(resumed.draft).toMatchObject({
      version: 2,
      metadata: { kind: 'plan', title: '', symbol: '07/KH' },
      savedBy: saved.body.savedBy,
      savedAt: saved.body.savedAt,
    });
    // Lists and search keep what was read until the review is saved.
    expect(resumed.document).toMatchObject({ status: 'review', symbol: '07/KH-CĐP', title: doc.title, targets: 0 });
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_type', '=', 'plan_document')
      .where('entity_id', '=', String(doc.id))
      .where('action', '=', 'document.review_draft')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ version: 2, confirmed: 1, dropped: 1 });
  });

  it('refuses a draft saved over someone else’s (stale version), naming who saved, and changes nothing', async () => {
    const before = (await commune.get(`/api/documents/${doc.id}/review`)).body;
    const stale = await communeElsewhere.send('PUT', `/api/documents/${doc.id}/review/draft`, {
      version: 1,
      metadata: { kind: 'plan', title: 'Bản cũ' },
      targets: doc.proposals.map((p) => decision(p, { decision: 'drop' })),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('REVIEW_VERSION_CONFLICT');
    expect(stale.body.error.message).toMatch(
      new RegExp(`^Bản rà soát vừa được ${before.draft.savedBy} lưu lúc .+ hãy tải lại bản rà soát rồi làm tiếp\\.$`),
    );
    const after = (await commune.get(`/api/documents/${doc.id}/review`)).body;
    expect(after.decisions).toEqual(before.decisions);
    expect(after.draft).toEqual(before.draft);
    // The final save checks the version too.
    const staleFinal = await communeElsewhere.send('PUT', `/api/documents/${doc.id}/review`, {
      version: 1,
      metadata: { kind: 'plan', title: doc.title },
      targets: before.decisions,
      confirm: false,
    });
    expect(staleFinal.status).toBe(409);
    expect(staleFinal.body.error.code).toBe('REVIEW_VERSION_CONFLICT');
  });

  it('keeps a draft inside the caller’s subtree: a sibling gets the document’s 404, a unit above is refused', async () => {
    const body = { version: 2, metadata: { kind: 'plan', title: 'x' }, targets: [] };
    const foreign = await sibling.send('PUT', `/api/documents/${doc.id}/review/draft`, body);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('DOCUMENT_NOT_FOUND');
    const above = await commune.send('PUT', `/api/documents/${doc.id}/review/draft`, {
      ...body,
      targets: [decision(doc.proposals[0]!, { unitId: tni })],
    });
    expect(above.status).toBe(404);
    expect(above.body.error).toMatchObject({ code: 'UNIT_NOT_FOUND', issues: [{ path: 'targets[].unitId' }] });
    expect((await commune.get(`/api/documents/${doc.id}/review`)).body.draft.version).toBe(2);
  });

  it('the final save takes the draft’s place: metadata written to the document, the draft’s cleared, no more drafts once confirmed', async () => {
    const current = (await commune.get(`/api/documents/${doc.id}/review`)).body;
    const targets = doc.proposals.map((p, i) =>
      decision(p, {
        decision: i === 0 ? 'confirm' : 'drop',
        indicatorCode: p.suggestions[0]?.code ?? 'members',
        annual: false,
        deadlineYear: 2027,
      }),
    );
    const confirmed = await commune.send('PUT', `/api/documents/${doc.id}/review`, {
      version: current.draft.version,
      metadata: { kind: 'plan', symbol: '07/KH-CĐP', title: 'Kế hoạch phát triển đoàn viên năm 2026', issuedOn: '2026-03-10' },
      targets,
      confirm: true,
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.document).toMatchObject({ status: 'confirmed', title: 'Kế hoạch phát triển đoàn viên năm 2026', targets: 1 });
    expect(confirmed.body.draft).toMatchObject({ version: 3, metadata: null });
    const late = await commune.send('PUT', `/api/documents/${doc.id}/review/draft`, {
      version: 3,
      metadata: { kind: 'plan', title: 'x' },
      targets: [],
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('DOCUMENT_ALREADY_CONFIRMED');
  });

  it('offers the existing document for the same file, from the same unit or one above, and never a copy', async () => {
    const before = await documentCount();
    for (const [session, unitId] of [
      [commune, p01],
      [province, tni],
    ] as const) {
      for (const query of ['', '&acceptSameSymbol=true']) {
        const again = await upload(session, unitId, 'ban-sao.txt', plan(), query);
        expect(again.status, JSON.stringify(again.body)).toBe(409);
        expect(again.body.error.code).toBe('DOCUMENT_DUPLICATE');
        expect(again.body.error.details).toMatchObject({
          canProceed: false,
          existing: { id: doc.id, symbol: '07/KH-CĐP', status: 'confirmed', issuer: { id: p01 } },
        });
        expect(again.body.error.message).toMatch(
          /^Tệp này đã được tải lên: 07\/KH-CĐP — Kế hoạch phát triển đoàn viên năm 2026 \(Công đoàn phường Tân Ninh, đã lưu\)\. Hãy mở văn bản đã có/,
        );
      }
    }
    expect(await documentCount()).toBe(before);
  });

  it('offers the existing document for the same symbol of the same issuer in the same year, and lets the officer upload another', async () => {
    const before = await documentCount();
    const revised = plan({ extra: '4. Đến năm 2026, có 100% công đoàn cơ sở tổ chức hội nghị người lao động.\n' });
    const same = await upload(commune, p01, 'ke-hoach-07 (sửa).txt', revised);
    expect(same.status, JSON.stringify(same.body).slice(0, 400)).toBe(409);
    expect(same.body.error.code).toBe('DOCUMENT_SAME_SYMBOL');
    expect(same.body.error.details).toMatchObject({
      canProceed: true,
      existing: { id: doc.id, symbol: '07/KH-CĐP', issuedOn: '2026-03-10' },
    });
    expect(same.body.error.message).toBe(
      'Công đoàn phường Tân Ninh đã có văn bản số 07/KH-CĐP ngày 10/03/2026: Kế hoạch phát triển đoàn viên năm 2026 (đã lưu). ' +
        'Nếu là cùng văn bản, hãy mở văn bản đã có; nếu là văn bản khác trùng số ký hiệu, bạn vẫn có thể tải lên.',
    );
    expect(await documentCount()).toBe(before);

    const proceeded = await upload(commune, p01, 'ke-hoach-07 (sửa).txt', revised, '&acceptSameSymbol=true');
    expect(proceeded.status, JSON.stringify(proceeded.body).slice(0, 400)).toBe(200);
    expect(proceeded.body.document).toMatchObject({ symbol: '07/KH-CĐP', status: 'review' });
    // Numbering restarts every year: next year's 07/KH-CĐP is another document.
    const nextYear = await upload(
      commune,
      p01,
      'ke-hoach-07-2027.txt',
      plan({ date: 'ngày 12 tháng 3 năm 2027' }).replace('năm 2026\n\nI.', 'năm 2027\n\nI.'),
    );
    expect(nextYear.status, JSON.stringify(nextYear.body).slice(0, 400)).toBe(200);
    expect(nextYear.body.document.issuedOn).toBe('2027-03-12');
    expect(await documentCount()).toBe(before + 2);
  });

  it('says nothing about documents outside the caller’s subtree: a sibling commune uploads the same file as its own', async () => {
    const r = await upload(sibling, p02, 'ke-hoach-07.txt', plan());
    expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(200);
    expect(r.body.document).toMatchObject({ issuer: { id: p02 }, status: 'review' });
    expect(r.body.document.id).not.toBe(doc.id);
  });
});
