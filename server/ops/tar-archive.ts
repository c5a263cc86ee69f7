// A backup is one plain POSIX tar file, so an operator can look inside it with `tar tvf` and take
// the manifest or the dump out by hand. Only what a backup needs is written and read: regular
// files, names under 100 bytes, sizes in octal or (above 8 GiB) in GNU base-256. No tar package
// is a direct dependency of the project, and this is ~100 lines of node built-ins.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../domain/errors/app-error.ts';

const BLOCK = 512;
const MAX_OCTAL_SIZE = 0o77777777777; // 11 octal digits: 8 GiB - 1

export type TarSource = { name: string; content: Buffer } | { name: string; path: string; size: number };

export interface TarEntry {
  name: string;
  /** Byte offset of the entry's data in the archive. */
  offset: number;
  size: number;
}

function header(name: string, size: number, mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 99) throw new Error(`tar entry name too long: ${name}`);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100, 'ascii'); // mode
  block.write('0000000\0', 108, 'ascii'); // uid
  block.write('0000000\0', 116, 'ascii'); // gid
  if (size <= MAX_OCTAL_SIZE) {
    block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  } else {
    // GNU base-256: high bit set, big-endian in the remaining 11 bytes.
    let rest = BigInt(size);
    for (let i = 135; i > 124; i--) {
      block[i] = Number(rest & 0xffn);
      rest >>= 8n;
    }
    block[124] = 0x80;
  }
  block.write(
    `${Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
    'ascii',
  );
  block.write('        ', 148, 'ascii'); // checksum counts as spaces while it is computed
  block.write('0', 156, 'ascii'); // regular file
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Writes `sources` in order to a new tar file at `target`. */
export async function writeTar(target: string, sources: readonly TarSource[], mtime = new Date()): Promise<void> {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const source of sources) {
      const size = 'content' in source ? source.content.length : source.size;
      yield header(source.name, size, mtime);
      if ('content' in source) yield source.content;
      else {
        let copied = 0;
        for await (const chunk of fs.createReadStream(source.path)) {
          copied += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
        // The size went into the header first: a file that changed under us would make a torn archive.
        if (copied !== size) throw new Error(`${source.path} changed while it was archived (${copied} bytes, expected ${size})`);
      }
      yield padding(size);
    }
    yield Buffer.alloc(BLOCK * 2);
  }
  await pipeline(chunks(), fs.createWriteStream(target, { flags: 'wx' }));
}

function parseSize(field: Buffer): number {
  if (field[0]! & 0x80) {
    let value = 0n;
    for (let i = 1; i < field.length; i++) value = (value << 8n) | BigInt(field[i]!);
    return Number(value);
  }
  const text = field.toString('ascii').replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function notABackup(file: string, why: string): AppError {
  return new AppError('BACKUP_INVALID', 'bad_request', `Tệp ${file} không phải là bản sao lưu Tiến Độ hợp lệ (${why}).`);
}

/** The regular-file entries of a tar file, without reading their data. */
export async function listTar(file: string): Promise<TarEntry[]> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size: total } = await handle.stat();
    const entries: TarEntry[] = [];
    const block = Buffer.alloc(BLOCK);
    let position = 0;
    while (position + BLOCK <= total) {
      const { bytesRead } = await handle.read(block, 0, BLOCK, position);
      if (bytesRead < BLOCK) break;
      if (block.every((b) => b === 0)) return entries;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
      if (sum !== parseInt(block.subarray(148, 156).toString('ascii'), 8)) throw notABackup(file, 'phần đầu tar bị hỏng');
      const name = block.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const size = parseSize(block.subarray(124, 136));
      const type = String.fromCharCode(block[156]!);
      const offset = position + BLOCK;
      if (offset + size > total) throw notABackup(file, 'tệp bị cắt cụt');
      if (type === '0' || type === '\0') entries.push({ name, offset, size });
      position = offset + Math.ceil(size / BLOCK) * BLOCK;
    }
    if (entries.length === 0) throw notABackup(file, 'không đọc được nội dung tar');
    return entries;
  } finally {
    await handle.close();
  }
}

export async function readTarEntry(file: string, entry: TarEntry): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(entry.size);
    await handle.read(buffer, 0, entry.size, entry.offset);
    return buffer;
  } finally {
    await handle.close();
  }
}

export function tarEntryStream(file: string, entry: TarEntry): Readable {
  // createReadStream's `end` is inclusive, so an empty entry cannot be expressed as a range.
  if (entry.size === 0) return Readable.from([]);
  return fs.createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1 });
}
