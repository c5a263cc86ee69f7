// The structured result of reading a planning document. Every item carries `start`/`end`
// character offsets into the normalised text (see `normalizeVietnamese`), so a review screen can
// highlight exactly what was read.

export type DocumentKind =
  | 'nghi_quyet'
  | 'chuong_trinh_hanh_dong'
  | 'chuong_trinh'
  | 'ke_hoach'
  | 'chi_thi'
  | 'ket_luan'
  | 'quyet_dinh'
  | 'huong_dan'
  | 'bao_cao'
  | 'de_an'
  | 'thong_bao'
  | 'quy_che'
  | 'quy_dinh'
  | 'cong_van'
  | 'to_trinh'
  | 'nghi_dinh'
  | 'thong_tu'
  | 'luat';

export interface Span {
  start: number;
  end: number;
}

export interface TextField extends Span {
  value: string;
}

export type Comparator = '>' | '>=' | '=' | '<=' | '<';
/** Money is a sum in đồng ("40 triệu đồng" is 40000000). */
export type TargetUnit = 'count' | 'percent' | 'money';
export type Sector = 'hcsn' | 'dnnn' | 'nha_nuoc' | 'ngoai_nha_nuoc' | 'tu_nhan' | 'fdi';

export interface Timing {
  deadlineYear: number | null;
  recurrence: 'annual' | null;
  /** Where the timing came from, for the reviewer: the clause itself, a heading, the term… */
  source: 'clause' | 'sentence' | 'heading' | 'section' | 'term' | 'document' | 'none';
}

export interface TargetScope {
  sectors: Sector[];
  /** Size condition such as "doanh nghiệp có từ 25 lao động trở lên". */
  sizeThreshold: { comparator: Comparator; value: number; of: string } | null;
}

export interface ExtractedTarget extends Span {
  value: number;
  unit: TargetUnit;
  comparator: Comparator;
  deadlineYear: number | null;
  recurrence: 'annual' | null;
  subject: string;
  /** The span text with whitespace runs collapsed (line breaks from PDFs removed). */
  quote: string;
  scope: TargetScope;
  /** Set when the number is a change ("tăng 5%") rather than a level. */
  change: 'increase' | 'decrease' | null;
  /** Money amounts are counts of đồng. */
  currency: 'VND' | null;
  timingSource: Timing['source'];
  /** Offsets of the number itself inside the text. */
  valueStart: number;
  valueEnd: number;
}

export interface Baseline extends Span {
  value: number;
  unit: TargetUnit;
  subject: string;
  quote: string;
  /** Year the figure refers to when stated ("năm 2023", "tính đến 31/12/2023"). */
  year: number | null;
}

export interface QualitativeTarget extends Span {
  text: string;
  deadlineYear: number | null;
  recurrence: 'annual' | null;
}

export interface DocumentReference extends Span {
  symbol: string;
  number: string;
  typeCode: string;
  issuerCode: string;
  kind: DocumentKind | null;
  /** ISO date (YYYY-MM-DD) when the text gives it next to the symbol. */
  date: string | null;
  relation: 'implements' | 'replaces' | 'cites';
  mentions: Span[];
}

export interface ReportingDuty extends Span {
  cadence: string | null;
  to: string | null;
  via: string[];
}

export interface ExtractedTask extends Span {
  text: string;
  section: 'tasks' | 'organisation';
  /** The heading the task sits under (e.g. "3.1. Tập trung…" or "1. Liên đoàn Lao động tỉnh"). */
  group: string | null;
  lead: string | null;
  coordinating: string[];
  reporting: ReportingDuty | null;
}

export interface DocumentMetadata {
  kind: DocumentKind | null;
  symbol: TextField | null;
  issuer: TextField | null;
  place: TextField | null;
  /** ISO date; "YYYY-MM" when the day is left blank, as drafts often do. */
  date: TextField | null;
  title: TextField | null;
  term: { from: number; to: number; start: number; end: number } | null;
  signer: { capacity: string | null; title: string | null; name: string | null; start: number; end: number } | null;
  recipients: TextField[];
  replaces: string[];
  implements: string[];
  reporting: ReportingDuty | null;
}

export interface ExtractionResult {
  document: DocumentMetadata;
  references: DocumentReference[];
  targets: ExtractedTarget[];
  baselines: Baseline[];
  qualitativeTargets: QualitativeTarget[];
  tasks: ExtractedTask[];
}
