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
import {
  EOCD_SEARCH_BYTES,
  findEndOfCentralDirectory,
  parseCentralDirectory,
  readEndOfCentralDirectory,
  type ZipEntry,
} from '../files/zip-central-directory.ts';
import { tableErrors } from './table-errors.ts';

export type ZipFileEntry = ZipEntry;

const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_CENTRAL_DIRECTORY = 16 * 1024 * 1024;

export async function readZipDirectory(path: string): Promise<ZipFileEntry[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, EOCD_SEARCH_BYTES + 20);
    const tail = await readAt(handle, size - tailLength, tailLength);
    const eocd = findEndOfCentralDirectory(tail);
    if (eocd < 0) throw tableErrors.corrupt('không thấy mục lục ZIP');
    let { count, cdSize, cdOffset } = readEndOfCentralDirectory(tail, eocd);
    if (cdOffset === 0xffffffff || count === 0xffff) {
      ({ count, cdSize, cdOffset } = await readZip64Eocd(handle, tail, eocd));
    }
    if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) throw tableErrors.corrupt('mục lục ZIP sai');
    const entries = parseCentralDirectory(await readAt(handle, cdOffset, cdSize), count, true);
    if (!entries) throw tableErrors.corrupt('mục lục ZIP sai');
    return entries;
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
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
