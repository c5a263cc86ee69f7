// What a stored file really is, judged by its bytes and never by its name: a spreadsheet or a zip
// bomb renamed .docx must not be kept as a Word file. ZIP-based formats are read through the
// central directory (declared sizes) and their XML parts are inflated with a hard output cap, so
// a bomb is refused in milliseconds without allocating its payload.
import { inflateRawSync } from 'node:zlib';
import { fileErrors } from './files.errors.ts';
import { isZip64Size, readZipEntries, type ZipEntry } from './zip-central-directory.ts';

const { bomb, corrupt } = fileErrors;

export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'png' | 'jpeg';

export const FILE_MIME: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

const KIND_LABEL: Record<FileKind, string> = { pdf: 'PDF', docx: 'Word (.docx)', xlsx: 'Excel (.xlsx)', png: 'ảnh PNG', jpeg: 'ảnh JPEG' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface ZipBounds {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_BOUNDS: ZipBounds = { maxEntries: 5_000, maxEntryBytes: 50 * 1024 * 1024, maxTotalBytes: 200 * 1024 * 1024 };

/** Deflate cannot shrink real content more than ~1:1000; a higher declared ratio is a bomb. */
const MAX_RATIO = 1000;

/**
 * The kind of `content` when it is one of `allowed`, else a Vietnamese refusal naming what was
 * expected (and what was sent, when it is recognisable).
 */
export function checkFileContent(
  content: Buffer,
  allowed: readonly FileKind[],
  what = 'Tệp',
  bounds: ZipBounds = DEFAULT_ZIP_BOUNDS,
): { kind: FileKind; mime: string } {
  const expected = allowed.map((k) => KIND_LABEL[k]).join(' hoặc ');
  if (content.length === 0) throw fileErrors.empty(what);
  const kind = sniff(content, bounds, what);
  if (!kind || !allowed.includes(kind)) {
    const sent = kind ? ` (tệp gửi lên là ${KIND_LABEL[kind]})` : '';
    throw fileErrors.wrongType(what, expected, sent);
  }
  return { kind, mime: FILE_MIME[kind] };
}

function sniff(content: Buffer, bounds: ZipBounds, what: string): FileKind | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') {
    // A PDF ends with %%EOF (possibly followed by a newline or a little padding).
    if (!content.subarray(-1024).toString('latin1').includes('%%EOF')) throw corrupt(what, 'PDF');
    return 'pdf';
  }
  // Images are kept as they are (never decoded here): the signature is enough to know one.
  if (content.length > 8 && content.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (content.length > 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'jpeg';
  if (content.length < 4) return null;
  if (content.readUInt32LE(0) !== 0x04034b50 || content.length < 22) return null;
  const entries = readZipEntries(content);
  if (!entries) throw corrupt(what, 'nén (ZIP)');
  const names = new Set(entries.map((e) => e.name));
  const kind: FileKind | null = names.has('word/document.xml') ? 'docx' : names.has('xl/workbook.xml') ? 'xlsx' : null;
  if (!kind) return null;
  checkDeclaredSizes(entries, bounds, what);
  verifyXmlParts(content, entries, bounds, what);
  return kind;
}

function checkDeclaredSizes(entries: readonly ZipEntry[], bounds: ZipBounds, what: string): void {
  if (entries.length > bounds.maxEntries) throw bomb(what);
  let total = 0;
  for (const e of entries) {
    if (isZip64Size(e.uncompressedSize) || isZip64Size(e.compressedSize) || e.uncompressedSize > bounds.maxEntryBytes) throw bomb(what);
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize / Math.max(1, e.compressedSize) > MAX_RATIO) throw bomb(what);
    total += e.uncompressedSize;
  }
  if (total > bounds.maxTotalBytes) throw bomb(what);
}

/** The central directory can lie: inflate each XML part with an output cap of its declared size. */
function verifyXmlParts(content: Buffer, entries: readonly ZipEntry[], bounds: ZipBounds, what: string): void {
  for (const e of entries) {
    if (!/\.(xml|rels)$/.test(e.name) || e.method !== 8) continue;
    const p = e.localHeaderOffset;
    if (p + 30 > content.length || content.readUInt32LE(p) !== 0x04034b50) throw corrupt(what, 'nén (ZIP)');
    const start = p + 30 + content.readUInt16LE(p + 26) + content.readUInt16LE(p + 28);
    try {
      inflateRawSync(content.subarray(start, start + e.compressedSize), {
        maxOutputLength: Math.min(bounds.maxEntryBytes, e.uncompressedSize + 1024),
      });
    } catch (cause) {
      if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bomb(what);
      throw corrupt(what, 'nén (ZIP)');
    }
  }
}
