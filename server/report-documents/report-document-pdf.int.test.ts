import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TODAY } from '../../domain/demo/demo-registries.ts';
import { confirmTimedTargets, createDocument } from '../../test/support/document-fixtures.ts';
import { docxPart, downloadReportDocument, openPdf } from '../../test/support/report-document-files.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { docxToPdf } from '../documents/intake/intake-test-fixtures.ts';

/** Seed 000: the action programme 05/CTr-LĐLĐ of 18/01/2024, which cites Nghị quyết 02-NQ/TW. */
const TEXT_000 = readFileSync(new URL('../../../shared/documents/000_695bf227987f6204.txt', import.meta.url), 'utf8');

const MM = 72 / 25.4;
const [MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP] = [30 * MM, 15 * MM, 20 * MM];
interface PdfLine {
  text: string;
  x: number;
  y: number;
  width: number;
}

/** Each page of the PDF as lines (items sharing a baseline joined), with where they sit on the page. */
async function pdfPages(pdf: Buffer): Promise<{ width: number; height: number; lines: PdfLine[]; text: string }[]> {
  const doc = await openPdf(pdf);
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , width, height] = page.view as number[];
    const items = (await page.getTextContent()).items.flatMap((x) =>
      'str' in x && x.str.trim() ? [{ str: x.str, x: x.transform[4] as number, y: x.transform[5] as number, w: x.width }] : [],
    );
    const byY = new Map<number, typeof items>();
    for (const item of items) {
      const y = Math.round(item.y);
      byY.set(y, [...(byY.get(y) ?? []), item]);
    }
    const lines = [...byY.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([y, row]) => {
        row.sort((a, b) => a.x - b.x);
        const x = row[0]!.x;
        const end = Math.max(...row.map((r) => r.x + r.w));
        return {
          text: row
            .map((r) => r.str)
            .join(' ')
            .normalize('NFC')
            .replace(/\s+/g, ' ')
            .trim(),
          x,
          y,
          width: end - x,
        };
      });
    pages.push({ width: width!, height: height!, lines, text: lines.map((l) => l.text).join(' ') });
  }
  await doc.destroy();
  return pages;
}

