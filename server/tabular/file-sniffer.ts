// Decides what a file is from its first bytes, not its extension: an XLSX is a ZIP (PK), an old
// .xls is an OLE2 compound file (D0 CF 11 E0), a CSV is text in UTF-8 or UTF-16. Anything else
// (PDF, images, random bytes, HTML saved as ".xls") is refused before a parser sees it.
import { open } from 'node:fs/promises';
import { guessUtf16WithoutBom } from '../../domain/text/utf16-without-bom.ts';
import { tableErrors } from './table-errors.ts';

export type SniffResult = { kind: 'xlsx' } | { kind: 'csv'; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bomLength: number };

const SAMPLE_BYTES = 64 * 1024;

export async function sniffFile(path: string): Promise<SniffResult> {
  const handle = await open(path, 'r');
  let sample: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    await handle.read(sample, 0, sample.length, 0);
  } finally {
    await handle.close();
  }
  if (size === 0) throw tableErrors.empty();
  return sniffSample(sample, size <= SAMPLE_BYTES);
}

export function sniffSample(sample: Buffer, isWholeFile: boolean): SniffResult {
  if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04]) || startsWith(sample, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'xlsx' };
  if (startsWith(sample, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) throw tableErrors.legacyXls();
  const text = decodeSample(sample);
  if (isWholeFile && text.text.trim() === '') throw tableErrors.empty();
  if (/^\s*</.test(text.text)) throw tableErrors.notSpreadsheet(); // HTML or XML saved under a spreadsheet name
  if (hasBinaryControls(text.text)) throw tableErrors.notSpreadsheet();
  return { kind: 'csv', encoding: text.encoding, bomLength: text.bomLength };
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

interface DecodedSample {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  bomLength: number;
}

function decodeSample(sample: Buffer): DecodedSample {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return decodeAs(sample, 'utf-8', 3);
  if (startsWith(sample, [0xff, 0xfe])) return decodeAs(sample, 'utf-16le', 2);
  if (startsWith(sample, [0xfe, 0xff])) return decodeAs(sample, 'utf-16be', 2);
  const utf16 = guessUtf16WithoutBom(sample, { minBytes: 4, zeroShare: 0.6 });
  if (utf16) return decodeAs(sample, utf16, 0);
  if (sample.includes(0)) throw tableErrors.notSpreadsheet();
  return decodeAs(sample, 'utf-8', 0);
}

function decodeAs(sample: Buffer, encoding: DecodedSample['encoding'], bomLength: number): DecodedSample {
  try {
    // stream: true tolerates a character cut at the end of the sample.
    const text = new TextDecoder(encoding, { fatal: true }).decode(sample.subarray(bomLength), { stream: true });
    return { text, encoding, bomLength };
  } catch {
    if (encoding === 'utf-8' && looksLikeLegacyText(sample)) throw tableErrors.encoding();
    throw tableErrors.notSpreadsheet();
  }
}

/** Text in a legacy 8-bit code page: no NULs, few control bytes, mostly printable ASCII. */
function looksLikeLegacyText(sample: Buffer): boolean {
  let ascii = 0;
  let controls = 0;
  for (const b of sample) {
    if (b >= 0x20 && b < 0x7f) ascii++;
    else if (b < 0x20 && b !== 9 && b !== 10 && b !== 13) controls++;
  }
  return controls === 0 && ascii > sample.length * 0.5;
}

function hasBinaryControls(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) controls++;
  }
  return controls > 0 && controls >= Math.max(1, text.length * 0.001);
}
