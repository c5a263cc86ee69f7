import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { writeTable, type TableColumn } from '../tabular/table-writer.ts';

const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

/** Streams rows into an XLSX/CSV download: nothing is held in memory beyond the row being written. */
export function sendTable(
  reply: FastifyReply,
  options: {
    format: 'xlsx' | 'csv';
    fileName: string;
    sheetName: string;
    columns: TableColumn[];
    rows: AsyncIterable<Record<string, unknown>>;
  },
) {
  const stream = new PassThrough();
  writeTable(stream, { format: options.format, sheetName: options.sheetName, columns: options.columns, rows: options.rows })
    .then(() => stream.end())
    .catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
  return reply
    .type(MIME[options.format])
    .header('content-disposition', `attachment; filename="${options.fileName}.${options.format}"`)
    .send(stream);
}

/** Sends a stored file as a download (never rendered inline: the browser may not sniff it into HTML). */
export function sendStoredFile(reply: FastifyReply, file: { fileName: string; mimeType: string; content: Buffer }) {
  return reply
    .type(file.mimeType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .send(file.content);
}
