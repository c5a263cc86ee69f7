// From what the extractor read to what a reviewer is asked to confirm: each extracted target
// becomes a proposal in the target model's terms (indicator suggested from the catalogue by its
// subject, registry sectors, employer-size threshold, a deadline year or every year), and the
// document header becomes prefilled metadata. Pure, so the server and its tests share it.
import { suggestIndicators } from '../indicators/catalogue.ts';
import type { Sector as RegistrySector } from '../org/org-unit.ts';
import type { Comparator, DocumentKind, ExtractedTarget, ExtractionResult, Sector, TargetUnit } from './extraction-types.ts';

/** The kinds a stored plan document has (the values of the Văn bản & chỉ tiêu forms). */
export type PlanDocumentKind = 'resolution' | 'program' | 'plan' | 'directive' | 'conclusion' | 'decision' | 'guidance' | 'other';

const KIND_OF: Partial<Record<DocumentKind, PlanDocumentKind>> = {
  nghi_quyet: 'resolution',
  chuong_trinh_hanh_dong: 'program',
  chuong_trinh: 'program',
  ke_hoach: 'plan',
  de_an: 'plan',
  chi_thi: 'directive',
  ket_luan: 'conclusion',
  quyet_dinh: 'decision',
  huong_dan: 'guidance',
};

const KIND_LABEL: Partial<Record<DocumentKind, string>> = {
  nghi_quyet: 'Nghị quyết',
  chuong_trinh_hanh_dong: 'Chương trình hành động',
  chuong_trinh: 'Chương trình',
  ke_hoach: 'Kế hoạch',
  de_an: 'Đề án',
  chi_thi: 'Chỉ thị',
  ket_luan: 'Kết luận',
  quyet_dinh: 'Quyết định',
  huong_dan: 'Hướng dẫn',
  bao_cao: 'Báo cáo',
  thong_bao: 'Thông báo',
  quy_che: 'Quy chế',
  quy_dinh: 'Quy định',
  to_trinh: 'Tờ trình',
};

export function planDocumentKind(kind: DocumentKind | null): PlanDocumentKind {
  return (kind && KIND_OF[kind]) ?? 'other';
}

const REGISTRY_SECTORS: Record<Sector, RegistrySector[]> = {
  hcsn: ['hcsn'],
  dnnn: ['dnnn'],
  nha_nuoc: ['hcsn', 'dnnn'],
  ngoai_nha_nuoc: ['private', 'fdi'],
  tu_nhan: ['private'],
  fdi: ['fdi'],
};

/** The registry sectors a target's wording narrows to; null when it speaks of every sector. */
export function registrySectors(sectors: readonly Sector[]): RegistrySector[] | null {
  const out = new Set<RegistrySector>();
  for (const s of sectors) for (const r of REGISTRY_SECTORS[s]) out.add(r);
  return out.size === 0 || out.size === 4 ? null : [...out].sort();
}

/** "doanh nghiệp có từ 25 lao động trở lên" → 25; "trên 30 lao động" → 31. Other sizes are not employer sizes. */
export function minWorkersOf(threshold: ExtractedTarget['scope']['sizeThreshold']): number | null {
  if (!threshold || !/lao dong|cong nhan|nguoi lao dong/.test(threshold.of)) return null;
  if (threshold.comparator === '>=' || threshold.comparator === '=') return threshold.value;
  if (threshold.comparator === '>') return threshold.value + 1;
  return null;
}

export interface IndicatorSuggestion {
  code: string;
  name: string;
  unit: 'count' | 'percent' | 'ratio';
}

export interface TargetProposal {
  /** Stable within one extraction: "target-<index>". */
  key: string;
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
  quote: string;
  subject: string;
  value: number;
  unit: TargetUnit;
  comparator: Comparator;
  /** Every year of the plan's term, or one deadline year (prefilled from the term when the text gives none). */
  annual: boolean;
  deadlineYear: number | null;
  /** Where the timing came from, so the reviewer knows what to check. */
  timingSource: ExtractedTarget['timingSource'];
  sectors: RegistrySector[] | null;
  minWorkers: number | null;
  /** "tăng 5%": a change rather than a level — the reviewer decides how to measure it. */
  change: 'increase' | 'decrease' | null;
  suggestions: IndicatorSuggestion[];
}

export function proposeTargets(result: ExtractionResult): TargetProposal[] {
  return result.targets.map((t, i) => ({
    key: `target-${i}`,
    start: t.start,
    end: t.end,
    valueStart: t.valueStart,
    valueEnd: t.valueEnd,
    quote: t.quote,
    subject: t.subject,
    value: t.value,
    unit: t.unit,
    comparator: t.comparator,
    annual: t.recurrence === 'annual',
    // No timing stated: none proposed (the reviewer sets it), never the document's own date.
    deadlineYear: t.recurrence === 'annual' ? null : t.deadlineYear,
    timingSource: t.timingSource,
    sectors: registrySectors(t.scope.sectors),
    minWorkers: minWorkersOf(t.scope.sizeThreshold),
    change: t.change,
    suggestions: suggestIndicators(t.subject, t.unit, { quote: t.quote }).map((s) => ({ code: s.code, name: s.name, unit: s.unit })),
  }));
}

export interface MetadataProposal {
  kind: PlanDocumentKind;
  symbol: string | null;
  title: string | null;
  issuerText: string | null;
  place: string | null;
  /** Only a full date: a draft's "tháng 8 năm 2024" leaves the day to the reviewer. */
  issuedOn: string | null;
  termFrom: number | null;
  termTo: number | null;
  signerCapacity: string | null;
  signerTitle: string | null;
  signerName: string | null;
}

export function proposeMetadata(result: ExtractionResult): MetadataProposal {
  const d = result.document;
  const date = d.date?.value ?? null;
  return {
    kind: planDocumentKind(d.kind),
    symbol: d.symbol?.value ?? null,
    title: d.title ? tidyTitle(d.title.value, d.kind) : null,
    issuerText: d.issuer?.value ?? null,
    place: d.place?.value ?? null,
    issuedOn: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    termFrom: d.term?.from ?? null,
    termTo: d.term?.to ?? null,
    signerCapacity: d.signer?.capacity ?? null,
    signerTitle: d.signer?.title ?? null,
    signerName: d.signer?.name ?? null,
  };
}

/**
 * A title line broken by the layout reads as one sentence. A trích yếu that continues the kind
 * line ("của Ban Chấp hành…", "thực hiện Nghị quyết…") is named the way people cite it:
 * "Chương trình hành động của Ban Chấp hành…".
 */
function tidyTitle(title: string, kind: DocumentKind | null): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  const label = kind ? KIND_LABEL[kind] : undefined;
  if (label && /^\p{Ll}/u.test(flat)) return `${label} ${flat}`;
  return flat.charAt(0).toLocaleUpperCase('vi') + flat.slice(1);
}
