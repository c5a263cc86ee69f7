import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { confirmDecision, programme05Metadata } from '../../test/support/document-fixtures.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { buildDocx, buildZipBomb } from './intake/intake-test-fixtures.ts';
import { useSessions } from '../http/session-test-fixtures.ts';

const SHARED = new URL('../../../shared/documents/', import.meta.url);
const TEXT_000 = readFileSync(new URL('000_695bf227987f6204.txt', SHARED), 'utf8');
const TEXT_001 = readFileSync(new URL('001_344d28c7e5d382e6.txt', SHARED), 'utf8');

/** A commune's plan implementing the province Party committee's 61-KH/TU (itself implementing 02-NQ/TW). */
const COMMUNE_PLAN = `LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH
CÔNG ĐOÀN PHƯỜNG TÂN NINH

Số: 12/KH-CĐP

Tân Ninh, ngày 05 tháng 11 năm 2021

KẾ HOẠCH
thực hiện Kế hoạch số 61-KH/TU ngày 21/10/2021 của Ban Thường vụ Tỉnh ủy về thực hiện Nghị quyết số 02-NQ/TW của Bộ Chính trị

Thực hiện Kế hoạch số 61-KH/TU ngày 21/10/2021 của Ban Thường vụ Tỉnh ủy, Ban Chấp hành Công đoàn phường Tân Ninh xây dựng kế hoạch thực hiện như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu rộng Nghị quyết đến đoàn viên, người lao động.

II. CHỈ TIÊU
1. Đến năm 2025, toàn phường có trên 3.000 đoàn viên công đoàn.
2. Hàng năm, có trên 90% đoàn viên, người lao động được tuyên truyền, phổ biến Nghị quyết.

III. TỔ CHỨC THỰC HIỆN
1. Ban Thường vụ Công đoàn phường chủ trì, phối hợp với các công đoàn cơ sở triển khai kế hoạch này; định kỳ 6 tháng, năm báo cáo kết quả về Liên đoàn Lao động tỉnh.

TM. BAN CHẤP HÀNH
CHỦ TỊCH
Lê Văn Thử
`;

interface Proposal {
  key: string;
  value: number;
  unit: string;
  comparator: string;
  annual: boolean;
  deadlineYear: number | null;
  subject: string;
  quote: string;
  start: number;
  end: number;
  sectors: string[] | null;
  minWorkers: number | null;
  suggestions: { code: string }[];
}

