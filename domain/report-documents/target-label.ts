/**
 * The label of a target's row in a report: the target's subject as the programme words it. The
 * stored subject is the extractor's reading and has two known faults a report must not print:
 *
 * - it is cut after 30 words (domain/extraction/target-extractor.ts `subjectLimit`), which can
 *   fall inside a Vietnamese word of two syllables ("… khi đoàn viên có yêu", "… Điều lệ Công");
 *   the sentence it came from (`quote`) still has the rest, so the clause is finished from it;
 * - a count's subject is only the noun after the number ("kết nạp mới 1.500 đoàn viên" →
 *   "đoàn viên"), which names the stock, not the target; the words before the number in the same
 *   clause say what is counted ("Kết nạp mới đoàn viên").
 */
import { sentenceCase } from './report-wording.ts';

/** A subject this long may have been cut by the extractor's 30-word limit (cleaning drops a few leading words). */
const CUT_AT_WORDS = 25;
/** A finished clause longer than this is cut at its last comma instead (still between words). */
const MAX_COMPLETION_WORDS = 25;
const CLAUSE_END = /[;.:!?](?=\s|$)|\n/u;
/** What opens a clause and is not part of what is counted ("Hằng năm, phấn đấu có …"). */
const LEAD_IN =
  /^(?:[\s,\-–]+|(?:hằng năm|hàng năm|mỗi năm|đến năm \d{4}|đến hết năm \d{4}|đến cuối nhiệm kỳ|trong nhiệm kỳ|phấn đấu|bình quân|có|đạt)(?![\p{L}]))+/iu;
/** The figure and its comparator just before the subject ("trên 1.500", "ít nhất 01", "100%"). */
const FIGURE_BEFORE = /(?:\s|^)(?:(?:trên|dưới|ít nhất|tối thiểu|từ|có|đạt|khoảng|thêm)\s+)?\d[\d.,]*\s*%?\s*(?:trở lên\s*)?$/iu;

/**
 * The quote carried on to the end of its sentence in the programme's text: the extractor's quote
 * ends where its subject was cut, so the words that finish it are only in the document itself.
 * Null when the quote is not found in the text (a typed target, an edited text).
 */
export function sentenceOf(text: string, quote: string): string | null {
  const q = quote.normalize('NFC').trim();
  if (!q) return null;
  const pattern = q
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const found = new RegExp(pattern, 'u').exec(text.normalize('NFC'));
  if (!found) return null;
  const after = text.normalize('NFC').slice(found.index + found[0].length, found.index + found[0].length + 1000);
  const stop = /[.;!?:](?=\s|$)/u.exec(after)?.index ?? after.length;
  return (found[0] + after.slice(0, stop)).replace(/\s+/g, ' ').trim();
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi-VN').replace(/\s+/g, ' ');

export function targetLabel(subject: string, quote: string | null, indicatorName: string): string {
  const s = subject.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!s) return sentenceCase(indicatorName);
  const q = quote?.normalize('NFC').replace(/\s+/g, ' ').trim() ?? '';
  const at = q ? fold(q).indexOf(fold(s)) : -1;
  if (at < 0) return sentenceCase(s);
  if (words(s) >= CUT_AT_WORDS) return sentenceCase(finishClause(q, at, s.length));
  if (words(s) <= 2) return sentenceCase(withWordsBefore(q, at, s.length) ?? s);
  return sentenceCase(s);
}

/** The subject carried on to the end of its clause when the quote goes on with a letter (the cut fell inside it). */
function finishClause(q: string, at: number, length: number): string {
  const end = at + length;
  const subject = q.slice(at, end);
  if (!/^\s+\p{L}/u.test(q.slice(end))) return subject;
  const rest = q.slice(end);
  const stop = CLAUSE_END.exec(rest)?.index ?? rest.length;
  let completion = rest.slice(0, stop);
  if (words(completion) > MAX_COMPLETION_WORDS) {
    const comma = completion
      .slice(
        0,
        completion
          .split(' ')
          .slice(0, MAX_COMPLETION_WORDS + 1)
          .join(' ').length,
      )
      .lastIndexOf(',');
    completion =
      comma > 0
        ? completion.slice(0, comma)
        : completion
            .split(' ')
            .slice(0, MAX_COMPLETION_WORDS + 1)
            .join(' ') + ' …';
  }
  return (subject + completion).replace(/[\s,]+$/u, '');
}

/** "kết nạp mới" + "đoàn viên": the clause's words before the figure, when there are any. */
function withWordsBefore(q: string, at: number, length: number): string | null {
  const before = q.slice(0, at);
  // A clause ends at a punctuation mark followed by a space (the dot of "1.500" is not one).
  const clauseStart = [...before.matchAll(/[,;.:]\s/gu)].at(-1)?.index ?? -1;
  const lead = before.slice(clauseStart + 1);
  const figure = FIGURE_BEFORE.exec(lead);
  if (!figure) return null;
  const what = lead.slice(0, figure.index).replace(LEAD_IN, '').trim();
  if (!what) return null;
  return `${what} ${q.slice(at, at + length)}`;
}
