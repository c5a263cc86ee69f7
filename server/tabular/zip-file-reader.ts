// Reads a ZIP archive straight from disk: the central directory from the tail of the file, and
// one entry at a time as a bounded inflate stream. The whole file is never loaded, and declared
// sizes are checked before anything is inflated (zip bomb defence); the inflated byte count is
// checked again while streaming in case the directory lies.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { tableErrors } from './table-errors.ts';

export interface ZipFileEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_CENTRAL_DIRECTORY = 16 * 1024 * 1024;

export async function readZipDirectory(path: string): Promise<ZipFileEntry[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + 0xffff + 20);
    const tail = await readAt(handle, size - tailLength, tailLength);
    const eocd = findEocd(tail);
    if (eocd < 0) throw tableErrors.corrupt('không thấy mục lục ZIP');
    let { count, cdSize, cdOffset } = readEocd(tail, eocd);
    if (cdOffset === 0xffffffff || count === 0xffff) {
      ({ count, cdSize, cdOffset } = await readZip64Eocd(handle, tail, eocd));
    }
    if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) throw tableErrors.corrupt('mục lục ZIP sai');
    return parseCentralDirectory(await readAt(handle, cdOffset, cdSize), count);
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

function findEocd(tail: Buffer): number {
  for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  return -1;
}

function readEocd(tail: Buffer, at: number) {
  return { count: tail.readUInt16LE(at + 10), cdSize: tail.readUInt32LE(at + 12), cdOffset: tail.readUInt32LE(at + 16) };
}

async function readZip64Eocd(handle: FileHandle, tail: Buffer, eocd: number) {
  const locator = eocd - 20;
  if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) throw tableErrors.corrupt('ZIP64 sai');
  const recordOffset = Number(tail.readBigUInt64LE(locator + 8));
  const record = await readAt(handle, recordOffset, 56);
  if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw tableErrors.corrupt('ZIP64 sai');
  return {
    count: Number(record.readBigUInt64LE(32)),
    cdSize: Number(record.readBigUInt64LE(40)),
    cdOffset: Number(record.readBigUInt64LE(48)),
  };
}

function parseCentralDirectory(cd: Buffer, count: number): ZipFileEntry[] {
  const entries: ZipFileEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw tableErrors.corrupt('mục lục ZIP sai');
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const entry: ZipFileEntry = {
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    applyZip64Extra(entry, cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength));
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** ZIP64 moves the sizes that do not fit 32 bits into extra field 0x0001, in a fixed order. */
function applyZip64Extra(entry: ZipFileEntry, extra: Buffer): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const size = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = (): number => {
        const value = q + 8 <= p + 4 + size && q + 8 <= extra.length ? Number(extra.readBigUInt64LE(q)) : 0xffffffff;
        q += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + size;
  }
}

export function findEntry(entries: ZipFileEntry[], name: string): ZipFileEntry | undefined {
  const wanted = name.replace(/^\/+/, '').toLowerCase();
  return entries.find((e) => e.name.toLowerCase() === wanted);
}

/**
 * Streams the inflated bytes of one entry, failing with TABLE_TOO_LARGE as soon as more than
 * `limit` bytes come out, whatever the directory declared.
 */
export async function openEntryStream(path: string, entry: ZipFileEntry, limit: number, what: string): Promise<Readable> {
  if (entry.uncompressedSize > limit) throw tableErrors.tooLarge(what);
  const dataStart = await localDataStart(path, entry);
  const raw = createReadStream(path, {
    start: dataStart,
    end: dataStart + Math.max(entry.compressedSize, 1) - 1,
    highWaterMark: 1024 * 1024,
  });
  if (entry.method !== 0 && entry.method !== 8) throw tableErrors.corrupt(`kiểu nén ${entry.method}`);
  const inflated = entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 })) : raw;
  if (entry.method === 8) raw.on('error', (e: Error) => inflated.destroy(e));
  const guarded = inflated.pipe(byteLimit(limit, what));
  inflated.on('error', (e: Error) => guarded.destroy(mapInflateError(e)));
  guarded.on('close', () => {
    raw.destroy();
    inflated.destroy();
  });
  return guarded;
}

function mapInflateError(error: Error): Error {
  return 'code' in error && String(error.code).startsWith('Z_') ? tableErrors.corrupt('dữ liệu nén hỏng') : error;
}

function byteLimit(limit: number, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(tableErrors.tooLarge(what));
      else done(null, chunk);
    },
  });
}

async function localDataStart(path: string, entry: ZipFileEntry): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const header = await readAt(handle, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw tableErrors.corrupt('mục ZIP sai');
    return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await handle.close();
  }
}

/** Reads a small entry (workbook, rels, styles) fully as text, bounded. */
export async function readEntryText(path: string, entry: ZipFileEntry, limit: number, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openEntryStream(path, entry, limit, what)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