describe.each(testDatabaseTargets())('the demo province’s report on its programme, laid out by LibreOffice ($kind)', (target) => {
  const { t } = useTestApp(target, `report-document-pdf-${target.kind}`, { demoRegistries: true });
  let staff: Session;
  let tni: number;
  let programme: number;
  let targetCount = 0;

  beforeAll(async () => {
    staff = await t.login('canbo.tinh');
    tni = await t.unitId('TNI');
    // The province uploads its programme and confirms every target the reading proposed with an indicator.
    const upload = await staff.upload('POST', `/api/documents/upload?unitId=${tni}`, 'CTr 05.txt', Buffer.from(TEXT_000));
    expect(upload.status, JSON.stringify(upload.body).slice(0, 300)).toBe(200);
    programme = upload.body.document.id;
    await confirmTimedTargets(staff, upload.body);
    const progress = (await staff.get(`/api/progress?unitId=${tni}&asOf=${DEMO_TODAY}&documentId=${programme}`)).body.items as {
      targetId: number;
      indicator: { unit: string };
    }[];
    targetCount = progress.length;
    // The count targets are shared out to the communes by their members, as the province does on Giao chỉ tiêu.
    for (const item of progress.filter((i) => i.indicator.unit === 'count')) {
      const preview = (await staff.get(`/api/targets/${item.targetId}/allocation?base=members`)).body as {
        children: { unit: { id: number }; proposed: number }[];
      };
      const applied = await staff.send('PUT', `/api/targets/${item.targetId}/allocation`, {
        method: 'proportional',
        base: 'members',
        shares: preview.children.map((c) => ({ unitId: c.unit.id, value: c.proposed })),
      });
      expect(applied.status, JSON.stringify(applied.body).slice(0, 300)).toBe(200);
    }
  }, 600_000);

  const download = (documentId: number, format: 'docx' | 'xlsx') =>
    downloadReportDocument(t, staff, { unitId: tni, documentId, period: '2026', format, date: DEMO_TODAY });

  it('names the programme, numbers the pages and keeps section II to a page per target', async () => {
    const response = await download(programme, 'docx');
    // LibreOffice is required (docxToPdf throws without it): under CI a missing soffice fails the run, never skips it.
    const pages = await pdfPages(await docxToPdf(response.body));
    const all = pages.map((p) => p.text).join(' ');
    const firstSection = (heading: string) => pages.findIndex((p) => p.text.includes(heading));
    const [startII, startIII] = [firstSection('II. KẾT QUẢ THEO ĐƠN VỊ TRỰC THUỘC'), firstSection('III. TÌNH HÌNH BÁO CÁO')];
    const sectionIIPages = startIII - startII + 1;
    console.info(
      `[${target.kind}] ${targetCount} targets: ${pages.length} pages, section II on pages ${startII + 1}–${startIII + 1} (${sectionIIPages})`,
    );

    // The title and the opening name the programme by kind, number and date, as the upload recorded them.
    expect(all).toContain(
      'BÁO CÁO Kết quả thực hiện Chương trình hành động số 05/CTr-LĐLĐ ngày 18/01/2024 của Ban Chấp hành Liên đoàn Lao động tỉnh (năm 2026)',
    );
    const opening = all.slice(all.indexOf('Triển khai Chương trình hành động'), all.indexOf('như sau:') + 'như sau:'.length);
    expect(opening).toMatch(
      /^Triển khai Chương trình hành động số 05\/CTr-LĐLĐ ngày 18\/01\/2024 của Ban Chấp hành Liên đoàn Lao động tỉnh thực hiện Nghị quyết Đại hội XI Công đoàn tỉnh, .*, Liên đoàn Lao động tỉnh Tây Ninh báo cáo kết quả năm 2026 như sau:$/,
    );
    expect(opening.match(/thực hiện/g)).toHaveLength(1);
    expect(all).not.toContain('12 tháng 6 năm 2021');

    // Page numbers: none on page 1; from page 2 the page's number alone, centred in the top margin (Nghị định 30, Phụ lục I).
    expect(pages.length).toBeGreaterThan(1);
    const topLine = (p: (typeof pages)[number]) => p.lines.reduce((a, b) => (b.y > a.y ? b : a));
    expect(topLine(pages[0]!).text).not.toMatch(/^\d+$/);
    pages.forEach((p, i) => {
      if (i === 0) return;
      const top = topLine(p);
      expect(top.text, `page ${i + 1}`).toBe(String(i + 1));
      // Centred between the 30 mm left and 15 mm right margins (in points).
      expect(Math.abs(top.x + top.width / 2 - (MARGIN_LEFT + p.width - MARGIN_RIGHT) / 2), `page ${i + 1} centred`).toBeLessThan(10);
      expect(top.y, `page ${i + 1} in the top margin`).toBeGreaterThan(p.height - MARGIN_TOP);
    });

    // Section II: at most a page per target, with no "Chiếm < 0,1% tổng số".
    expect(startII).toBeGreaterThan(0);
    expect(sectionIIPages).toBeLessThanOrEqual(targetCount);
    const sectionII = all.slice(all.indexOf('II. KẾT QUẢ THEO ĐƠN VỊ TRỰC THUỘC'), all.indexOf('III. TÌNH HÌNH BÁO CÁO'));
    expect(sectionII).not.toMatch(/Chiếm|tổng số/);
    expect(sectionII).toContain('Chỉ tiêu đã giao cho');
    expect(sectionII).toContain('danh sách đầy đủ ở trang “Theo đơn vị” của tệp Excel kèm báo cáo');

    // The target rows say what the programme says, without a subject cut inside a word.
    for (const whole of [
      'khi đoàn viên có yêu cầu',
      'quy chế dân chủ ở cơ sở',
      'Điều lệ Công đoàn Việt Nam',
      'liên quan đến lao động và công đoàn',
    ]) {
      expect(all.replace(/\s+/g, ' '), whole).toContain(whole);
    }
  }, 300_000);

  it('leaves a highlighted blank for a number it does not know and a date that is the cited resolution’s', async () => {
    // The draft: typed without its number, with the date of the resolution its title cites.
    const typed = await createDocument(staff, {
      kind: 'chuong_trinh',
      symbol: null,
      title: 'Chương trình thực hiện Nghị quyết số 02-NQ/TW, ngày 12/6/2021 của Bộ Chính trị',
      issuerUnitId: tni,
      issuedOn: '2021-06-12',
      termFrom: 2021,
      termTo: 2026,
    });
    const response = await download(typed, 'docx');
    const all = (await pdfPages(await docxToPdf(response.body))).map((p) => p.text).join(' ');
    expect(all).toContain('BÁO CÁO Kết quả thực hiện Chương trình số [……] ngày [……] của Liên đoàn Lao động tỉnh Tây Ninh (năm 2026)');
    expect(all).toContain(
      'Triển khai Chương trình số [……] ngày [……] của Liên đoàn Lao động tỉnh Tây Ninh thực hiện Nghị quyết số 02-NQ/TW, ngày 12/6/2021 của Bộ Chính trị, Liên đoàn Lao động tỉnh Tây Ninh báo cáo kết quả năm 2026 như sau:',
    );
    // Each blank is a yellow run in Word, so none reaches the signer unnoticed.
    const xml = await docxPart(response.body, 'word/document.xml');
    const blanks = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*?<w:t[^>]*>\[……\]<\/w:t><\/w:r>/gs)].map((m) => m[0]);
    expect(blanks.length).toBeGreaterThanOrEqual(4); // number and date, in the title and in the opening
    for (const run of blanks) expect(run).toContain('<w:highlight w:val="yellow"/>');
  }, 300_000);

  it('keeps every unit of every target in the XLSX, ranked as in the document', async () => {
    const response = await download(programme, 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.body as never);
    const sheet = book.getWorksheet('Theo đơn vị')!;
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      'STT',
      'Chỉ tiêu',
      'Đơn vị',
      'Chỉ tiêu được giao',
      'Thực hiện',
      'Tỷ lệ đạt',
      'Đánh giá',
    ]);
    const rows = (sheet.getSheetValues().slice(4) as unknown[][]).filter(Boolean);
    const children = (await staff.get(`/api/org/units/${tni}/children`)).body;
    const count = Array.isArray(children) ? children.length : children.items.length;
    expect(rows).toHaveLength(targetCount * count);
    // The members target: every commune with its allocation, lagging first.
    const members = rows.filter((r) => String(r[2]).startsWith('1. '));
    expect(members).toHaveLength(count);
    expect(members.every((r) => typeof r[4] === 'number')).toBe(true);
    expect(members.map((r) => r[1])).toEqual(members.map((_, i) => i + 1));
  }, 120_000);
});
