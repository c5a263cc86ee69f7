// Entry point of the extractor: normalised text in, structured result with offsets out.
// Pure: no I/O, deterministic, safe to run in the server, the CLI and the browser.
import { normalizeVietnamese } from '../text/vietnamese-normalize.ts';
import { datelineYear } from './dateline.ts';
import { buildLayout, type Layout } from './document-layout.ts';
import { findSymbols } from './document-symbol.ts';
import type { ExtractionResult } from './extraction-types.ts';
import { readIssuer } from './issuer-reader.ts';
import { readHeader } from './metadata-extractor.ts';
import { findNumericMentions, maskNonQuantities } from './numeric-mention.ts';
import { extractReferences, referencesByRelation } from './reference-extractor.ts';
import { extractTargets } from './target-extractor.ts';
import { extractTasks } from './task-extractor.ts';
import { TimingContext } from './timing-context.ts';
import { findTimings } from './timing-expression.ts';

/**
 * Reads a planning document. Offsets in the result refer to `normalizeVietnamese(text)`, which
 * is the text itself when it comes from the intake (already normalised).
 */
export function extractDocument(input: string): ExtractionResult {
  const text = normalizeVietnamese(input);
  const layout = buildLayout(text);
  const symbols = findSymbols(text);
  const header = readHeader(layout, symbols);
  const references = extractReferences(layout, symbols, {
    ownSymbol: header.ownSymbol,
    implementsSpans: implementsSpans(layout),
  });
  // The year the text speaks from: its issue date, else a news write-up's dateline.
  const documentYear = header.date ? Number(header.date.value.slice(0, 4)) : datelineYear(layout);
  const timing = new TimingContext(layout, {
    term: header.term,
    documentDeadline: documentDeadline(layout, header.title, header.term, header.kind),
  });
  const masked = maskNonQuantities(layout.folded, symbols);
  const mentions = findNumericMentions(text, masked);
  const { targets, baselines, qualitativeTargets } = extractTargets(layout, mentions, timing, documentYear);
  const tasks = extractTasks(layout);
  const reporting =
    tasks.filter((t) => t.section === 'organisation').find((t) => t.reporting)?.reporting ??
    tasks.find((t) => t.reporting)?.reporting ??
    null;
  return {
    document: {
      ...stripInternal(header),
      issuer: readIssuer(layout, header.place?.value ?? null),
      replaces: referencesByRelation(references, 'replaces'),
      implements: referencesByRelation(references, 'implements'),
      reporting,
    },
    references,
    targets,
    baselines,
    qualitativeTargets,
    tasks,
  };
}

function stripInternal(header: ReturnType<typeof readHeader>) {
  const { ownSymbol: _own, kindParagraph: _kind, ...rest } = header;
  return rest;
}

/** Title and preamble paragraphs that announce what the document implements. */
function implementsSpans(layout: Layout): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const p of layout.paragraphs.slice(0, layout.bodyStart)) {
    if (/(?:thuc hien|can cu|trien khai|cu the hoa)/.test(layout.folded.slice(p.contentStart, p.contentEnd))) {
      out.push({ start: p.contentStart, end: p.contentEnd });
    }
  }
  return out;
}

/**
 * Targets that state no timing of their own are due when the document's horizon ends: the
 * year of an annual plan ("Kế hoạch … năm 2024"), the end of a period or of the term.
 */
function documentDeadline(
  layout: Layout,
  title: { start: number; end: number } | null,
  term: { to: number } | null,
  kind: string | null,
): number | null {
  if (title) {
    const found = findTimings(layout.folded, title.start, title.end).filter((t) => t.kind === 'deadline');
    const last = found[found.length - 1];
    if (last?.year) return last.year;
  }
  if (term && kind !== 'bao_cao') return term.to;
  return null;
}
