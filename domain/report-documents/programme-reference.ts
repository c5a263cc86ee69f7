/**
 * How a report names the programme it reports on: by kind, number, date and issuer, as an officer
 * cites a document ("Chương trình hành động số 05/CTr-LĐLĐ ngày 18/01/2024 của Ban Chấp hành Liên
 * đoàn Lao động tỉnh"), followed by what it is about. A fact the system does not hold, or holds
 * wrongly, becomes a highlighted blank for the officer to fill: a wrong number or date in a signed
 * report is worse than an empty one.
 */
import { documentKindWords, shortDate } from './report-wording.ts';

/** Marks a fact the officer types in; "[" opens a placeholder the DOCX highlights. */
export const BLANK = '[……]';

export interface ProgrammeFacts {
  kind: string;
  symbol: string | null;
  /** The trích yếu as recorded: with the kind ("Chương trình hành động thực hiện …") or without it ("của Ban Chấp hành … thực hiện …"). */
  title: string;
  issuedOn: string | null;
  /** The issuer as the document's header names it (uploads), if recorded. */
  issuerText: string | null;
  /** The unit the programme is filed under. */
  issuerUnitName: string;
  /** Dates of the documents it implements or cites. */
  citedDates: readonly string[];
}

export interface ProgrammeReference {
  /** "Chương trình hành động số 05/CTr-LĐLĐ ngày 18/01/2024 của Ban Chấp hành Liên đoàn Lao động tỉnh". */
  full: string;
  /** What it is about, as its title says: "thực hiện Nghị quyết Đại hội …", "về phát triển đoàn viên" (may be empty). */
  about: string;
  /** A later mention in the same report: "Chương trình hành động số 05/CTr-LĐLĐ", or "Chương trình hành động nêu trên" without a number. */
  short: string;
}

const KIND_PREFIX = /^(chương trình hành động|chương trình|kế hoạch|nghị quyết|đề án|chỉ thị|kết luận|quyết định)(?=\s|$)\s*/iu;
/** Where an issuer named in the title ("của Ban Chấp hành Liên đoàn Lao động tỉnh …") ends and the subject begins. */
const ISSUER_END =
  /\s+(?=(?:thực hiện|về|triển khai|tiếp tục|nhằm|đẩy mạnh|nâng cao|tăng cường|giai đoạn|nhiệm kỳ|năm \d{4})(?![\p{L}]))|\s*[,;:(]/u;
const STARTS_ABOUT = /^(?:về|thực hiện|triển khai|tiếp tục|nhằm)(?![\p{L}])/iu;

/**
 * The date is withheld when it cannot be the programme's own: on or before the date of a document
 * it implements or cites (a programme follows what it implements — a header misread once gave a
 * programme the date of the resolution in its title, "ngày 12 tháng 6 năm 2021").
 */
export function trustedIssueDate(issuedOn: string | null, citedDates: readonly string[]): string | null {
  if (!issuedOn) return null;
  // Dates may be a month only ("2024-08"): compared on what both state; the same month is no proof.
  const impossible = citedDates.some((d) => {
    const n = Math.min(d.length, issuedOn.length);
    return d.slice(0, n) > issuedOn.slice(0, n) || (n === 10 && d === issuedOn);
  });
  return impossible ? null : issuedOn;
}

/**
 * Dates the title cites ("Nghị quyết số 02-NQ/TW ngày 12/6/2021", "ngày 12 tháng 6 năm 2021"):
 * a typed programme has no recorded links, and its title is where the resolution's date stands.
 */
export function datesIn(title: string): string[] {
  const iso = (d: string, m: string, y: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const t = title.normalize('NFC');
  return [
    ...[...t.matchAll(/(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/gu)].map((m) => iso(m[1]!, m[2]!, m[3]!)),
    ...[...t.matchAll(/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu)].map((m) => iso(m[1]!, m[2]!, m[3]!)),
  ];
}

/** "18/01/2024"; a month-only date ("2024-08", the day left blank in the source) "[……]/08/2024". */
function citedDate(iso: string): string {
  return /^\d{4}-\d{2}$/.test(iso) ? `${BLANK}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : shortDate(iso);
}

export function programmeReference(p: ProgrammeFacts): ProgrammeReference {
  const words = documentKindWords(p.kind, p.title);
  let rest = p.title.normalize('NFC').replace(/\s+/g, ' ').trim().replace(KIND_PREFIX, '');
  let titleIssuer: string | null = null;
  const of = /^của\s+/iu.exec(rest);
  if (of) {
    const tail = rest.slice(of[0].length);
    const end = ISSUER_END.exec(tail);
    titleIssuer = (end ? tail.slice(0, end.index) : tail).trim() || null;
    rest = end ? tail.slice(end.index).replace(/^[\s,;:]+/, '') : '';
  }
  // The title's own words first: that is how the programme names its issuer (and how officers
  // copy it), where the recorded header text may be another spelling of the same body.
  const issuer = titleIssuer ?? p.issuerText?.trim() ?? p.issuerUnitName;
  const date = trustedIssueDate(p.issuedOn, [...p.citedDates, ...datesIn(p.title)]);
  const number = p.symbol?.trim() ? p.symbol.trim() : BLANK;
  const about = !rest ? '' : STARTS_ABOUT.test(rest) ? lowerFirst(rest) : `về ${lowerFirst(rest)}`;
  return {
    full: `${words} số ${number} ngày ${date ? citedDate(date) : BLANK} của ${issuer}`,
    about,
    short: p.symbol?.trim() ? `${words} số ${p.symbol.trim()}` : `${words} nêu trên`,
  };
}

/**
 * The opening sentence. It begins "Thực hiện …" as reports do, or "Triển khai …" when the
 * programme's own subject already says "thực hiện" ("… thực hiện Nghị quyết Đại hội …"): an
 * officer does not write "Thực hiện Chương trình … về thực hiện Nghị quyết".
 */
export function openingSentence(ref: ProgrammeReference, unitName: string, when: string): string {
  const verb = /(?<![\p{L}])thực hiện(?![\p{L}])/iu.test(ref.about) ? 'Triển khai' : 'Thực hiện';
  return `${verb} ${ref.full}${ref.about ? ` ${ref.about}` : ''}, ${unitName} báo cáo kết quả ${when} như sau:`;
}

/** Names that keep their capital inside a sentence ("về Nghị quyết …", "về Công đoàn …"). */
const PROPER_START =
  /^(?:nghị quyết|chương trình|kế hoạch|chỉ thị|kết luận|quyết định|đề án|luật|điều lệ|công đoàn|liên đoàn|tổng liên đoàn|đảng|đại hội|ban|bộ|nhà nước|chính phủ|quốc hội)(?![\p{L}])/iu;

function lowerFirst(text: string): string {
  const first = text.split(' ')[0] ?? '';
  if (PROPER_START.test(text) || (first.length > 1 && first === first.toLocaleUpperCase('vi-VN'))) return text;
  return text.charAt(0).toLocaleLowerCase('vi-VN') + text.slice(1);
}
