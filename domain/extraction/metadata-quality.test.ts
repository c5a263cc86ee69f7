// Metadata that is empty rather than wrong. On ../shared/corpus (real pages: news write-ups, part
// of a congress document) every field the extractor fills must equal what a reader annotated in
// fixtures/corpus-metadata.json; a field left empty is never wrong. On the three seed documents of
// ../shared/gold the metadata must stay exactly what the gold says. Prints, per field, how many
// were filled right, left empty and filled wrong.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.ts';
import type { DocumentMetadata } from './extraction-types.ts';

const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const GOLD_DIR = fileURLToPath(new URL('../../../shared/gold/', import.meta.url));
const DOCS_DIR = fileURLToPath(new URL('../../../shared/documents/', import.meta.url));
const ANNOTATION = fileURLToPath(new URL('./fixtures/corpus-metadata.json', import.meta.url));

const FIELDS = ['kind', 'symbol', 'issuer', 'place', 'date', 'term', 'signer'] as const;
type Field = (typeof FIELDS)[number];

interface Signer {
  capacity: string | null;
  title: string | null;
  name: string | null;
}
interface Metadata {
  kind: string | null;
  symbol: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  term: { from: number; to: number } | null;
  signer: Signer | null;
}

/** The extractor's metadata as plain values. */
function valuesOf(d: DocumentMetadata): Metadata {
  return {
    kind: d.kind,
    symbol: d.symbol?.value ?? null,
    issuer: d.issuer?.value ?? null,
    place: d.place?.value ?? null,
    date: d.date?.value ?? null,
    term: d.term ? { from: d.term.from, to: d.term.to } : null,
    signer: d.signer ? { capacity: d.signer.capacity, title: d.signer.title, name: d.signer.name } : null,
  };
}

const text = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
const symbol = (s: string) => s.replace(/\s+/g, '').replace(/[–—]/g, '-').toUpperCase();

/** Whether a filled value agrees with the annotation (null annotation: nothing may be filled). */
function agrees(field: Field, found: Metadata[Field], want: Metadata[Field]): boolean {
  if (want === null || want === undefined) return false;
  switch (field) {
    case 'symbol':
      return symbol(found as string) === symbol(want as string);
    case 'issuer':
    case 'place':
      return text(found as string) === text(want as string);
    case 'term':
      return (
        (found as Metadata['term'])?.from === (want as Metadata['term'])?.from &&
        (found as Metadata['term'])?.to === (want as Metadata['term'])?.to
      );
    case 'signer': {
      const f = found as Signer;
      const w = want as Signer;
      // Each part that is filled must be right; a part left empty is not wrong.
      return (['capacity', 'title', 'name'] as const).every(
        (k) => f[k] === null || (w[k] !== null && text(f[k] as string) === text(w[k] as string)),
      );
    }
    default:
      return found === want;
  }
}

describe('document metadata on ../shared/corpus: empty rather than wrong', () => {
  it('finds the corpus and the annotation (a missing folder is a failure, not a skip)', () => {
    expect(existsSync(CORPUS_DIR), `corpus folder missing: ${CORPUS_DIR}`).toBe(true);
    expect(existsSync(ANNOTATION), `annotation missing: ${ANNOTATION}`).toBe(true);
  });

  const annotation = existsSync(ANNOTATION)
    ? (JSON.parse(readFileSync(ANNOTATION, 'utf8')) as { documents: Record<string, Metadata> }).documents
    : {};
  const files = existsSync(CORPUS_DIR)
    ? readdirSync(CORPUS_DIR)
        .filter((f) => f.endsWith('.txt'))
        .sort()
    : [];

  it('has an annotation for every corpus document, and a document for every annotation', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(annotation).sort()).toEqual(files);
  });

  const tally = Object.fromEntries(FIELDS.map((f) => [f, { right: 0, empty: 0, missed: 0, wrong: 0 }])) as Record<
    Field,
    { right: number; empty: number; missed: number; wrong: number }
  >;
  const wrongs: string[] = [];

  for (const file of files) {
    it(`${file}: no field filled with a wrong value`, () => {
      const want = annotation[file];
      expect(want, `no annotation for ${file}`).toBeDefined();
      const found = valuesOf(extractDocument(readFileSync(CORPUS_DIR + file, 'utf8')).document);
      const wrongHere: string[] = [];
      for (const field of FIELDS) {
        const value = found[field];
        const expected = (want as Metadata)[field] ?? null;
        if (value === null) {
          tally[field].empty++;
          if (expected !== null) tally[field].missed++;
        } else if (agrees(field, value, expected)) {
          tally[field].right++;
        } else {
          tally[field].wrong++;
          wrongHere.push(`${field}: got ${JSON.stringify(value)}, annotated ${JSON.stringify(expected)}`);
        }
      }
      wrongs.push(...wrongHere.map((w) => `${file} ${w}`));
      expect(wrongHere).toEqual([]);
    });
  }

  it('prints, per field, how many were filled right, left empty and filled wrong', () => {
    const lines = [
      '',
      `metadata on ../shared/corpus (${files.length} documents)`,
      'field    right  empty (of which annotated)  wrong',
      ...FIELDS.map(
        (f) =>
          `${f.padEnd(8)}${String(tally[f].right).padStart(6)}${String(tally[f].empty).padStart(7)}${`(${tally[f].missed})`.padStart(21)}${String(tally[f].wrong).padStart(7)}`,
      ),
      '',
    ];
    console.log(lines.join('\n'));
    expect(wrongs).toEqual([]);
    for (const f of FIELDS) expect(tally[f].right + tally[f].empty + tally[f].wrong).toBe(files.length);
  });
});

describe('document metadata of the seed documents stays what the gold says', () => {
  it('finds the gold folder (a missing folder is a failure, not a skip)', () => {
    expect(existsSync(GOLD_DIR), `gold folder missing: ${GOLD_DIR}`).toBe(true);
  });

  const golds = existsSync(GOLD_DIR)
    ? readdirSync(GOLD_DIR)
        .filter((f) => f.endsWith('.gold.json'))
        .sort()
    : [];
  for (const name of golds) {
    const gold = JSON.parse(readFileSync(GOLD_DIR + name, 'utf8')) as { file: string; document: Partial<Metadata> };
    it(`${gold.file}: kind, symbol, issuer, place, date, term and signer exactly`, () => {
      const found = valuesOf(extractDocument(readFileSync(DOCS_DIR + gold.file, 'utf8')).document);
      const want: Metadata = {
        kind: gold.document.kind ?? null,
        symbol: gold.document.symbol ?? null,
        issuer: gold.document.issuer ?? null,
        place: gold.document.place ?? null,
        date: gold.document.date ?? null,
        term: gold.document.term ?? null,
        signer: gold.document.signer ?? null,
      };
      expect(found).toEqual(want);
    });
  }
});
