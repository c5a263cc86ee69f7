// Runs pdfjs in a separate plain-Node process (JavaScript on purpose: no TypeScript loader, whose
// transform of pdfjs costs ~400 MB). The parent can kill it at the time budget, and its memory
// is bounded by --max-old-space-size. Reads the PDF from stdin, writes one JSON object to stdout.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const maxPages = Number(process.argv[2] ?? 200);
// 'count': only open the document and say how many pages it has (evidence files are stored, not read).
const countOnly = process.argv[3] === 'count';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));

const out = (obj) => process.stdout.write(`${JSON.stringify({ ...obj, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);

let doc;
try {
  doc = await getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    verbosity: 0,
    stopAtErrors: false,
  }).promise;
} catch (e) {
  out({ error: e?.name === 'PasswordException' ? 'ENCRYPTED_PDF' : 'CORRUPT_FILE' });
  process.exit(0);
}
if (doc.numPages > maxPages) {
  out({ error: 'TOO_MANY_PAGES', pages: doc.numPages });
  process.exit(0);
}
if (countOnly) {
  out({ pages: doc.numPages });
  process.exit(0);
}
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  const items = [];
  for (const it of content.items) {
    if (!('str' in it) || it.str === '') continue;
    const [a, b, c, d, x, y] = it.transform;
    items.push({ str: it.str, x, y, width: it.width, size: Math.hypot(c, d) || Math.hypot(a, b) || it.height || 10 });
  }
  pages.push(items);
  page.cleanup();
}
out({ pages });
await doc.destroy();