describe.each(testDatabaseTargets())('documents: upload, review, confirm, cascade on $kind', (target) => {
  const { database, t } = useTestApp(target, `documents-${target.kind}`);
  const s = useSessions(t, { province: 'canbo.tinh', commune: 'canbo.tanninh' }, { tni: 'TNI', p01: 'TNI-P01' });
  let sibling: Session;
  let programme: { id: number; proposals: Proposal[] };

  beforeAll(async () => {
    await t.addUser('canbo.binhminh', 'TNI-P02', ['union_staff']);
    sibling = await t.login('canbo.binhminh');
  }, 240_000);

  const upload = (session: Session, unitId: number, fileName: string, content: Buffer) =>
    session.upload('POST', `/api/documents/upload?unitId=${unitId}`, fileName, content);
  const counts = async () => {
    const r = await sql<{ documents: number; files: number; links: number }>`
      SELECT (SELECT count(*) FROM plan_document)::int AS documents, (SELECT count(*) FROM stored_file)::int AS files, (SELECT count(*) FROM document_link)::int AS links`.execute(
      database.db,
    );
    return r.rows[0]!;
  };

  it('stores an uploaded .docx with its file, prefilled metadata and every extracted item at its offsets', async () => {
    const docx = await buildDocx(TEXT_000);
    const r = await upload(s.province, s.tni, 'CTr 05 Bình Phước.docx', docx);
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    const review = r.body;
    expect(review.document).toMatchObject({
      status: 'review',
      kind: 'program',
      symbol: '05/CTr-LĐLĐ',
      issuedOn: '2024-01-18',
      termFrom: 2023,
      termTo: 2028,
      place: 'Bình Phước',
      issuerText: 'Ban Chấp hành Liên đoàn Lao động tỉnh Bình Phước',
      signerName: 'Nguyễn Thị Hương Giang',
      issuer: { id: s.tni },
      file: { name: 'CTr 05 Bình Phước.docx', sizeBytes: docx.length },
      targets: 0,
    });
    expect(review.format).toBe('docx');
    expect(review.proposals).toHaveLength(16);
    for (const p of review.proposals as Proposal[]) expect(review.text.slice(p.start, p.end).replace(/\s+/g, ' ')).toBe(p.quote);
    const members = (review.proposals as Proposal[]).find((p) => p.value === 140000)!;
    expect(members).toMatchObject({ unit: 'count', comparator: '>', annual: false, deadlineYear: 2028 });
    expect(members.suggestions[0]!.code).toBe('members');
    const kinds = new Set(review.items.map((i: { kind: string }) => i.kind));
    expect([...kinds].sort()).toEqual(['reference', 'task']);
    const reference = review.items.find((i: { text: string }) => i.text === '02/CTr-LĐLĐ');
    expect(review.text.slice(reference.start, reference.end).replace(/\s/g, '')).toBe('02/CTr-LĐLĐ'); // as written: "02/CTr -LĐLĐ"
    expect(review.links.map((l: { symbol: string }) => l.symbol)).toContain('391-KT/TU');
    programme = { id: review.document.id, proposals: review.proposals };

    const file = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${programme.id}/file`,
      headers: { cookie: `tiendo_session=${s.province.cookie}` },
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(docx)).toBe(true);
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('CTr 05 Bình Phước.docx'));

    // Found without accents, by symbol or by words of the title; marked as under review.
    const found = await s.province.get(`/api/documents/search?q=${encodeURIComponent('chuong trinh dai hoi xi 05/ctr')}`);
    expect(found.body.items.map((d: { id: number; status: string }) => [d.id, d.status])).toEqual([[programme.id, 'review']]);
    expect((await s.province.get(`/api/documents/search?q=${encodeURIComponent('khong co van ban nay')}`)).body.items).toEqual([]);

    const again = await upload(s.province, s.tni, 'bản sao.docx', docx);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DOCUMENT_DUPLICATE');
    expect(again.body.error.details).toMatchObject({ canProceed: false, existing: { id: programme.id, status: 'review' } });
    expect(again.body.error.message).toMatch(
      /^Tệp này đã được tải lên: 05\/CTr-LĐLĐ — .+ \(Liên đoàn Lao động tỉnh Tây Ninh, đang chờ rà soát\)\. Hãy mở văn bản đã có/,
    );
  });

  it('keeps the reviewer’s choices, refuses incomplete targets, then confirms: targets on the dashboard', async () => {
    const metadata = programme05Metadata;
    const [members, enterprises, agreements, ...rest] = programme.proposals;
    const yearly = rest.find((p) => p.annual && p.suggestions.length > 0)!;
    const [noIndicator, noTiming] = rest.filter((p) => p !== yearly);
    const draft = [confirmDecision(members!), confirmDecision(enterprises!), { ...confirmDecision(agreements!), decision: 'drop' }];
    const saved = await s.province.send('PUT', `/api/documents/${programme.id}/review`, { metadata, targets: draft, confirm: false });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const resumed = (await s.province.get(`/api/documents/${programme.id}/review`)).body;
    expect(resumed.decisions.map((d: { key: string; decision: string }) => `${d.key}:${d.decision}`)).toEqual([
      `${members!.key}:confirm`,
      `${enterprises!.key}:confirm`,
      `${agreements!.key}:drop`,
    ]);
    expect(resumed.document).toMatchObject({ status: 'review', title: metadata.title });

    const incomplete = await s.province.send('PUT', `/api/documents/${programme.id}/review`, {
      metadata,
      confirm: true,
      targets: [
        ...draft,
        confirmDecision(noIndicator!, { indicatorCode: null }),
        confirmDecision(noTiming!, { annual: false, deadlineYear: null }),
      ],
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.code).toBe('TARGETS_INCOMPLETE');
    expect(incomplete.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'targets.3.indicatorCode',
      'targets.4.deadlineYear',
    ]);
    expect(incomplete.body.error.message).toMatch(/^Chỉ tiêu 4 \(.+\): hãy chọn chỉ số để đo\./);
    expect((await s.province.get(`/api/documents/${programme.id}`)).body).toMatchObject({ status: 'review', targets: 0 });

    const confirmed = await s.province.send('PUT', `/api/documents/${programme.id}/review`, {
      metadata,
      targets: [...draft, confirmDecision(yearly)],
      confirm: true,
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.document).toMatchObject({ status: 'confirmed', targets: 3 });
    const progress = (await s.province.get(`/api/progress?unitId=${s.tni}&documentId=${programme.id}`)).body.items;
    const shown = (p: { indicator: { code: string }; targetValue: number }) => `${p.indicator.code} ${p.targetValue}`;
    expect(progress.map(shown).sort()).toEqual(
      [`members 140000`, `employers_with_cdcs_share 100`, `${yearly.suggestions[0]!.code} ${yearly.value}`].sort(),
    );
    const enterprise = progress.find((p: { indicator: { code: string } }) => p.indicator.code === 'employers_with_cdcs_share');
    expect(enterprise.timing).toEqual({ kind: 'deadline', deadline: '2028-12-31' });
    const annual = progress.find((p: { indicator: { code: string } }) => p.indicator.code === yearly.suggestions[0]!.code);
    expect(annual.timing).toMatchObject({ kind: 'annual', from: 2023, to: 2028 });
    const again = await s.province.send('PUT', `/api/documents/${programme.id}/review`, { metadata, targets: [], confirm: true });
    expect(again.status).toBe(409);
    expect((await s.province.send('DELETE', `/api/documents/${programme.id}`)).status).toBe(409);
  });

  it('refuses hostile and unreadable files with a Vietnamese message, storing nothing', async () => {
    const before = await counts();
    const cases: [string, Buffer, number, RegExp][] = [
      ['rong.txt', Buffer.alloc(0), 400, /^Tệp rỗng/],
      ['bom.docx', buildZipBomb(200), 413, /zip bomb/],
      ['rac.pdf', Buffer.from('%PDF-1.7\n\u0000\u0001 rác không phải PDF'), 400, /\S/],
      ['bang.xlsx', Buffer.from('PK\u0003\u0004 bảng tính'), 400, /^Định dạng tệp \.xlsx chưa được hỗ trợ/],
      ['cu.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 400, /Word 97–2003/],
      ['lon.txt', Buffer.alloc(20 * 1024 * 1024 + 1, 0x61), 413, /vượt quá 20 MB/],
    ];
    for (const [name, content, status, message] of cases) {
      const started = Date.now();
      const r = await upload(s.province, s.tni, name, content);
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.body.error.message, name).toMatch(message);
      expect(r.body.error.message, name).toMatch(/[ảạấầẩẫậăắằẳẵặđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ]/i);
      expect(Date.now() - started, name).toBeLessThan(10_000);
    }
    expect(await counts()).toEqual(before);
  });

  it('links the cascade by symbol in either upload order, and navigates up and down', async () => {
    // The resolution is typed by hand (no file); the commune's plan arrives before the plan it implements.
    const resolution = await s.province.send('POST', '/api/documents', {
      kind: 'resolution',
      symbol: '02-NQ/TW',
      title: 'Nghị quyết về đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới',
      issuerUnitId: s.tni,
      issuedOn: '2021-06-12',
    });
    expect(resolution.status, JSON.stringify(resolution.body)).toBe(200);
    const communePlan = await upload(s.commune, s.p01, 'ke-hoach-12.txt', Buffer.from(COMMUNE_PLAN));
    expect(communePlan.status, JSON.stringify(communePlan.body).slice(0, 300)).toBe(200);
    const communeLinks = communePlan.body.links.map((l: { symbol: string; relation: string; linked: { id: number } | null }) => [
      l.symbol,
      l.relation,
      l.linked?.id ?? null,
    ]);
    expect(communeLinks).toEqual([
      ['61-KH/TU', 'implements', null],
      ['02-NQ/TW', 'implements', resolution.body.id],
    ]);

    const partyPlan = await upload(s.province, s.tni, 'KH 61 Tỉnh ủy.txt', Buffer.from(TEXT_001));
    expect(partyPlan.status).toBe(200);
    const planId = partyPlan.body.document.id;
    expect(partyPlan.body.links.find((l: { symbol: string }) => l.symbol === '02-NQ/TW').linked.id).toBe(resolution.body.id);

    const cascade = (await s.province.get(`/api/documents/${planId}/cascade`)).body;
    expect(cascade.up.map((e: { depth: number; document: { symbol: string } }) => [e.depth, e.document.symbol])).toEqual([[1, '02-NQ/TW']]);
    expect(cascade.down.map((e: { depth: number; document: { symbol: string } }) => [e.depth, e.document.symbol])).toEqual([
      [1, '12/KH-CĐP'],
    ]);

    // From the commune: up through 61-KH/TU to 02-NQ/TW; documents above its unit are shown but not opened.
    const fromCommune = (await s.commune.get(`/api/documents/${communePlan.body.document.id}/cascade`)).body;
    const up = fromCommune.up.map((e: { depth: number; parentKey: string | null; document: { symbol: string; isInScope: boolean } }) => [
      e.depth,
      e.parentKey === null,
      e.document.symbol,
      e.document.isInScope,
    ]);
    expect(up).toEqual([
      [1, true, '61-KH/TU', false],
      [1, true, '02-NQ/TW', false],
      [2, false, '02-NQ/TW', false],
    ]);
    expect((await s.commune.get(`/api/documents/${planId}`)).status).toBe(404);

    // By hand: the commune's plan also implements the province programme.
    const linked = await s.commune.send('POST', `/api/documents/${communePlan.body.document.id}/links`, { linkedDocumentId: programme.id });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(
      linked.body.up.filter((e: { depth: number }) => e.depth === 1).map((e: { document: { symbol: string } }) => e.document.symbol),
    ).toContain('05/CTr-LĐLĐ');
    const down = (await s.province.get(`/api/documents/${programme.id}/cascade`)).body.down;
    expect(down.map((e: { document: { symbol: string } }) => e.document.symbol)).toEqual(['12/KH-CĐP']);
    const manual = linked.body.references.find((l: { source: string }) => l.source === 'manual');
    const unlinked = await s.commune.send('DELETE', `/api/documents/${communePlan.body.document.id}/links/${manual.id}`);
    expect(unlinked.status).toBe(200);
    expect((await s.province.get(`/api/documents/${programme.id}/cascade`)).body.down).toEqual([]);
  });

  it('keeps documents inside the caller’s subtree: a sibling commune sees, opens and changes nothing', async () => {
    const communeDoc = (await s.commune.get('/api/documents/search')).body.items[0];
    expect(communeDoc.symbol).toBe('12/KH-CĐP');
    expect((await sibling.get('/api/documents/search')).body.items).toEqual([]);
    expect((await sibling.get(`/api/documents/search?unitId=${s.p01}`)).status).toBe(404);
    for (const url of [
      `/api/documents/${communeDoc.id}`,
      `/api/documents/${communeDoc.id}/review`,
      `/api/documents/${communeDoc.id}/file`,
      `/api/documents/${communeDoc.id}/cascade`,
    ]) {
      const r = await sibling.get(url);
      expect(r.status, url).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain('Tân Ninh');
    }
    expect((await sibling.send('DELETE', `/api/documents/${communeDoc.id}`)).status).toBe(404);
    const foreignUpload = await upload(sibling, s.p01, 'x.txt', Buffer.from(COMMUNE_PLAN.replace('12/KH', '13/KH')));
    expect(foreignUpload.status).toBe(404);
    // Above one's own unit: searchable as what one implements, not as one's own documents.
    const above = (await sibling.get('/api/documents/search?includeAbove=true&q=05')).body.items;
    expect(above.map((d: { symbol: string; isInScope: boolean }) => [d.symbol, d.isInScope])).toEqual([['05/CTr-LĐLĐ', false]]);
    // A commune cannot confirm a target measured over a unit outside its subtree.
    const review = (await s.commune.get(`/api/documents/${communeDoc.id}/review`)).body;
    const p = review.proposals[0] as Proposal;
    const outside = await s.commune.send('PUT', `/api/documents/${communeDoc.id}/review`, {
      metadata: { kind: 'plan', title: review.document.title },
      confirm: true,
      targets: [
        {
          key: p.key,
          decision: 'confirm',
          indicatorCode: 'members',
          comparator: p.comparator,
          value: p.value,
          annual: false,
          deadlineYear: 2025,
          unitId: s.tni,
        },
      ],
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toMatch(/không tìm thấy đơn vị thực hiện trong phạm vi của bạn/);
    const discarded = await s.commune.send('DELETE', `/api/documents/${communeDoc.id}`);
    expect(discarded.status).toBe(200);
    expect((await s.commune.get(`/api/documents/${communeDoc.id}`)).status).toBe(404);
  });
});
