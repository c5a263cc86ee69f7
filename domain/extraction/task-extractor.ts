// Tasks from the "Nhiệm vụ, giải pháp" and "Tổ chức thực hiện" sections: each bullet or
// paragraph, who leads it ("X chủ trì"), who coordinates ("phối hợp với Y, Z"), and the
// reporting duty ("định kỳ 6 tháng, năm báo cáo kết quả về LĐLĐ tỉnh (qua Ban Tuyên giáo)").
import { collapseSpaces } from '../text/vietnamese-normalize.ts';
import type { Layout, Paragraph } from './document-layout.ts';
import type { ExtractedTask, ReportingDuty } from './extraction-types.ts';

const VERBS =
  '(?:tham muu|to chuc|nghien cuu|theo doi|huong dan|trien khai|xay dung|thuc hien|kiem tra|tong hop|danh gia|giam sat|de xuat|chi dao|ra soat|tuyen truyen|phat dong|quan triet|hoan thien|bao cao|dinh ky|ban hanh|cung co|lam tot|sua doi|can cu)';

export function extractTasks(layout: Layout): ExtractedTask[] {
  const { text } = layout;
  const out: ExtractedTask[] = [];
  for (const para of layout.paragraphs) {
    const cls = para.section.cls;
    if ((cls !== 'tasks' && cls !== 'organisation') || para.isHeading) continue;
    const content = text.slice(para.contentStart, para.contentEnd);
    if (content.trim().length < 15) continue;
    const lead = readLead(layout, para);
    out.push({
      text: collapseSpaces(content.replace(/[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}/g, '')),
      start: para.contentStart,
      end: para.contentEnd,
      section: cls,
      group: para.section.heading ? para.section.headingText : null,
      lead: lead ?? (cls === 'organisation' ? unitHeading(layout, para) : null),
      coordinating: readCoordinating(layout, para),
      reporting: readReporting(layout, para.contentStart, para.contentEnd),
    });
  }
  return out;
}

function readLead(layout: Layout, para: Paragraph): string | null {
  const { text, folded } = layout;
  const slice = folded.slice(para.contentStart, para.contentEnd);
  const m =
    /(?:^|[.;:]\s+|(?<![\p{L}])(?:giao|do|de nghi)\s+)((?:[^.;:(]){3,90}?)\s+(?:la\s+(?:co quan|don vi)\s+)?chu tri(?![\p{L}])/u.exec(
      slice,
    );
  if (!m || m[1] === undefined) return null;
  const start = para.contentStart + m.index + m[0].indexOf(m[1]);
  const value = collapseSpaces(text.slice(start, start + m[1].length)).replace(/^(?:Giao|Đề nghị|Do)\s+/u, '');
  return value || null;
}

function readCoordinating(layout: Layout, para: Paragraph): string[] {
  const { text, folded } = layout;
  const slice = folded.slice(para.contentStart, para.contentEnd);
  const re = new RegExp(`phoi hop(?:\\s+(?:chat che|voi|cung))*\\s+(.+?)(?=\\s+${VERBS}(?![\\p{L}])|[.;:(]|$)`, 'u');
  const m = re.exec(slice);
  if (!m || m[1] === undefined) return [];
  const start = para.contentStart + m.index + m[0].length - m[1].length;
  const raw = text.slice(start, start + m[1].length);
  return raw
    .split(/,|\s+và\s+/u)
    .map((s) => collapseSpaces(s))
    .filter((s) => s.length > 2 && /^\p{Lu}|^các\s/u.test(s));
}

/** In "Tổ chức thực hiện", a sub-heading naming a unit ("1. Liên đoàn Lao động tỉnh") assigns its bullets. */
function unitHeading(layout: Layout, para: Paragraph): string | null {
  const section = para.section;
  if (!section.heading || section.cls !== 'organisation' || section.parent?.cls !== 'organisation') return null;
  const h = section.headingText.replace(/^[\dIVX.)\s]+/, '').trim();
  return h.length > 0 && h.length <= 160 && /^\p{Lu}/u.test(h) ? h : null;
}

export function readReporting(layout: Layout, start: number, end: number): ReportingDuty | null {
  const { text, folded } = layout;
  const slice = folded.slice(start, end);
  const at = slice.search(/(?<![\p{L}])bao cao(?![\p{L}])/u);
  if (at < 0) return null;
  // Look at the sentence holding "báo cáo".
  const sentenceStart = Math.max(slice.lastIndexOf('. ', at), slice.lastIndexOf(';', at), -1) + 1;
  const nextStop = text.slice(start + at, end).search(/\.\s+\p{Lu}|\.\s*$|;/u);
  const sentenceEnd = nextStop < 0 ? slice.length : at + nextStop;
  const sentence = slice.slice(sentenceStart, sentenceEnd);
  const cadence = readCadence(text, start + sentenceStart, sentence);
  const to = readRecipient(text, start + sentenceStart, sentence);
  const via = readVia(text, start + sentenceStart, slice.slice(sentenceStart, Math.min(slice.length, sentenceEnd + 120)));
  if (!cadence && !to) return null;
  return { cadence, to, via, start: start + sentenceStart, end: start + sentenceEnd };
}

function readCadence(text: string, offset: number, sentence: string): string | null {
  const periodic = /dinh ky\s+((?:\d+\s+thang|hang quy|hang nam|quy|nam|thang)(?:\s*(?:,|va|\/)\s*(?:\d+\s+thang|quy|nam|ca nam))*)/.exec(
    sentence,
  );
  if (periodic && periodic[1]) {
    const s = offset + periodic.index + periodic[0].length - periodic[1].length;
    return collapseSpaces(text.slice(s, s + periodic[1].length));
  }
  const every = /(?<![\p{L}])(?:hang|moi) (?:nam|quy|thang)(?![\p{L}])/u.exec(sentence);
  if (every) return collapseSpaces(text.slice(offset + every.index, offset + every.index + every[0].length));
  if (/dinh ky/.test(sentence)) return /so ket|tong ket/.test(sentence) ? 'định kỳ (sơ kết, tổng kết)' : 'định kỳ';
  return null;
}

function readRecipient(text: string, offset: number, sentence: string): string | null {
  const direct =
    /bao cao(?:\s+(?:ket qua|tinh hinh)(?:\s+thuc hien)?)?\s+(?:ve|cho|len|gui|toi)\s+(.+?)(?=\s*\(|\s+dinh ky|\s+theo|\s+truoc|\s+de\s|[;.,]|$)/d.exec(
      sentence,
    ) ??
    /bao cao\s+((?:ban|ldld|lien doan|tinh uy|huyen uy|thanh uy|thuong truc|ubnd|uy ban|cong doan|dang uy|tong lien doan)[^;.,(]*?)\s+(?:ket qua|tinh hinh|ve\s)/d.exec(
      sentence,
    );
  const span = direct?.indices?.[1];
  if (!span) return null;
  return collapseSpaces(text.slice(offset + span[0], offset + span[1])) || null;
}

function readVia(text: string, offset: number, window: string): string[] {
  const m = /\(\s*[*_]*\s*qua\s+([^)]+?)[*_]*\s*\)/.exec(window);
  if (!m || m[1] === undefined) return [];
  const s = offset + m.index + m[0].indexOf(m[1]);
  return text
    .slice(s, s + m[1].length)
    .split(/,|\s+và\s+/u)
    .map((x) => collapseSpaces(x.replace(/[*_]/g, '')))
    .filter(Boolean);
}
