import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatIndicatorValue, formatShare } from '../../app/scenes/dashboard/target-format.ts';
import { DEMO_TODAY } from '../../domain/demo/demo-registries.ts';
import { confirmTimedTargets, createDocument, createTarget, typedProgramme05 } from '../../test/support/document-fixtures.ts';
import { convertWithLibreOffice } from '../../test/support/libre-office.ts';
import { docxPart, downloadReportDocument, openPdf } from '../../test/support/report-document-files.ts';
import { insertAcceptedFigures2026 } from '../../test/support/report-fixtures.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { buildPdf, docxToPdf } from '../documents/intake/intake-test-fixtures.ts';
import { useSessions } from '../http/session-test-fixtures.ts';

const D = DEMO_TODAY; // 2026-11-15: the demo's registries are dated up to this day
const SIGNER = 'Nguyễn Thị Hồng';
/** Seed 000: the action programme 05/CTr-LĐLĐ, 16 targets and 42 tasks. */
const TEXT_000 = readFileSync(new URL('../../../shared/documents/000_695bf227987f6204.txt', import.meta.url), 'utf8');
const EVIDENCE = 'Biên bản hội nghị quán triệt Chương trình hành động của Liên đoàn Lao động tỉnh.pdf';

interface ReviewItem {
  index: number;
  text: string;
  section: string;
  lead: string | null;
  start: number;
}
const folded = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

interface Item {
  targetId: number;
  subject: string;
  indicator: { code: string; name: string; unit: string };
  value: number | null;
  progress: { statusLabel: string; shareAchieved: number | null };
}

/** The text LibreOffice laid out, page by page, with every run of white space made one space. */
async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number[][] }> {
  const doc = await openPdf(pdf);
  const parts: string[] = [];
  const pages: number[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    pages.push(page.view);
    const content = await page.getTextContent();
    parts.push(content.items.map((x) => ('str' in x ? `${x.str}${x.hasEOL ? '\n' : ' '}` : '')).join(''));
  }
  await doc.destroy();
  return { text: parts.join('\n').replace(/\s+/g, ' '), pages };
}

