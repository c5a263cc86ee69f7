// Receiving one uploaded file. A stored file must be whole or refused: busboy truncates a part at
// its size limit and may flag it only after the last chunk was read (seen: a 21 MB text sent by a
// browser as FormData was stored cut at 20 MiB), so every path counts the bytes itself and checks
// the truncation flag after the stream ends, and a declared Content-Length far over the limit is
// refused before one byte of the body is read.
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { httpErrors } from './http.errors.ts';
import { nulRefused } from './input-guard.ts';

/** Room for the multipart boundaries, part headers and small fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 256 * 1024;

export const fileTooLarge = httpErrors.fileTooLarge;

export interface UploadOptions {
  maxBytes: number;
  /** How the refusal names the file ("Tệp kế hoạch", "Tệp thỏa ước"…). */
  what?: string;
  missingMessage?: string;
}

/**
 * Opens the one file part of a multipart request, refusing early what cannot fit: not
 * multipart, a declared body far over the limit (every 413 closes the connection, see
 * error-handler.ts, so the rest of a 150 MB body is not read), no file.
 */
export async function openUpload(request: FastifyRequest, options: UploadOptions): Promise<MultipartFile> {
  if (!request.isMultipart()) throw httpErrors.multipartRequired();
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes + MULTIPART_OVERHEAD_BYTES) {
    throw fileTooLarge(options.maxBytes, options.what);
  }
  const part = await request.file({ limits: { fileSize: options.maxBytes, files: 1 } });
  if (!part) throw httpErrors.fileMissing(options.missingMessage);
  if (part.filename.includes('\u0000')) throw nulRefused('', 'Tên tệp');
  return part;
}

/** The stream of a part, failing with FILE_TOO_LARGE as soon as more than maxBytes pass. */
export function boundedStream(part: MultipartFile, options: UploadOptions): Readable {
  let seen = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > options.maxBytes) return callback(fileTooLarge(options.maxBytes, options.what));
      callback(null, chunk);
    },
    flush(callback) {
      // busboy may set the flag only after handing over the last (cut) chunk.
      callback(part.file.truncated ? fileTooLarge(options.maxBytes, options.what) : null);
    },
  });
  part.file.on('limit', () => guard.destroy(fileTooLarge(options.maxBytes, options.what)));
  return part.file.pipe(guard);
}

/** Reads the whole file into memory (small files: documents, agreement files). */
export async function readUpload(request: FastifyRequest, options: UploadOptions): Promise<{ fileName: string; content: Buffer }> {
  const part = await openUpload(request, options);
  const content = await collect(boundedStream(part, options));
  assertWhole(part, options);
  return { fileName: part.filename, content };
}

/**
 * Writes the file into a private temp folder (readers that seek in a zip want a file), whole or
 * not at all; `cleanup` removes the folder.
 */
export async function spoolUpload(part: MultipartFile, options: UploadOptions): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-upload-'));
  const cleanup = () => fs.rm(dir, { recursive: true, force: true });
  const file = path.join(dir, 'upload');
  try {
    await pipeline(boundedStream(part, options), createWriteStream(file));
    assertWhole(part, options);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { file, cleanup };
}

/**
 * Opens the one file part of `request`, spools it (spoolUpload) and hands `use` the spooled file and
 * the name it was sent under; the temp folder is removed when `use` settles, whatever it answers.
 */
export async function withSpooledUpload<T>(
  request: FastifyRequest,
  options: UploadOptions,
  use: (file: string, fileName: string) => Promise<T>,
): Promise<T> {
  const part = await openUpload(request, options);
  const upload = await spoolUpload(part, options);
  try {
    return await use(upload.file, part.filename);
  } finally {
    await upload.cleanup();
  }
}

export function assertWhole(part: MultipartFile, options: UploadOptions): void {
  if (part.file.truncated) throw fileTooLarge(options.maxBytes, options.what);
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
