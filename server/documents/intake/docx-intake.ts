// Word .docx files through mammoth. Before mammoth (JSZip) unpacks anything, the declared sizes
// in the ZIP central directory are checked, and the XML parts are inflated with a hard output
// cap, so a zip bomb is refused in milliseconds without allocating its payload.
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { IntakeError } from './intake-error.ts';
import { isZip64Size, readZipEntries, type ZipEntry } from '../../files/zip-central-directory.ts';

export interface DocxLimits {
  /** Total declared uncompressed size of the archive. */
  maxUncompressedBytes: number;
  /** Declared uncompressed size of one entry. */
  maxEntryBytes: number;
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = {
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxEntryBytes: 50 * 1024 * 1024,
};

export async function readDocx(buf: Buffer, limits: DocxLimits = DEFAULT_DOCX_LIMITS): Promise<{ text: string; warnings: string[] }> {
  const entries = readZipEntries(buf);
  if (!entries) throw corrupt();
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new IntakeError('CORRUPT_FILE', 'Tệp .docx không có nội dung văn bản Word (thiếu word/document.xml); tệp có thể bị hỏng.');
  }
  checkDeclaredSizes(entries, limits);
  verifyXmlParts(buf, entries, limits);
  let html: string;
  const warnings: string[] = [];
  try {
    const result = await mammoth.convertToHtml(
      { buffer: buf },
      { ignoreEmptyParagraphs: true, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
    if (result.messages.some((m) => m.type === 'error'))
      warnings.push('Một số phần của tệp Word không đọc được; hãy kiểm tra lại nội dung trích xuất.');
  } catch (cause) {
    throw new IntakeError('CORRUPT_FILE', 'Không đọc được tệp .docx: tệp bị hỏng hoặc không đúng định dạng Word.', { cause });
  }
  return { text: htmlToText(html), warnings };
}

function corrupt(): IntakeError {
  return new IntakeError('CORRUPT_FILE', 'Tệp .docx bị hỏng hoặc không phải định dạng Word (.docx).');
}

function checkDeclaredSizes(entries: readonly ZipEntry[], limits: DocxLimits): void {
  let total = 0;
  for (const e of entries) {
    if (isZip64Size(e.uncompressedSize) || isZip64Size(e.compressedSize) || e.uncompressedSize > limits.maxEntryBytes) {
      throw bomb();
    }
    total += e.uncompressedSize;
    // Deflate cannot shrink real text more than ~1:1000; a higher declared ratio is a bomb.
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize / Math.max(1, e.compressedSize) > 1000) throw bomb();
  }
  if (total > limits.maxUncompressedBytes) throw bomb();
}

function bomb(): IntakeError {
  return new IntakeError('TOO_LARGE', 'Tệp .docx khi giải nén vượt quá giới hạn cho phép (nghi là "zip bomb"); hệ thống từ chối đọc.');
}

/**
 * The central directory can lie. Inflate the XML parts mammoth will read with an output cap of
 * their declared size, which the checks above already bounded.
 */
function verifyXmlParts(buf: Buffer, entries: readonly ZipEntry[], limits: DocxLimits): void {
  for (const e of entries) {
    if (!/\.(xml|rels)$/.test(e.name) || e.method !== 8) continue;
    const p = e.localHeaderOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) throw corrupt();
    const dataStart = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const data = buf.subarray(dataStart, dataStart + e.compressedSize);
    try {
      inflateRawSync(data, { maxOutputLength: Math.min(limits.maxEntryBytes, e.uncompressedSize + 1024) });
    } catch (cause) {
      if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bomb();
      throw corrupt();
    }
  }
}

/**
 * mammoth's HTML back to text, keeping list items as "- " / "1. " lines and one line per paragraph.
 * Linear in the HTML: the output is collected in parts and only its last characters are looked
 * at (testing the whole growing string at each paragraph made 25,000 paragraphs take minutes).
 */
export function htmlToText(html: string): string {
  const counters: (number | null)[] = [];
  const out = new TailedText();
  const re = /<(\/?)(p|h[1-6]|ul|ol|li|br|tr|td|th|table)\b[^>]*>|([^<]+)|<[^>]*>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [, closing, tag, textPart] = m;
    if (textPart !== undefined) {
      out.append(decodeEntities(textPart));
      continue;
    }
    if (!tag) continue;
    if (tag === 'ul' || tag === 'ol') {
      if (closing) counters.pop();
      else counters.push(tag === 'ol' ? 0 : null);
      continue;
    }
    if (tag === 'li' && !closing) {
      const depth = counters.length;
      const top = counters[depth - 1];
      let marker = '- ';
      if (typeof top === 'number') {
        counters[depth - 1] = top + 1;
        marker = `${top + 1}. `;
      }
      out.append(`\n\n${'  '.repeat(Math.max(0, depth - 1))}${marker}`);
      continue;
    }
    if (tag === 'br') out.append('\n');
    else if (tag === 'td' || tag === 'th') out.append(closing ? '\n' : '');
    else if (closing) out.append('\n\n');
    // A paragraph opening right after a list marker ("<li><p>") stays on the marker's line.
    else if (tag === 'p' || /^h/.test(tag)) out.append(out.tail.endsWith('- ') || /\d\. $/.test(out.tail) ? '' : '\n\n');
  }
  return collapseBlankLines(out.toString());
}

/** Text built from parts, remembering its last three characters (all a marker test needs). */
class TailedText {
  private readonly parts: string[] = [];
  tail = '';

  append(piece: string): void {
    if (piece === '') return;
    this.parts.push(piece);
    this.tail = piece.length >= 3 ? piece.slice(-3) : (this.tail + piece).slice(-3);
  }

  toString(): string {
    return this.parts.join('');
  }
}

/**
 * Blanks before a line break dropped, three or more breaks made two, trimmed. Written without
 * a `[ \t]+\n` regex, which backtracks quadratically over a long run of spaces.
 */
function collapseBlankLines(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length - 1; i++) lines[i] = trimEndBlanks(lines[i] as string);
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

function trimEndBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end === line.length ? line : line.slice(0, end);
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);|&#(\d+);/g, (_m, name: string | undefined, code: string | undefined) => {
    if (code) return String.fromCodePoint(Number(code));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' } as Record<string, string>)[name ?? ''] ?? '';
  });
}
