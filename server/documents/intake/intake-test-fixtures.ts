// Builders for intake tests: a .docx from plain text (docx package), a .pdf through LibreOffice,
// and hand-written PDFs (many pages, no text layer) for the hostile-file tests.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { buildZip } from '../../tabular/xlsx-test-fixtures.ts';

const run = promisify(execFile);

/** One Word paragraph per non-blank line, Times New Roman 13 pt, as union documents are set. */
export async function buildDocx(text: string): Promise<Buffer> {
  const paragraphs = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => new Paragraph({ children: [new TextRun({ text: line, font: 'Times New Roman', size: 26 })] }));
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [{ children: paragraphs }],
  });
  return Packer.toBuffer(doc);
}

export const SOFFICE_INSTALL_HINT = 'apt-get install -y libreoffice-writer-nogui';

export function findSoffice(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice']) if (existsSync(p)) return p;
  return null;
}

/** Converts a .docx to PDF with LibreOffice in a private profile (parallel runs do not collide). */
export async function docxToPdf(docx: Buffer): Promise<Buffer> {
  const soffice = findSoffice();
  if (!soffice) throw new Error(`LibreOffice (soffice) is required for this test: ${SOFFICE_INSTALL_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-pdf-'));
  const input = join(dir, 'doc.docx');
  writeFileSync(input, docx);
  await run(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], {
    timeout: 60_000,
  });
  return readFileSync(join(dir, 'doc.pdf'));
}

/** A syntactically valid PDF with `pages` pages, each with a line of text or nothing at all. */
export function buildPdf(pages: number, withText: boolean): Buffer {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const kids: number[] = [];
  for (let i = 0; i < pages; i++) {
    const stream = withText ? `BT /F1 12 Tf 72 720 Td (Trang ${i + 1}: ke hoach thuc hien nghi quyet) Tj ET` : '0 0 m 10 10 l S';
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A .docx-shaped zip whose word/document.xml inflates to `megabytes` MB of zeros. The payload is
 * deflated once here, at the fastest level: a real bomb, not just a lying directory.
 */
export function buildZipBomb(megabytes: number): Buffer {
  const payload = Buffer.alloc(megabytes * 1024 * 1024, 0x20);
  return buildZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: payload, level: 1 },
  ]);
}
