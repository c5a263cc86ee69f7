// Child-process probe for the hostile-file tests: reads one file through the intake and prints
// {code, message, ms, maxRssMb} as JSON, so that time and peak memory are measured in isolation.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isIntakeError } from './intake-error.ts';
import { lastPdfChildRssMb } from './pdf-intake.ts';
import { readDocument } from './read-document.ts';

const file = process.argv[2] as string;
const started = Date.now();
let code = 'OK';
let message = '';
try {
  await readDocument(readFileSync(file), basename(file));
} catch (e) {
  code = isIntakeError(e) ? e.code : 'UNEXPECTED';
  message = (e as Error).message;
}
const ms = Date.now() - started;
// maxRSS is the peak resident set of this process in KiB.
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
// The PDF reader runs in its own process; its peak counts too.
process.stdout.write(`${JSON.stringify({ code, message, ms, maxRssMb, pdfChildRssMb: lastPdfChildRssMb })}\n`);
