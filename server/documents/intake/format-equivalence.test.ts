// The same document as .txt, .docx (generated with the docx package) and .pdf (that .docx
// converted by LibreOffice) must yield the same targets.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../domain/extraction/extract-document.ts';
import { buildDocx, docxToPdf, findSoffice, SOFFICE_INSTALL_HINT } from './intake-test-fixtures.ts';
import { readDocument } from './read-document.ts';

const DOC = fileURLToPath(new URL('../../../../shared/documents/000_695bf227987f6204.txt', import.meta.url));

const key = (text: string) =>
  extractDocument(text).targets.map((t) => ({
    value: t.value,
    unit: t.unit,
    comparator: t.comparator,
    deadlineYear: t.deadlineYear,
    recurrence: t.recurrence,
    subject: t.subject.replace(/\s+/g, ' '),
  }));

describe('format equivalence: .txt, .docx and .pdf give the same targets', () => {
  it('has LibreOffice to make the PDF (missing soffice is a failure, not a skip)', () => {
    expect(findSoffice(), `LibreOffice is required: ${SOFFICE_INSTALL_HINT}`).not.toBeNull();
  });

  it('extracts identical targets from the three formats of 000…', async () => {
    const txt = readFileSync(DOC);
    const docx = await buildDocx(txt.toString('utf8'));
    const pdf = await docxToPdf(docx);
    const fromTxt = key((await readDocument(txt, 'plan.txt')).text);
    const fromDocx = key((await readDocument(docx, 'plan.docx')).text);
    const pdfRead = await readDocument(pdf, 'plan.pdf');
    const fromPdf = key(pdfRead.text);
    console.log(`targets: txt ${fromTxt.length}, docx ${fromDocx.length}, pdf ${fromPdf.length} (${pdfRead.pages} pages)`);
    expect(fromTxt.length).toBe(16);
    expect(fromDocx).toEqual(fromTxt);
    expect(fromPdf).toEqual(fromTxt);
  }, 60_000);
});