/** Every sheet of the workbook as CSV, written by LibreOffice Calc (figures as stored, not as shown). */
function xlsxToCsv(xlsx: Buffer): Promise<Record<string, string[][]>> {
  // Token 9 false: values as stored; token 12 -1: every sheet to its own file "bao-cao-<sheet>.csv".
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
  return convertWithLibreOffice({ name: 'bao-cao.xlsx', content: xlsx }, filter, async (out) => {
    // soffice without Calc says "source file could not be loaded" and still exits 0.
    const files = await fs.readdir(out).catch(() => {
      throw new Error('LibreOffice Calc is required to read the XLSX back: apt-get install -y libreoffice-calc-nogui');
    });
    const sheets: Record<string, string[][]> = {};
    for (const file of files) {
      const sheet = file
        .normalize('NFC')
        .replace(/^bao-cao-/, '')
        .replace(/\.csv$/, '');
      sheets[sheet] = parseCsv(await fs.readFile(path.join(out, file), 'utf8'));
    }
    return sheets;
  });
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** "52600" → 52600; "85.5%" → 85.5 (percent cells keep their % as LibreOffice writes them). */
const csvNumber = (s: string) => (s === '' ? null : Number(s.replace('%', '')));

/** The DOCX as LibreOffice Writer exports it to text: a line per paragraph, a table cell's paragraph on a line of its own. */
function docxLines(docx: Buffer): Promise<string[]> {
  return convertWithLibreOffice({ name: 'bao-cao.docx', content: docx }, 'txt:Text (encoded):UTF8', async (out) =>
    (await fs.readFile(path.join(out, 'bao-cao.txt'), 'utf8'))
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((l) => l.normalize('NFC').trim()),
  );
}

describe.each(testDatabaseTargets())('report documents drafted from live data ($kind)', (target) => {
  const { database, t } = useTestApp(target, `report-documents-${target.kind}`, { demoRegistries: true });
  const s = useSessions(t, { staff: 'canbo.tinh' }, { tni: 'TNI', p01: 'TNI-P01' });
  let documentId: number;

  beforeAll(async () => {
    documentId = await createDocument(s.staff, typedProgramme05(s.tni));
    const targets = [
      { indicatorCode: 'members', comparator: '>', value: 140000, deadlineYear: 2028, subject: 'đoàn viên công đoàn' },
      {
        indicatorCode: 'employers_with_cdcs_share',
        comparator: '=',
        value: 100,
        deadlineYear: 2028,
        minWorkers: 25,
        subject: 'doanh nghiệp có từ 25 lao động trở lên thành lập công đoàn cơ sở',
      },
      {
        indicatorCode: 'agreements_share',
        comparator: '>=',
        value: 85,
        deadlineYear: 2028,
        subject: 'công đoàn cơ sở có thỏa ước lao động tập thể',
      },
      {
        indicatorCode: 'dissemination_share',
        comparator: '>',
        value: 90,
        annual: true,
        subject: 'đoàn viên, người lao động được tuyên truyền, phổ biến',
      },
    ];
    for (const body of targets) await createTarget(s.staff, { documentId, unitId: s.tni, ...body });
    // Two communes have reported (and been accepted): the reported share is theirs, summed.
    await insertAcceptedFigures2026(t, database, [
      ['TNI-P01', 'dissemination_reached', 900],
      ['TNI-P01', 'dissemination_base', 1000],
      ['TNI-P02', 'dissemination_reached', 700],
      ['TNI-P02', 'dissemination_base', 2000],
    ] as const);
  }, 300_000);

  const download = (unitId: number, format: 'docx' | 'xlsx', period = '2026', document = documentId) =>
    downloadReportDocument(t, s.staff, { unitId, documentId: document, period, format, date: D, signerName: SIGNER });

  it('puts the dashboard’s own figures in the report, for the province and for a commune', async () => {
    for (const unitId of [s.tni, s.p01]) {
      const dashboard = (await s.staff.get(`/api/progress?unitId=${unitId}&asOf=${D}&documentId=${documentId}`)).body.items as Item[];
      expect(dashboard.length).toBeGreaterThanOrEqual(unitId === s.tni ? 4 : 3); // the commune gets the province's shares, not its count
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await download(unitId, 'xlsx')).body as never);
      const rows = book.getWorksheet('Chỉ tiêu')!.getSheetValues().slice(4) as unknown[][];
      expect(rows).toHaveLength(dashboard.length);
      const docText = (await docxPart((await download(unitId, 'docx')).body, 'word/document.xml')).replace(/<[^>]+>/g, '');
      dashboard.forEach((item, i) => {
        const row = rows[i]!;
        const asStored = item.indicator.unit === 'percent' && item.value !== null ? item.value / 100 : item.value;
        expect(row[4] ?? null, item.indicator.code).toBe(asStored);
        expect(row[5] ?? null).toBe(item.progress.shareAchieved === null ? null : item.progress.shareAchieved / 100);
        expect(row[6]).toBe(item.progress.statusLabel);
        // In the Word document, written exactly as the dashboard's cards write them.
        if (item.value !== null) expect(docText).toContain(formatIndicatorValue(item.value, item.indicator.unit));
        if (item.progress.shareAchieved !== null) expect(docText).toContain(formatShare(item.progress.shareAchieved));
      });
    }
  });

  it('breaks each target down by the units below, with the figures and the order of the dashboard’s breakdown', async () => {
    const dashboard = (await s.staff.get(`/api/progress?unitId=${s.tni}&asOf=${D}&documentId=${documentId}`)).body.items as Item[];
    const agreements = dashboard.find((i) => i.indicator.code === 'agreements_share')!;
    const breakdown = (await s.staff.get(`/api/targets/${agreements.targetId}/breakdown?unitId=${s.tni}&asOf=${D}`)).body.items as {
      unit: { name: string };
      value: number | null;
    }[];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(s.tni, 'xlsx')).body as never);
    const no = dashboard.indexOf(agreements) + 1;
    const rows = (book.getWorksheet('Theo đơn vị')!.getSheetValues().slice(4) as unknown[][]).filter((r) =>
      String(r[2]).startsWith(`${no}. `),
    );
    expect(rows).toHaveLength(breakdown.length);
    // Lagging units first, as the children table on Tổng quan ranks them.
    expect(rows.map((r) => r[3])).toEqual(breakdown.map((c) => c.unit.name));
    for (const child of breakdown) {
      const row = rows.find((r) => r[3] === child.unit.name)!;
      expect(row[5] ?? null, child.unit.name).toBe(child.value === null ? null : child.value / 100);
    }
  });

  it('writes a DOCX that LibreOffice lays out on A4 with the official header, title, every target row and the signer', async () => {
    const file = await download(s.tni, 'docx');
    expect(file.type).toMatch(/wordprocessingml/);
    expect(file.disposition).toContain('bao-cao-TNI-2026.docx');
    const xml = await docxPart(file.body, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/); // 20, 15, 20, 30 mm
    const fonts = [...xml.matchAll(/<w:rFonts ([^>]*)\/>/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(50);
    for (const f of fonts) expect(f).toContain('w:ascii="Times New Roman"');
    const sizes = new Set([...xml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1])));
    expect([...sizes].every((s) => s >= 22 && s <= 28)).toBe(true); // 11–14 pt; body 14 pt
    expect(sizes.has(28)).toBe(true);
    expect(await docxPart(file.body, 'word/styles.xml')).toContain('Times New Roman');

    const { text, pages } = await pdfText(await docxToPdf(file.body));
    for (const view of pages) expect([Math.round(view[2]!), Math.round(view[3]!)]).toEqual([595, 842]); // A4 in points
    for (const line of [
      'TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM',
      'LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH',
      'Số: /BC-LĐLĐ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Tây Ninh, ngày 15 tháng 11 năm 2026',
      'BÁO CÁO Kết quả thực hiện Chương trình hành động số 05/CTr-LĐLĐ ngày 18/01/2024 của Liên đoàn Lao động tỉnh Tây Ninh (năm 2026)',
      'Triển khai Chương trình hành động số 05/CTr-LĐLĐ ngày 18/01/2024 của Liên đoàn Lao động tỉnh Tây Ninh thực hiện Nghị quyết Đại hội XI Công đoàn Việt Nam, Liên đoàn Lao động tỉnh Tây Ninh báo cáo kết quả năm 2026 như sau:',
      'STT Chỉ tiêu Kế hoạch Thực hiện Tỷ lệ đạt Đánh giá',
      // "Nơi nhận" and the signer sit side by side, so LibreOffice interleaves their lines.
      'Nơi nhận:',
      '- Tổng Liên đoàn Lao động Việt Nam (để báo cáo);',
      '- Các đơn vị trực thuộc;',
      '- Lưu: VT.',
      'TM. BAN THƯỜNG VỤ',
      `CHỦ TỊCH ${SIGNER}`,
    ])
      expect(text).toContain(line);
    const dashboard = (await s.staff.get(`/api/progress?unitId=${s.tni}&asOf=${D}&documentId=${documentId}`)).body.items as Item[];
    const members = dashboard.find((i) => i.indicator.code === 'members')!;
    // A whole row, cell after cell, as laid out: the count with dots for thousands, the share with a comma.
    expect(text).toContain(
      `Đoàn viên công đoàn Trên 140.000 (đến năm 2028) ${formatIndicatorValue(members.value, 'count')} ${formatShare(members.progress.shareAchieved)} ${members.progress.statusLabel}`,
    );
    dashboard.forEach((item, i) => {
      const label = item.subject.charAt(0).toLocaleUpperCase('vi-VN') + item.subject.slice(1);
      expect(text).toContain(`${i + 1} ${label}`);
      expect(text).toContain(
        `${formatIndicatorValue(item.value, item.indicator.unit)} ${formatShare(item.progress.shareAchieved)} ${item.progress.statusLabel}`
          .replace(/\s+/g, ' ')
          .trim(),
      );
    });
    expect(text).toMatch(/\[Ưu điểm, kết quả nổi bật: …\]/); // the staff's own assessment, marked
  }, 120_000);

  it('writes an XLSX that LibreOffice Calc opens, one sheet per table, with the same figures', async () => {
    const sheets = await xlsxToCsv((await download(s.p01, 'xlsx', '2026-H2')).body);
    expect(Object.keys(sheets).sort()).toEqual(['Chỉ tiêu', 'Nhiệm vụ', 'Theo đơn vị', 'Tình hình báo cáo']);
    const dashboard = (await s.staff.get(`/api/progress?unitId=${s.p01}&asOf=${D}&documentId=${documentId}`)).body.items as Item[];
    const targets = sheets['Chỉ tiêu']!;
    expect(targets[2]).toEqual(['STT', 'Chỉ tiêu', 'Kế hoạch', 'Thực hiện', 'Tỷ lệ đạt', 'Đánh giá']);
    expect(targets.slice(3).filter((r) => r.some((c) => c !== ''))).toHaveLength(dashboard.length);
    dashboard.forEach((item, i) => {
      const row = targets[3 + i]!;
      expect(row[0]).toBe(String(i + 1));
      if (item.value === null) expect(row[3]).toBe('');
      else expect(csvNumber(row[3]!)).toBeCloseTo(item.value, 6);
      if (item.progress.shareAchieved !== null) expect(csvNumber(row[4]!)).toBeCloseTo(item.progress.shareAchieved, 6);
      expect(row[5]).toBe(item.progress.statusLabel);
    });
    // The six-month reports the commune's CĐCS owe, as on the completeness board.
    const board = (await s.staff.get(`/api/reports/completeness?unitId=${s.p01}&templateCode=cdcs-6-thang&periodCode=2026-H2`)).body;
    const completeness = sheets['Tình hình báo cáo']!;
    expect(completeness[3]!.slice(0, 8)).toEqual([
      board.template.name,
      ...[
        board.total.expected,
        board.total.submitted,
        board.total.onTime,
        board.total.late,
        board.total.accepted,
        board.total.returned,
        board.total.missing,
      ].map(String),
    ]);
  }, 120_000);

  it('answers unknown documents, periods and other branches with one Vietnamese sentence', async () => {
    const ask = async (query: string, session = s.staff) => session.get(`/api/report-documents?${query}`);
    const missing = await ask(`unitId=${s.tni}&documentId=999999&period=2026&format=docx`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      code: 'DOCUMENT_NOT_FOUND',
      message: 'Không tìm thấy văn bản (chương trình, kế hoạch) áp dụng cho đơn vị này.',
    });
    const badPeriod = await ask(`unitId=${s.tni}&documentId=${documentId}&period=2026-13&format=docx`);
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.error.code).toBe('PERIOD_INVALID');
    expect(badPeriod.body.error.message).toContain('Kỳ báo cáo "2026-13" không hợp lệ');
    const quarter = await ask(`unitId=${s.tni}&documentId=${documentId}&period=2026-Q3&format=xlsx`);
    expect(quarter.body.error.message).toBe(
      'Báo cáo kết quả được lập theo 6 tháng hoặc theo năm, không theo kỳ "2026-Q3". Dùng dạng 2026, 2026-H1 hoặc 2026-H2.',
    );
    const future = await ask(`unitId=${s.tni}&documentId=${documentId}&period=2027&format=docx&date=${D}`);
    expect(future.body.error).toMatchObject({
      code: 'PERIOD_NOT_STARTED',
      message: 'Kỳ năm 2027 bắt đầu từ 01/01/2027, chưa thể lập báo cáo vào ngày 15/11/2026.',
    });
    // A commune's own plan does not apply to its sibling; the sibling's staff cannot even ask about it.
    const planP01 = await s.staff.send('POST', '/api/documents', {
      kind: 'ke_hoach',
      title: 'Kế hoạch của phường Tân Ninh',
      issuerUnitId: s.p01,
      issuedOn: '2026-01-10',
      termFrom: 2026,
      termTo: 2026,
    });
    const p02 = await t.unitId('TNI-P02');
    expect((await ask(`unitId=${p02}&documentId=${planP01.body.id}&period=2026&format=docx`)).body.error.code).toBe('DOCUMENT_NOT_FOUND');
    const commune = await t.login('canbo.tanninh');
    expect((await ask(`unitId=${s.tni}&documentId=${documentId}&period=2026&format=docx`, commune)).status).toBe(404);
  });

  describe('section IV: the tasks of seed 000’s programme, with their statuses in the year', () => {
    let programme: number;
    let briefing: ReviewItem; // given to three communes
    let longest: ReviewItem; // the programme's longest task: shortened in the report, at a word
    let longish: ReviewItem; // long enough to wrap over several lines, short enough to be whole
    /** A task's number in section IV: the report follows the programme's order. */
    const no = (item: ReviewItem) => [briefing, longest, longish].sort((a, b) => a.start - b.start).indexOf(item) + 1;
    /** The province's report, as LibreOffice reads it (converted once, read by two tests). */
    let provinceReport: Promise<Buffer> | undefined;
    const provinceDocx = () => (provinceReport ??= download(s.tni, 'docx', '2026', programme).then((f) => f.body));
    /** Section IV's table as LibreOffice's text export gives it (a line per cell), row by row. */
    async function taskRows(docx: Buffer): Promise<string[][]> {
      const lines = await docxLines(docx);
      const table = lines.slice(
        lines.indexOf('Minh chứng') + 1,
        lines.indexOf('V. ĐÁNH GIÁ CHUNG VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI'),
      );
      return Array.from({ length: table.length / 6 }, (_, i) => table.slice(6 * i, 6 * i + 6));
    }

    beforeAll(async () => {
      const communes: Session[] = [await t.login('canbo.tanninh')];
      for (const [user, code] of [
        ['canbo.p02', 'TNI-P02'],
        ['canbo.p03', 'TNI-P03'],
      ]) {
        await t.addUser(user!, code!, ['union_staff']);
        communes.push(await t.login(user!));
      }
      const [p02, p03] = [await t.unitId('TNI-P02'), await t.unitId('TNI-P03')];

      // The province uploads its programme (the same symbol as the one typed above: another document)
      // and confirms the targets the reading proposed with an indicator.
      const upload = await s.staff.upload(
        'POST',
        `/api/documents/upload?unitId=${s.tni}&acceptSameSymbol=true`,
        'CTr 05.txt',
        Buffer.from(TEXT_000),
      );
      expect(upload.status, JSON.stringify(upload.body).slice(0, 300)).toBe(200);
      programme = upload.body.document.id;
      await confirmTimedTargets(s.staff, upload.body);

      // Three of its extracted tasks are confirmed (the others dropped), with their timing.
      const items = (await s.staff.get(`/api/documents/${programme}/tasks`)).body.items as ReviewItem[];
      briefing = items.find((i) => i.section === 'organisation' && i.text.startsWith('Xây dựng Kế hoạch tổ chức triển khai học tập'))!;
      longest = items.reduce((a, b) => (b.text.length > a.text.length ? b : a));
      longish = items.find((i) => i.text.length > 400 && i.text.length < 500 && i.section === 'tasks')!;
      expect(longest.text.length).toBeGreaterThan(800);
      const tasks = await s.staff.send('POST', `/api/documents/${programme}/tasks/confirm`, {
        tasks: [
          { items: [briefing.index], title: briefing.text, timing: { kind: 'deadline', deadline: '2026-06-30' } },
          { items: [longest.index], title: longest.text, leadName: 'Ban Tuyên giáo – Nữ công', timing: { kind: 'yearly' } },
          { items: [longish.index], title: longish.text, timing: { kind: 'year', year: 2026 } },
        ],
      });
      expect(tasks.status, JSON.stringify(tasks.body)).toBe(200);
      const [briefingId, longestId] = tasks.body.created.map((c: { taskId: number }) => c.taskId);

      // The briefing goes to three communes: one completes it with a PDF as evidence, one is under way, one says nothing.
      const given = await s.staff.send('POST', `/api/tasks/${briefingId}/assignments`, { assigneeUnitIds: [s.p01, p02, p03] });
      expect(given.status, JSON.stringify(given.body)).toBe(200);
      const assignmentOf = (unitId: number) =>
        given.body.assignees.find((a: { unit: { id: number } }) => a.unit.id === unitId).assignmentId;
      const done = await communes[0]!.send('POST', `/api/task-assignments/${assignmentOf(s.p01)}/statuses`, {
        periodCode: '2026',
        status: 'done',
        comment: 'Đã tổ chức hội nghị.',
      });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      const evidence = await communes[0]!.upload(
        'POST',
        `/api/task-statuses/${done.body.statuses[0].id}/evidence`,
        EVIDENCE,
        buildPdf(1, true),
      );
      expect(evidence.status, JSON.stringify(evidence.body)).toBe(200);
      expect(
        (
          await communes[1]!.send('POST', `/api/task-assignments/${assignmentOf(p02)}/statuses`, {
            periodCode: '2026',
            status: 'in_progress',
          })
        ).status,
      ).toBe(200);
      // The province keeps the longest task and reports on it itself.
      const own = (await s.staff.get(`/api/tasks/${longestId}`)).body.viewedAs.assignment.id;
      expect(
        (await s.staff.send('POST', `/api/task-assignments/${own}/statuses`, { periodCode: '2026', status: 'in_progress' })).status,
      ).toBe(200);
    }, 120_000);

    it('lists each task with its lead, its status in the year, the share of communes done and the evidence (LibreOffice’s text)', async () => {
      const lines = await docxLines(await provinceDocx());
      expect(lines).toContain(
        'Liên đoàn Lao động tỉnh Tây Ninh theo dõi 3 nhiệm vụ của Chương trình hành động số 05/CTr-LĐLĐ trên hệ thống Tiến Độ (3 nhiệm vụ của đơn vị); kết quả thực hiện năm 2026 như sau:',
      );
      const rows = await taskRows(await provinceDocx());
      expect(rows.map((r) => r[0])).toEqual(['1', '2', '3']);
      expect(rows[no(briefing) - 1]).toEqual([
        String(no(briefing)),
        folded(briefing.text),
        'Liên đoàn Lao động tỉnh',
        '1/3 đơn vị hoàn thành, 2 quá hạn',
        '33,3%',
        '1 tệp: Biên bản hội nghị quán….pdf',
      ]);
      expect(rows[no(longish) - 1]).toEqual([String(no(longish)), folded(longish.text), '', 'Chưa có số liệu', '', 'Chưa có']);
      // The longest task is shortened to fit a table row: after a whole word, then "…".
      const [, shown, ...rest] = rows[no(longest) - 1]!;
      expect(rest).toEqual(['Ban Tuyên giáo – Nữ công', 'Đang thực hiện', '', 'Chưa có']);
      expect(shown).toMatch(/^[^…]{500,599}…$/);
      const original = folded(longest.text);
      const kept = shown!.slice(0, -1);
      expect(original.startsWith(kept)).toBe(true);
      expect(original.charAt(kept.length), 'the task goes on after a space or a punctuation mark: no word was cut').toMatch(/[\s,;:.]/);
    }, 120_000);

    it('wraps long titles in the laid-out page without breaking a word', async () => {
      const { text } = await pdfText(await docxToPdf(await provinceDocx()));
      const section = text.slice(text.indexOf('IV. VIỆC THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP'), text.indexOf('V. ĐÁNH GIÁ CHUNG'));
      const words = new Set(section.split(' '));
      // Every word of the two long titles stands whole on some line (a word broken over two lines would read as two pieces).
      for (const title of [folded(longish.text), folded(longest.text).slice(0, 500)]) {
        const broken = title
          .split(' ')
          .slice(0, -1)
          .filter((w) => !words.has(w));
        expect(broken, title.slice(0, 60)).toEqual([]);
      }
      expect(section).toContain('1/3 đơn vị hoàn thành, 2 quá hạn');
    }, 120_000);

    it('writes the same rows in the XLSX, counts and share as numbers', async () => {
      const [book, docRows] = await Promise.all([
        download(s.tni, 'xlsx', '2026', programme).then((f) => xlsxToCsv(f.body)),
        provinceDocx().then(taskRows),
      ]);
      const sheet = book['Nhiệm vụ']!;
      expect(sheet[2]).toEqual([
        'STT',
        'Nhiệm vụ, giải pháp',
        'Chủ trì',
        'Kết quả thực hiện',
        'Tỷ lệ đơn vị hoàn thành',
        'Minh chứng',
        'Đơn vị được giao',
        'Đơn vị hoàn thành',
        'Đơn vị quá hạn',
        'Số tệp minh chứng',
      ]);
      const rows = sheet.slice(3).filter((r) => r.some((c) => c !== ''));
      // Cell for cell the rows of the Word document, the share stored as a number.
      expect(rows.map((r) => [...r.slice(0, 4), r[5]])).toEqual(docRows.map((r) => [...r.slice(0, 4), r[5]]));
      const row = (item: ReviewItem) => rows[no(item) - 1]!;
      expect(csvNumber(row(briefing)[4]!)).toBeCloseTo(100 / 3, 6);
      expect(row(briefing).slice(6)).toEqual(['3', '1', '2', '1']);
      expect(row(longish).slice(4)).toEqual(['', 'Chưa có', '0', '0', '0', '0']);
    }, 120_000);

    it('gives a commune the task given to it, with its own status and evidence', async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await download(s.p01, 'xlsx', '2026', programme)).body as never);
      const rows = (book.getWorksheet('Nhiệm vụ')!.getSheetValues().slice(4) as unknown[][]).map((r) => r.slice(1));
      expect(rows).toEqual([
        [1, folded(briefing.text), 'Liên đoàn Lao động tỉnh', 'Hoàn thành', undefined, '1 tệp: Biên bản hội nghị quán….pdf', 0, 0, 0, 1],
      ]);
    });
  });
});
