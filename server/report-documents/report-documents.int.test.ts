import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIndicatorValue, formatShare } from '../../app/scenes/dashboard/target-format.ts';
import { DEMO_TODAY } from '../../domain/demo/demo-registries.ts';
import { createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';
import { docxToPdf } from '../documents/intake/intake-test-fixtures.ts';
import { findEntry, readEntryText, readZipDirectory } from '../tabular/zip-file-reader.ts';

const run = promisify(execFile);
const D = DEMO_TODAY; // 2026-11-15: the demo's registries are dated up to this day
const SIGNER = 'Nguyễn Thị Hồng';

interface Item {
  targetId: number;
  subject: string;
  indicator: { code: string; name: string; unit: string };
  value: number | null;
  progress: { statusLabel: string; shareAchieved: number | null };
}

/** The text LibreOffice laid out, page by page, with every run of white space made one space. */
async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number[][] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
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
async function xlsxToCsv(xlsx: Buffer): Promise<Record<string, string[][]>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-report-csv-'));
  try {
    await fs.writeFile(path.join(dir, 'bao-cao.xlsx'), xlsx);
    // Token 9 false: values as stored; token 12 -1: every sheet to its own file "bao-cao-<sheet>.csv".
    await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', path.join(dir, 'out'), path.join(dir, 'bao-cao.xlsx')], { timeout: 120_000 });
    const sheets: Record<string, string[][]> = {};
    for (const file of await fs.readdir(path.join(dir, 'out'))) {
      const sheet = file.normalize('NFC').replace(/^bao-cao-/, '').replace(/\.csv$/, '');
      sheets[sheet] = parseCsv(await fs.readFile(path.join(dir, 'out', file), 'utf8'));
    }
    return sheets;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** "52600" → 52600; "85.5%" → 85.5 (percent cells keep their % as LibreOffice writes them). */
const csvNumber = (s: string) => (s === '' ? null : Number(s.replace('%', '')));

async function docxPart(docx: Buffer, name: string): Promise<string> {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-docx-')), 'bao-cao.docx');
  await fs.writeFile(file, docx);
  try {
    const entry = findEntry(await readZipDirectory(file), name);
    if (!entry) throw new Error(`no ${name} in the DOCX`);
    return await readEntryText(file, entry, 20 * 1024 * 1024, name);
  } finally {
    await fs.rm(path.dirname(file), { recursive: true, force: true });
  }
}

describe.each(testDatabaseTargets())('report documents drafted from live data ($kind)', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let staff: Session;
  let tni: number;
  let p01: number;
  let documentId: number;

  beforeAll(async () => {
    database = await target.open();
    t = await createTestApp(database, `report-documents-${target.kind}`, { demoRegistries: true });
    staff = await t.login('canbo.tinh');
    tni = await t.unitId('TNI');
    p01 = await t.unitId('TNI-P01');
    const doc = await staff.send('POST', '/api/documents', {
      kind: 'chuong_trinh_hanh_dong', symbol: '05/CTr-LĐLĐ', title: 'Chương trình hành động thực hiện Nghị quyết Đại hội XI Công đoàn Việt Nam',
      issuerUnitId: tni, issuedOn: '2024-01-18', termFrom: 2023, termTo: 2028,
    });
    expect(doc.status, JSON.stringify(doc.body)).toBe(200);
    documentId = doc.body.id;
    const targets = [
      { indicatorCode: 'members', comparator: '>', value: 140000, deadlineYear: 2028, subject: 'đoàn viên công đoàn' },
      { indicatorCode: 'employers_with_cdcs_share', comparator: '=', value: 100, deadlineYear: 2028, minWorkers: 25, subject: 'doanh nghiệp có từ 25 lao động trở lên thành lập công đoàn cơ sở' },
      { indicatorCode: 'agreements_share', comparator: '>=', value: 85, deadlineYear: 2028, subject: 'công đoàn cơ sở có thỏa ước lao động tập thể' },
      { indicatorCode: 'dissemination_share', comparator: '>', value: 90, annual: true, subject: 'đoàn viên, người lao động được tuyên truyền, phổ biến' },
    ];
    for (const body of targets) {
      const r = await staff.send('POST', '/api/targets', { documentId, unitId: tni, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    // Two communes have reported (and been accepted): the reported share is theirs, summed.
    for (const [code, element, value] of [['TNI-P01', 'dissemination_reached', 900], ['TNI-P01', 'dissemination_base', 1000], ['TNI-P02', 'dissemination_reached', 700], ['TNI-P02', 'dissemination_base', 2000]] as const) {
      await database.db.insertInto('reported_value').values({ unit_id: await t.unitId(code), element_code: element, period_code: '2026', period_start: '2026-01-01', period_end: '2026-12-31', value, state: 'accepted' }).execute();
    }
  }, 300_000);

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  async function download(unitId: number, format: 'docx' | 'xlsx', period = '2026') {
    const response = await t.app.inject({
      method: 'GET', url: `/api/report-documents?unitId=${unitId}&documentId=${documentId}&period=${period}&format=${format}&date=${D}&signerName=${encodeURIComponent(SIGNER)}`,
      headers: { cookie: `tiendo_session=${staff.cookie}` },
    });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    return { body: response.rawPayload, disposition: String(response.headers['content-disposition']), type: String(response.headers['content-type']) };
  }

  it('puts the dashboard’s own figures in the report, for the province and for a commune', async () => {
    for (const unitId of [tni, p01]) {
      const dashboard = (await staff.get(`/api/progress?unitId=${unitId}&asOf=${D}&documentId=${documentId}`)).body.items as Item[];
      expect(dashboard.length).toBeGreaterThanOrEqual(unitId === tni ? 4 : 3); // the commune gets the province's shares, not its count
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

  it('breaks each target down by the units below, with the figures of the dashboard’s breakdown', async () => {
    const dashboard = (await staff.get(`/api/progress?unitId=${tni}&asOf=${D}&documentId=${documentId}`)).body.items as Item[];
    const agreements = dashboard.find((i) => i.indicator.code === 'agreements_share')!;
    const breakdown = (await staff.get(`/api/targets/${agreements.targetId}/breakdown?unitId=${tni}&asOf=${D}`)).body.items as { unit: { name: string }; value: number | null }[];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(tni, 'xlsx')).body as never);
    const no = dashboard.indexOf(agreements) + 1;
    const rows = (book.getWorksheet('Theo đơn vị')!.getSheetValues().slice(4) as unknown[][]).filter((r) => String(r[2]).startsWith(`${no}. `));
    expect(rows).toHaveLength(breakdown.length);
    for (const child of breakdown) {
      const row = rows.find((r) => r[3] === child.unit.name)!;
      expect(row[4] ?? null, child.unit.name).toBe(child.value === null ? null : child.value / 100);
    }
  });

  it('writes a DOCX that LibreOffice lays out on A4 with the official header, title, every target row and the signer', async () => {
    const file = await download(tni, 'docx');
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
      'TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM', 'LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH', 'Số: /BC-LĐLĐ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Tây Ninh, ngày 15 tháng 11 năm 2026',
      'BÁO CÁO Kết quả thực hiện Chương trình hành động số 05/CTr-LĐLĐ (năm 2026)',
      'Thực hiện Chương trình hành động số 05/CTr-LĐLĐ ngày 18 tháng 01 năm 2024',
      'STT Chỉ tiêu Kế hoạch Thực hiện Tỷ lệ đạt Đánh giá',
      // "Nơi nhận" and the signer sit side by side, so LibreOffice interleaves their lines.
      'Nơi nhận:', '- Tổng Liên đoàn Lao động Việt Nam (để báo cáo);', '- Các đơn vị trực thuộc;', '- Lưu: VT.',
      'TM. BAN THƯỜNG VỤ', `CHỦ TỊCH ${SIGNER}`,
    ]) expect(text).toContain(line);
    const dashboard = (await staff.get(`/api/progress?unitId=${tni}&asOf=${D}&documentId=${documentId}`)).body.items as Item[];
    const members = dashboard.find((i) => i.indicator.code === 'members')!;
    // A whole row, cell after cell, as laid out: the count with dots for thousands, the share with a comma.
    expect(text).toContain(`Đoàn viên công đoàn Trên 140.000 (đến năm 2028) ${formatIndicatorValue(members.value, 'count')} ${formatShare(members.progress.shareAchieved)} ${members.progress.statusLabel}`);
    dashboard.forEach((item, i) => {
      const label = item.subject.charAt(0).toLocaleUpperCase('vi-VN') + item.subject.slice(1);
      expect(text).toContain(`${i + 1} ${label}`);
      expect(text).toContain(`${formatIndicatorValue(item.value, item.indicator.unit)} ${formatShare(item.progress.shareAchieved)} ${item.progress.statusLabel}`.replace(/\s+/g, ' ').trim());
    });
    expect(text).toMatch(/\[Ưu điểm, kết quả nổi bật: …\]/); // the staff's own assessment, marked
  }, 120_000);

  it('writes an XLSX that LibreOffice Calc opens, one sheet per table, with the same figures', async () => {
    const sheets = await xlsxToCsv((await download(p01, 'xlsx', '2026-H2')).body);
    expect(Object.keys(sheets).sort()).toEqual(['Chỉ tiêu', 'Nhiệm vụ', 'Theo đơn vị', 'Tình hình báo cáo']);
    const dashboard = (await staff.get(`/api/progress?unitId=${p01}&asOf=${D}&documentId=${documentId}`)).body.items as Item[];
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
    const board = (await staff.get(`/api/reports/completeness?unitId=${p01}&templateCode=cdcs-6-thang&periodCode=2026-H2`)).body;
    const completeness = sheets['Tình hình báo cáo']!;
    expect(completeness[3]!.slice(0, 8)).toEqual([board.template.name, ...[board.total.expected, board.total.submitted, board.total.onTime, board.total.late, board.total.accepted, board.total.returned, board.total.missing].map(String)]);
  }, 120_000);

  it('answers unknown documents, periods and other branches with one Vietnamese sentence', async () => {
    const ask = async (query: string, session = staff) => session.get(`/api/report-documents?${query}`);
    const missing = await ask(`unitId=${tni}&documentId=999999&period=2026&format=docx`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'DOCUMENT_NOT_FOUND', message: 'Không tìm thấy văn bản (chương trình, kế hoạch) áp dụng cho đơn vị này.' });
    const badPeriod = await ask(`unitId=${tni}&documentId=${documentId}&period=2026-13&format=docx`);
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.error.code).toBe('PERIOD_INVALID');
    expect(badPeriod.body.error.message).toContain('Kỳ báo cáo "2026-13" không hợp lệ');
    const quarter = await ask(`unitId=${tni}&documentId=${documentId}&period=2026-Q3&format=xlsx`);
    expect(quarter.body.error.message).toBe('Báo cáo kết quả được lập theo 6 tháng hoặc theo năm, không theo kỳ "2026-Q3". Dùng dạng 2026, 2026-H1 hoặc 2026-H2.');
    const future = await ask(`unitId=${tni}&documentId=${documentId}&period=2027&format=docx&date=${D}`);
    expect(future.body.error).toMatchObject({ code: 'PERIOD_NOT_STARTED', message: 'Kỳ năm 2027 bắt đầu từ 01/01/2027, chưa thể lập báo cáo vào ngày 15/11/2026.' });
    // A commune's own plan does not apply to its sibling; the sibling's staff cannot even ask about it.
    const planP01 = await staff.send('POST', '/api/documents', { kind: 'ke_hoach', title: 'Kế hoạch của phường Tân Ninh', issuerUnitId: p01, issuedOn: '2026-01-10', termFrom: 2026, termTo: 2026 });
    const p02 = await t.unitId('TNI-P02');
    expect((await ask(`unitId=${p02}&documentId=${planP01.body.id}&period=2026&format=docx`)).body.error.code).toBe('DOCUMENT_NOT_FOUND');
    const commune = await t.login('canbo.tanninh');
    expect((await ask(`unitId=${tni}&documentId=${documentId}&period=2026&format=docx`, commune)).status).toBe(404);
  });
});
