// The one reader of a ZIP central directory: names, methods and declared sizes of the entries,
// read without inflating anything, so that a zip bomb is refused before any library unpacks it.
// Used on bytes in memory (an uploaded .docx/.xlsx, files/file-content.ts and the document
// intake) and on a file on disk, read from its tail (tabular/zip-file-reader.ts).

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const ZIP64_MARK = 0xffffffff;
/** The end-of-central-directory record sits in the last 64 KiB + 22 bytes. */
export const EOCD_SEARCH_BYTES = 22 + 0xffff;

/** Where the end-of-central-directory record starts in `tail`, or -1. */
export function findEndOfCentralDirectory(tail: Buffer): number {
  for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  return -1;
}

export function readEndOfCentralDirectory(tail: Buffer, at: number) {
  return { count: tail.readUInt16LE(at + 10), cdSize: tail.readUInt32LE(at + 12), cdOffset: tail.readUInt32LE(at + 16) };
}

/**
 * The entries of a central directory, or null where it is malformed. With `zip64`, sizes and
 * offsets too large for 32 bits are read from the ZIP64 extra field; without it they stay at the
 * mark (isZip64Size), which a caller refusing ZIP64 checks.
 */
export function parseCentralDirectory(cd: Buffer, count: number, zip64: boolean): ZipEntry[] | null {
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) return null;
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLength > cd.length) return null;
    const entry: ZipEntry = {
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    if (zip64) applyZip64Extra(entry, cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength));
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** ZIP64 moves the sizes that do not fit 32 bits into extra field 0x0001, in a fixed order. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const size = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = (): number => {
        const value = q + 8 <= p + 4 + size && q + 8 <= extra.length ? Number(extra.readBigUInt64LE(q)) : ZIP64_MARK;
        q += 8;
        return value;
      };
      if (entry.uncompressedSize === ZIP64_MARK) entry.uncompressedSize = next();
      if (entry.compressedSize === ZIP64_MARK) entry.compressedSize = next();
      if (entry.localHeaderOffset === ZIP64_MARK) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + size;
  }
}

/** Returns the entries of an archive in memory, or null when the bytes are not a readable (non-ZIP64) ZIP archive. */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tailStart = Math.max(0, buf.length - EOCD_SEARCH_BYTES);
  const found = findEndOfCentralDirectory(buf.subarray(tailStart));
  if (found < 0) return null;
  const { count, cdSize, cdOffset } = readEndOfCentralDirectory(buf, tailStart + found);
  if (cdOffset === ZIP64_MARK || cdOffset + cdSize > buf.length) return null;
  return parseCentralDirectory(buf.subarray(cdOffset), count, false);
}

export function isZip64Size(n: number): boolean {
  return n === ZIP64_MARK;
}
