/**
 * How a report writes its figures, dates and periods. Tổng quan (app/scenes/dashboard/
 * target-format.ts) uses the same figure rules from here, so an officer comparing the draft with
 * the screen finds the same "52.600" and "85,5%".
 */
import type { Comparator } from '../indicators/progress.ts';
import type { Period } from '../periods/period.ts';

const COUNT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const RATIO = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 140000 → "140.000". */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** 140000 → "140.000"; 85.5 (percent) → "85,5%"; 0.4 (ratio) → "0,40"; no data → "" (never a fake 0). */
export function formatIndicatorValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  if (unit === 'percent') return `${PERCENT.format(value)}%`;
  if (unit === 'ratio') return RATIO.format(value);
  return COUNT.format(value);
}

/** Share of the way to the target, "85,5%"; a tiny non-zero share is "< 0,1%", not a flat "0%". */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '';
  if (share > 0 && share < 0.05) return '< 0,1%';
  return `${PERCENT.format(share)}%`;
}

/** "Trên 140.000", "Từ 85% trở lên", "100%": how documents word a commitment. */
export function targetValuePhrase(comparator: Comparator, value: number, unit: string): string {
  const v = formatIndicatorValue(value, unit);
  switch (comparator) {
    case '>':
      return `Trên ${v}`;
    case '>=':
      return `Từ ${v} trở lên`;
    case '=':
      return unit === 'percent' && value === 100 ? '100%' : `Đạt ${v}`;
    case '<=':
      return `Không quá ${v}`;
    case '<':
      return `Dưới ${v}`;
  }
}

export type TargetTiming = { kind: 'deadline'; deadline: string } | { kind: 'annual'; year: number };

/** "Trên 140.000 (đến năm 2028)", "Từ 85% trở lên (hằng năm)". */
export function planPhrase(comparator: Comparator, value: number, unit: string, timing: TargetTiming): string {
  const when = timing.kind === 'annual' ? 'hằng năm' : `đến năm ${timing.deadline.slice(0, 4)}`;
  return `${targetValuePhrase(comparator, value, unit)} (${when})`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "ngày 05 tháng 02 năm 2026": Nghị định 30/2020/NĐ-CP writes days below 10 and the months
 * January and February with a leading zero (so nobody can add a digit later), the others as is.
 */
export function dateInWords(iso: string): string {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`Ngày "${iso}" không hợp lệ.`);
  const day = Number(m[3]);
  const month = Number(m[2]);
  return `ngày ${String(day).padStart(2, '0')} tháng ${month <= 2 ? String(month).padStart(2, '0') : String(month)} năm ${m[1]}`;
}

/** "Tây Ninh, ngày 30 tháng 11 năm 2026". */
export function placeAndDate(place: string, iso: string): string {
  return `${place}, ${dateInWords(iso)}`;
}

/** "30/06/2026". */
export function shortDate(iso: string): string {
  const m = ISO.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The period as a report's title names it: "6 tháng đầu năm 2026", "năm 2026", "quý III năm 2026". */
export function periodPhrase(period: Pick<Period, 'label'>): string {
  return period.label.charAt(0).toLowerCase() + period.label.slice(1);
}

/** Vietnamese capitals, "Đ" included ("Công đoàn phường Tân Ninh" → "CÔNG ĐOÀN PHƯỜNG TÂN NINH"). */
export function upperVi(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('vi-VN');
}

const KIND_WORDS: Record<string, string> = {
  program: 'Chương trình hành động',
  chuong_trinh_hanh_dong: 'Chương trình hành động',
  chuong_trinh: 'Chương trình',
  plan: 'Kế hoạch',
  ke_hoach: 'Kế hoạch',
  resolution: 'Nghị quyết',
  nghi_quyet: 'Nghị quyết',
  de_an: 'Đề án',
  directive: 'Chỉ thị',
  chi_thi: 'Chỉ thị',
  conclusion: 'Kết luận',
  ket_luan: 'Kết luận',
  decision: 'Quyết định',
  quyet_dinh: 'Quyết định',
};
const TITLE_KINDS = ['Chương trình hành động', 'Chương trình', 'Kế hoạch', 'Nghị quyết', 'Đề án', 'Chỉ thị', 'Kết luận', 'Quyết định'];

/**
 * What the programme is called in the report ("Chương trình hành động"): the words its own title
 * begins with when it names itself, else its recorded kind. Uploads record "program" for every
 * programme, so the title is the better witness.
 */
export function documentKindWords(kind: string, title: string): string {
  const t = title.normalize('NFC').trim().toLocaleLowerCase('vi-VN');
  const named = TITLE_KINDS.find((k) => t.startsWith(k.toLocaleLowerCase('vi-VN')));
  return named ?? KIND_WORDS[kind] ?? 'Chương trình hành động';
}

/** "Số:        /BC-CĐ": the number itself is given by the office when the report is registered. */
export function reportNumberLine(unitSymbol: string | null): string {
  return `Số:        /BC-${unitSymbol?.trim() || 'CĐ'}`;
}

/** First letter in capitals, the rest as written ("đoàn viên công đoàn" → "Đoàn viên công đoàn"). */
export function sentenceCase(text: string): string {
  const t = text.normalize('NFC').trim();
  return t.charAt(0).toLocaleUpperCase('vi-VN') + t.slice(1);
}
