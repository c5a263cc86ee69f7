import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect } from 'vitest';
import { findEntry, readEntryText, readZipDirectory } from '../../server/tabular/zip-file-reader.ts';
import type { Session, TestApp } from './test-app.ts';

/** The query of GET /api/report-documents: whose report, on which document, for which period, in which format. */
export interface ReportDocumentQuery {
  unitId: number;
  documentId: number;
  period: string;
  format: 'docx' | 'xlsx';
  date: string;
  signerName?: string;
}

/** Downloads the drafted report document as the session; the answer must be 200. */
export async function downloadReportDocument(t: TestApp, session: Session, query: ReportDocumentQuery) {
  const { unitId, documentId, period, format, date, signerName } = query;
  const signer = signerName === undefined ? '' : `&signerName=${encodeURIComponent(signerName)}`;
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/report-documents?unitId=${unitId}&documentId=${documentId}&period=${period}&format=${format}&date=${date}${signer}`,
    headers: { cookie: `tiendo_session=${session.cookie}` },
  });
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
  return {
    body: response.rawPayload,
    disposition: String(response.headers['content-disposition']),
    type: String(response.headers['content-type']),
  };
}

/** One part of a DOCX (for instance "word/document.xml") as text. */
export async function docxPart(docx: Buffer, name: string): Promise<string> {
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-docx-')), 'bao-cao.docx');
  await fs.writeFile(file, docx);
  try {
    const entry = findEntry(await readZipDirectory(file), name);
    if (!entry) throw new Error(`no ${name} in the DOCX`);
    return await readEntryText(file, entry, 20 * 1024 * 1024, name);
  } finally {
    await fs.rm(path.dirname(file), { recursive: true, force: true });
  }
}

/** A PDF opened for reading its text: no script evaluation, no fonts loaded, no console noise. */
export function openPdf(pdf: Buffer) {
  return getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
}
