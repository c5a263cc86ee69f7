import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { FORM_SHEET } from '../../server/reporting/report-workbook.ts';
import { convertWithLibreOffice } from './libre-office.ts';
import type { Session, TestApp } from './test-app.ts';

/** The report's offline workbook, downloaded as the session. */
export async function downloadWorkbook(t: TestApp, session: Session, reportId: number): Promise<Buffer> {
  const r = await t.app.inject({
    method: 'GET',
    url: `/api/reports/${reportId}/workbook`,
    headers: { cookie: `tiendo_session=${session.cookie}` },
  });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toContain('spreadsheetml');
  return r.rawPayload;
}

/** Sends filled workbooks (one or several parts named "file") to a workbook upload route, as the session. */
export async function uploadWorkbooks(t: TestApp, session: Session, url: string, files: { name: string; content: Buffer }[]) {
  const boundary = `----tiendo${Date.now().toString(16)}`;
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    ]),
  );
  const r = await t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: {
      cookie: `tiendo_session=${session.cookie}`,
      'x-csrf-token': session.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
  return { status: r.statusCode, body: r.json() };
}

/** Fills the figures column the way a person would, by the labels of the rows. */
export async function fillFigures(
  xlsx: Buffer,
  values: Record<string, number>,
  edit?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(FORM_SHEET)!;
  ws.eachRow((row) => {
    const code = row.getCell(2).value;
    if (typeof code === 'string' && code in values) row.getCell(5).value = values[code]!;
  });
  edit?.(ws, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Opens and re-saves the file in LibreOffice Calc, as an officer without Excel would. */
export function throughLibreOffice(xlsx: Buffer): Promise<Buffer> {
  return convertWithLibreOffice({ name: 'bao-cao.xlsx', content: xlsx }, 'xlsx:Calc MS Excel 2007 XML', (out) =>
    fs.readFile(path.join(out, 'bao-cao.xlsx')),
  );
}
