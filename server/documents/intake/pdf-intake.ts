// PDFs with a text layer, through pdfjs-dist (legacy build for Node). Lines are rebuilt from
// the positioned text items; wrapped lines of one paragraph are joined again so that the text
// reads like the .docx it came from. Bounded: page cap and a time budget.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { IntakeError } from './intake-error.ts';

export interface PdfLimits {
  maxPages: number;
  timeBudgetMs: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxPages: 200, timeBudgetMs: 8000 };

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  page: number;
}

const CHILD = fileURLToPath(new URL('./pdf-text.child.mjs', import.meta.url));

interface ChildResult {
  error?: 'ENCRYPTED_PDF' | 'CORRUPT_FILE' | 'TOO_MANY_PAGES';
  pages?: Item[][] | number;
  maxRssMb: number;
}

/** Peak memory of the last pdfjs child, for the hostile-file tests. */
export let lastPdfChildRssMb = 0;

export async function readPdf(
  buf: Uint8Array,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<{ text: string; pages: number; warnings: string[] }> {
  const result = await runChild(buf, limits);
  lastPdfChildRssMb = result.maxRssMb;
  if (result.error === 'ENCRYPTED_PDF')
    throw new IntakeError('ENCRYPTED_PDF', 'Tệp PDF được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.');
  if (result.error === 'TOO_MANY_PAGES') {
    throw new IntakeError(
      'TOO_MANY_PAGES',
      `Tệp PDF có ${String(result.pages)} trang, vượt giới hạn ${limits.maxPages} trang cho một văn bản kế hoạch.`,
    );
  }
  if (result.error || !Array.isArray(result.pages)) throw new IntakeError('CORRUPT_FILE', 'Tệp PDF bị hỏng hoặc không đúng định dạng PDF.');
  const lines = result.pages.flatMap((items, i) => toLines(items, i + 1));
  const pages = result.pages.length;
  const chars = lines.reduce((sum, l) => sum + l.text.replace(/\s/g, '').length, 0);
  if (chars < 20 * pages) {
    throw new IntakeError(
      'SCANNED_PDF',
      'PDF không có lớp văn bản (bản scan): không đọc được chữ. Hãy dùng tệp .docx hoặc PDF xuất trực tiếp từ Word, hoặc nhận dạng chữ (OCR) trước.',
    );
  }
  return { text: reflow(lines), pages, warnings: [] };
}

/**
 * Opens a PDF only to count its pages (a file kept as it is, e.g. task evidence): refused when
 * encrypted, unreadable or over `limits.maxPages`, with the same errors as readPdf.
 */
export async function countPdfPages(buf: Uint8Array, limits: PdfLimits): Promise<number> {
  const result = await runChild(buf, limits, 'count');
  if (result.error === 'ENCRYPTED_PDF')
    throw new IntakeError('ENCRYPTED_PDF', 'Tệp PDF được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.');
  if (result.error === 'TOO_MANY_PAGES')
    throw new IntakeError('TOO_MANY_PAGES', `Tệp PDF có ${String(result.pages)} trang, vượt giới hạn ${limits.maxPages} trang.`);
  if (result.error || typeof result.pages !== 'number')
    throw new IntakeError('CORRUPT_FILE', 'Tệp PDF bị hỏng hoặc không đúng định dạng PDF.');
  return result.pages;
}

function runChild(buf: Uint8Array, limits: PdfLimits, mode: 'text' | 'count' = 'text'): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=256', CHILD, String(limits.maxPages), mode], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new IntakeError('TIMEOUT', `Đọc tệp PDF quá ${Math.round(limits.timeBudgetMs / 1000)} giây; tệp quá lớn hoặc quá phức tạp.`));
    }, limits.timeBudgetMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      stdout += d;
    });
    child.on('error', (cause) => {
      clearTimeout(timer);
      reject(new IntakeError('CORRUPT_FILE', 'Không khởi chạy được bộ đọc PDF.', { cause }));
    });
    child.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout) as ChildResult);
      } catch (cause) {
        // Killed by the memory cap or crashed on a malformed file.
        reject(new IntakeError('CORRUPT_FILE', 'Tệp PDF bị hỏng hoặc quá phức tạp để đọc.', { cause }));
      }
    });
    child.stdin.on('error', () => {
      /* the child may exit before reading everything */
    });
    child.stdin.end(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
  });
}

/** Groups items sharing a baseline into lines, left to right, inserting spaces at gaps. */
function toLines(items: Item[], page: number): Line[] {
  const sorted = [...items].sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: Item[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    const ref = g?.[0];
    if (g && ref && Math.abs(ref.y - it.y) < Math.max(ref.size, it.size) * 0.5) g.push(it);
    else groups.push([it]);
  }
  const lines: Line[] = [];
  for (const g of groups) {
    g.sort((p, q) => p.x - q.x);
    let text = '';
    let right = -Infinity;
    for (const it of g) {
      const gap = it.x - right;
      // A lone diacritic positioned over the previous letter must not be separated from it.
      const isMark = /^[\u0300-\u036f\u02c0-\u02ff\u00b4]+$/.test(it.str.normalize('NFD'));
      if (text && !isMark && gap > it.size * 0.2 && !/\s$/.test(text) && !/^\s/.test(it.str)) text += ' ';
      text += it.str;
      right = Math.max(right, it.x + it.width);
    }
    const first = g[0] as Item;
    const trimmed = text.replace(/\s+$/, '');
    if (trimmed === '' || /^\s*\d{1,3}\s*$/.test(trimmed)) continue; // page numbers
    lines.push({ text: trimmed, x: first.x, right, y: first.y, size: Math.max(...g.map((i) => i.size)), page });
  }
  return lines;
}

const MARKER = /^\s*(?:[-–—•+*]|\d{1,2}(?:\.\d{1,2})*[.)]|[IVX]{1,4}[.)]|[a-zđ]\))\s/u;

/**
 * Joins a line to the previous one when the previous line runs to the right margin (it was
 * wrapped), the new line is not a list item, and the vertical gap is an ordinary line gap
 * (paragraph spacing, when the document has it, is larger).
 */
function reflow(lines: Line[]): string {
  const rightMargin = new Map<number, number>();
  for (const l of lines) rightMargin.set(l.page, Math.max(rightMargin.get(l.page) ?? 0, l.right));
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1] as Line,
      b = lines[i] as Line;
    if (a.page === b.page && a.y > b.y) gaps.push(a.y - b.y);
  }
  gaps.sort((a, b) => a - b);
  const lineGap = gaps[Math.floor(gaps.length / 4)] ?? 14;
  let out = '';
  let prev: Line | null = null;
  for (const line of lines) {
    if (!prev) {
      out = line.text;
    } else {
      const margin = rightMargin.get(prev.page) ?? prev.right;
      const full = prev.right >= margin - prev.size * 2.5;
      const gap = prev.page === line.page ? prev.y - line.y : lineGap;
      const paragraphBreak = gap > lineGap * 1.3;
      const sameParagraph = full && !paragraphBreak && !MARKER.test(line.text) && !/:$/.test(prev.text);
      out += sameParagraph ? ` ${line.text.trimStart()}` : `\n${paragraphBreak ? '\n' : ''}${line.text}`;
    }
    prev = line;
  }
  return out + '\n';
}
