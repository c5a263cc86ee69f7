// Test-only builders: a minimal XLSX assembled by hand (so tests can craft what Excel would
// never write: lying zip directories, millions of empty rows, formulas without cached values).
import { deflateRawSync, crc32 } from 'node:zlib';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** Override the uncompressed size written in the central directory (to make it lie). */
  declaredSize?: number;
  /** zlib's deflate level (its default if absent): 1 builds a large payload fast. */
  level?: number;
}

/**
 * The fields a local file header and its central directory entry share, in the same order, from
 * "version needed" (at `at`) to the name's length: deflated, CRC, compressed and uncompressed sizes.
 */
function writeEntryFields(header: Buffer, at: number, entry: { crc: number; compressedSize: number; size: number; nameLength: number }) {
  header.writeUInt16LE(20, at); // version needed
  header.writeUInt16LE(8, at + 4); // method: deflate
  header.writeUInt32LE(entry.crc, at + 10);
  header.writeUInt32LE(entry.compressedSize, at + 14);
  header.writeUInt32LE(Math.min(entry.size, 0xfffffffe), at + 18);
  header.writeUInt16LE(entry.nameLength, at + 22);
}

export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data;
    const compressed = deflateRawSync(data, part.level === undefined ? {} : { level: part.level });
    const name = Buffer.from(part.name, 'utf8');
    const crc = crc32(data);
    const size = part.declaredSize ?? data.length;
    const entry = { crc, compressedSize: compressed.length, size, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, entry);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    writeEntryFields(central, 6, entry);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export interface XlsxSpec {
  /** Inner XML of <sheetData> (or a function building it, for huge sheets). */
  sheetData: string | Buffer;
  sharedStrings?: string[];
  /** Custom numFmts and cellXfs: [numFmtId, formatCode?] per style index. */
  styles?: [number, string?][];
  date1904?: boolean;
  sheetName?: string;
  sheetDeclaredSize?: number;
  sharedDeclaredSize?: number;
}

export function buildXlsx(spec: XlsxSpec): Buffer {
  const sheetXml =
    typeof spec.sheetData === 'string'
      ? `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${spec.sheetData}</sheetData></worksheet>`
      : Buffer.concat([
          Buffer.from(`<?xml version="1.0"?><worksheet ${NS}><sheetData>`),
          spec.sheetData,
          Buffer.from('</sheetData></worksheet>'),
        ]);
  const parts: ZipPart[] = [
    { name: '[Content_Types].xml', data: '<Types/>' },
    {
      name: 'xl/workbook.xml',
      data: `<workbook ${NS}>${spec.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="${spec.sheetName ?? 'Sheet1'}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        '</Relationships>',
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml, declaredSize: spec.sheetDeclaredSize },
    { name: 'xl/styles.xml', data: stylesXml(spec.styles ?? [[0]]) },
  ];
  if (spec.sharedStrings) {
    const items = spec.sharedStrings
      .map((s) => (s.startsWith('<') ? `<si>${s}</si>` : `<si><t xml:space="preserve">${s}</t></si>`))
      .join('');
    parts.push({ name: 'xl/sharedStrings.xml', data: `<sst ${NS}>${items}</sst>`, declaredSize: spec.sharedDeclaredSize });
  }
  return buildZip(parts);
}

function stylesXml(styles: [number, string?][]): string {
  const fmts = styles.filter(([, code]) => code !== undefined).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`);
  const xfs = styles.map(([id]) => `<xf numFmtId="${id}" fontId="0"/>`);
  return `<styleSheet ${NS}><numFmts count="${fmts.length}">${fmts.join('')}</numFmts><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs></styleSheet>`;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `tabular-${prefix}-`));
}

export function writeTemp(dir: string, name: string, data: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** Reads a whole table (tests only: keeps every row). */
export async function readAll(path: string, options: import('./table-types.ts').OpenTableOptions = {}) {
  const { openTable } = await import('./table-reader.ts');
  const table = openTable({ path }, options);
  const rows: import('./table-types.ts').TableRow[] = [];
  for await (const row of table) rows.push(row);
  return { rows, summary: table.summary };
}

/** The AppError code a promise rejects with (undefined if it resolves). */
export async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
