import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';

const run = promisify(execFile);

/** A report document (DOCX) as text through LibreOffice, the way the officer will open it; white space folded. */
export async function docxText(docx: Buffer): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-e2e-report-'));
  try {
    const file = path.join(dir, 'bao-cao.docx');
    await fs.writeFile(file, docx);
    const convert = ['--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, file];
    await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, ...convert], { timeout: 180_000 });
    return (await fs.readFile(path.join(dir, 'bao-cao.txt'), 'utf8')).replace(/\s+/g, ' ');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function readWorkbook(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx as never);
  return book;
}

/** The rows of the sheet "Chỉ tiêu" below its heading: [, no., subject, goal, actual, …] as ExcelJS numbers them. */
export const targetRows = (book: ExcelJS.Workbook) => book.getWorksheet('Chỉ tiêu')!.getSheetValues().slice(4) as unknown[][];
