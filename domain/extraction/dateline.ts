// The day a news write-up was published ("THỨ HAI, 18/01/2021 11:28:17", "24/12/2019 - 07:42"):
// not the document's issue date (metadata leaves that empty for an article), but the "now" the
// article speaks from, so that "trong năm 2020" in a 2021 article reads as a result, not a target.
import type { Layout } from './document-layout.ts';

const DATELINE =
  /^(?:[\p{L} ]{0,12},\s*|ngay\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?:\s*[-–|,]?\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:\(?gmt[+-]\d+\)?)?$/u;

/** The year of a dateline among the first lines: a line that is only a date (and a time). */
export function datelineYear(layout: Layout): number | null {
  for (const p of layout.paragraphs.slice(0, 12)) {
    const line = layout.folded.slice(p.contentStart, p.contentEnd).trim();
    const m = line.length <= 48 ? DATELINE.exec(line) : null;
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return Number(m[3]);
  }
  return null;
}
