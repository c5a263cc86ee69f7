import { PassThrough, type Readable } from 'node:stream';
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import { writeTable, type TableColumn } from '../tabular/table-writer.ts';

/** The MIME type of a table download, by its format. */
export const TABLE_MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** The `format` a table download may be asked in (each route says which it takes when none is given). */
export const TableFormat = Type.Union([Type.Literal('xlsx'), Type.Literal('csv')]);

/** Sends a file the server made as a download, under a plain name of its own choosing. */
export function sendMadeFile(reply: FastifyReply, file: { fileName: string; mimeType: string; content: Buffer | Readable }) {
  return reply.type(file.mimeType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.content);
}

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
  return sendMadeFile(reply, { fileName: `${options.fileName}.${options.format}`, mimeType: TABLE_MIME[options.format], content: stream });
}

/** Sends a stored file as a download (never rendered inline: the browser may not sniff it into HTML). */
export function sendStoredFile(reply: FastifyReply, file: { fileName: string; mimeType: string; content: Buffer }) {
  return reply
    .type(file.mimeType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .send(file.content);
}
