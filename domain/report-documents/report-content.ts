/**
 * What goes into a báo cáo kết quả thực hiện (six-month or annual report on an action programme):
 * every line of text and every figure, already worded and formatted, independent of the file
 * format. server/report-documents/ lays the same content out as DOCX (Nghị định 30/2020/NĐ-CP)
 * and as XLSX, so the two can never disagree.
 */
import type { Comparator, ProgressStatus } from '../indicators/progress.ts';
import type { Period } from '../periods/period.ts';
import { openingSentence, programmeReference, type ProgrammeFacts } from './programme-reference.ts';
import { evidenceSummary, MAX_TASK_CHARS, shortenAtWord, taskOutcome, type ReportTask } from './report-tasks.ts';
import {
  formatCount,
  formatShare,
  periodPhrase,
  placeAndDate,
  planPhrase,
  reportNumberLine,
  sentenceCase,
  shortDate,
  type TargetTiming,
  upperVi,
} from './report-wording.ts';
import { targetLabel } from './target-label.ts';
import { buildUnitGroup, figureOf, type ChildFigures, type Figure, type UnitGroup } from './unit-breakdown.ts';

export type { ChildFigures, Figure, UnitGroup, UnitRow } from './unit-breakdown.ts';

export interface TargetFigures {
  targetId: number;
  subject: string;
  /** The programme's sentence the target was read from (uploads); the label is finished from it. */
  quote?: string | null;
  indicator: { code: string; name: string; unit: string };
  comparator: Comparator;
  targetValue: number;
  timing: TargetTiming;
  value: number | null;
  progress: { status: ProgressStatus; statusLabel: string; shareAchieved: number | null };
}

export interface CompletenessFigures {
  templateName: string;
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  accepted: number;
  returned: number;
  missing: number;
}

export interface ReportInput {
  unit: { code: string; name: string; kind: string; symbol: string | null; place: string | null };
  parent: { name: string; place: string | null } | null;
  document: {
    id: number;
    kind: string;
    symbol: string | null;
    title: string;
    issuedOn: string | null;
    issuerName: string;
    issuerText?: string | null;
    citedDates?: string[];
  };
  period: Period;
  /** The day the report is dated. */
  reportDate: string;
  /** The day the figures are measured on (the period's end, or the report date if earlier). */
  asOf: string;
  targets: TargetFigures[];
  /** Each target's children table (units directly below), ranked lagging-first as on Tổng quan. */
  breakdown: Map<number, ChildFigures[]>;
  completeness: CompletenessFigures[];
  /** The programme's tasks the unit carries (its own and those given to it), in the document's order. */
  tasks: ReportTask[];
  signer?: { capacity?: string | null; title?: string | null; name?: string | null };
}

export interface TargetLine {
  no: number;
  label: string;
  plan: string;
  actual: Figure;
  share: Figure;
  assessment: string;
  status: ProgressStatus;
}

export interface CompletenessLine {
  templateName: string;
  figures: [Figure, Figure, Figure, Figure, Figure, Figure, Figure];
}

export interface TaskLine {
  no: number;
  text: string;
  lead: string;
  /** The unit's status in the period and/or the count of the units it gave the task to. */
  status: string;
  /** Share of those units that completed it (empty when it gave it to nobody, or none has reported). */
  share: Figure;
  assignees: Figure;
  completed: Figure;
  overdue: Figure;
  files: Figure;
  evidence: string;
}

export interface ReportContent {
  fileBaseName: string;
  header: { parentName: string | null; unitName: string; country: string; motto: string };
  numberLine: string;
  placeDate: string;
  title: string;
  subtitle: string;
  periodLine: string;
  opening: string;
  asOfNote: string;
  sections: { targets: string; units: string; completeness: string; tasks: string; assessment: string };
  targetColumns: string[];
  targets: TargetLine[];
  targetSummary: string;
  unitColumns: string[];
  units: UnitGroup[];
  completenessColumns: string[];
  completeness: CompletenessLine[];
  completenessSummary: string;
  taskSummary: string;
  /** Section IV's table (DOCX and XLSX). */
  taskColumns: string[];
  /** The counts behind it, as numbers, in the spreadsheet only. */
  taskCountColumns: string[];
  tasks: TaskLine[];
  assessment: { note: string; prompts: string[] };
  recipients: string[];
  signer: { capacity: string; title: string; name: string; nameIsPlaceholder: boolean };
}

/** Marks the staff fill in before signing; the DOCX highlights them so none is left behind. */
export const PLACEHOLDER_OPEN = '[';
export const NAME_PLACEHOLDER = '[Họ và tên người ký]';
export const TASKS_PLACEHOLDER = '[Cán bộ bổ sung các nhiệm vụ, giải pháp đã triển khai và kết quả: …]';

const STATUS_ORDER: ProgressStatus[] = ['met', 'on_track', 'behind', 'missed', 'no_data'];
const STATUS_WORDS: Record<ProgressStatus, string> = {
  met: 'đã đạt',
  on_track: 'đúng tiến độ',
  behind: 'chậm tiến độ',
  missed: 'không đạt',
  no_data: 'chưa có số liệu',
};

const figure = figureOf;
const shareFigure = (share: number | null): Figure => ({ text: formatShare(share), value: share ?? null, format: 'percent' });
const countFigure = (n: number): Figure => ({ text: formatCount(n), value: n, format: 'count' });

const labelOf = (t: TargetFigures) => targetLabel(t.subject, t.quote ?? null, t.indicator.name);

/** "ASCII-only, lower case" for file names: "bao-cao-TNI-P01-2026-H1". */
function fileBaseName(code: string, periodCode: string): string {
  return `bao-cao-${code}-${periodCode}`.replace(/[^A-Za-z0-9-]+/g, '-');
}

export function buildReportContent(input: ReportInput): ReportContent {
  const { unit, parent, document, period } = input;
  const place = unit.place?.trim() || parent?.place?.trim() || '…';
  const facts: ProgrammeFacts = {
    kind: document.kind,
    symbol: document.symbol,
    title: document.title,
    issuedOn: document.issuedOn,
    issuerText: document.issuerText ?? null,
    issuerUnitName: document.issuerName,
    citedDates: document.citedDates ?? [],
  };
  const programme = programmeReference(facts);
  const reference = programme.short;
  const when = periodPhrase(period);

  const targets: TargetLine[] = input.targets.map((t, i) => ({
    no: i + 1,
    label: labelOf(t),
    plan: planPhrase(t.comparator, t.targetValue, t.indicator.unit, t.timing),
    actual: figure(t.value, t.indicator.unit),
    share: shareFigure(t.progress.shareAchieved),
    assessment: t.progress.statusLabel,
    status: t.progress.status,
  }));
  const counts = new Map<ProgressStatus, number>();
  for (const t of targets) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const targetSummary =
    targets.length === 0
      ? `${sentenceCase(reference)} chưa có chỉ tiêu áp dụng cho ${unit.name}.`
      : `Trong ${formatCount(targets.length)} chỉ tiêu: ${STATUS_ORDER.filter((s) => counts.get(s))
          .map((s) => `${formatCount(counts.get(s)!)} chỉ tiêu ${STATUS_WORDS[s]}`)
          .join(', ')}.`;

  const units: UnitGroup[] = input.targets.map((t, i) =>
    buildUnitGroup(
      i + 1,
      targets[i]!.label,
      { unit: t.indicator.unit, comparator: t.comparator, targetValue: t.targetValue },
      input.breakdown.get(t.targetId) ?? [],
    ),
  );

  const completeness: CompletenessLine[] = input.completeness.map((c) => ({
    templateName: c.templateName,
    figures: [
      countFigure(c.expected),
      countFigure(c.submitted),
      countFigure(c.onTime),
      countFigure(c.late),
      countFigure(c.accepted),
      countFigure(c.returned),
      countFigure(c.missing),
    ],
  }));
  const expected = input.completeness.reduce((s, c) => s + c.expected, 0);
  const submitted = input.completeness.reduce((s, c) => s + c.submitted, 0);
  const completenessSummary =
    expected === 0
      ? `Kỳ ${when} không có đơn vị trực thuộc phải nộp báo cáo.`
      : `Đến ngày ${shortDate(input.reportDate)}, ${formatCount(submitted)}/${formatCount(expected)} lượt đơn vị đã nộp báo cáo ${when} (${formatShare((100 * submitted) / expected) || '0%'}).`;

  const tasks: TaskLine[] = input.tasks.map((t, i) => {
    const outcome = taskOutcome(t, period, input.asOf);
    const r = outcome.rollUp;
    return {
      no: i + 1,
      text: shortenAtWord(sentenceCase(t.title), MAX_TASK_CHARS),
      lead: t.lead?.trim() ?? '',
      status: outcome.status,
      share: shareFigure(r && outcome.assigneesReported ? (100 * r.completed) / r.assignees : null),
      assignees: countFigure(r?.assignees ?? 0),
      completed: countFigure(r?.completed ?? 0),
      overdue: countFigure(r?.overdue ?? 0),
      files: countFigure(outcome.evidence.length),
      evidence: evidenceSummary(outcome.evidence),
    };
  });
  const owned = input.tasks.filter((t) => t.owned).length;
  const given = [
    owned && `${formatCount(owned)} nhiệm vụ của đơn vị`,
    owned < tasks.length && `${formatCount(tasks.length - owned)} nhiệm vụ được cấp trên giao`,
  ]
    .filter(Boolean)
    .join(', ');
  const taskSummary =
    tasks.length === 0
      ? `Chưa có nhiệm vụ nào của ${reference} được theo dõi cho ${unit.name} trên hệ thống Tiến Độ.`
      : `${unit.name} theo dõi ${formatCount(tasks.length)} nhiệm vụ của ${reference} trên hệ thống Tiến Độ (${given}); kết quả thực hiện ${when} như sau:`;

  const signerName = input.signer?.name?.trim();
  return {
    fileBaseName: fileBaseName(unit.code, period.code),
    header: {
      parentName: parent ? upperVi(parent.name) : null,
      unitName: upperVi(unit.name),
      country: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      motto: 'Độc lập - Tự do - Hạnh phúc',
    },
    numberLine: reportNumberLine(unit.symbol),
    placeDate: placeAndDate(place, input.reportDate),
    title: 'BÁO CÁO',
    subtitle: `Kết quả thực hiện ${programme.full}`,
    periodLine: `(${when})`,
    opening: openingSentence(programme, unit.name, when),
    asOfNote: `Số liệu tính đến ngày ${shortDate(input.asOf)}, lấy trực tiếp từ sổ sách và báo cáo trên hệ thống Tiến Độ.`,
    sections: {
      targets: 'I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
      units: 'II. KẾT QUẢ THEO ĐƠN VỊ TRỰC THUỘC',
      completeness: 'III. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ',
      tasks: 'IV. VIỆC THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP',
      assessment: 'V. ĐÁNH GIÁ CHUNG VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
    },
    targetColumns: ['STT', 'Chỉ tiêu', 'Kế hoạch', 'Thực hiện', 'Tỷ lệ đạt', 'Đánh giá'],
    targets,
    targetSummary,
    unitColumns: ['STT', 'Đơn vị', 'Chỉ tiêu được giao', 'Thực hiện', 'Tỷ lệ đạt', 'Đánh giá'],
    units,
    completenessColumns: ['Báo cáo', 'Phải nộp', 'Đã nộp', 'Đúng hạn', 'Trễ hạn', 'Đã duyệt', 'Bị trả lại', 'Chưa nộp'],
    completeness,
    completenessSummary,
    taskSummary,
    taskColumns: ['STT', 'Nhiệm vụ, giải pháp', 'Chủ trì', 'Kết quả thực hiện', 'Tỷ lệ đơn vị hoàn thành', 'Minh chứng'],
    taskCountColumns: ['Đơn vị được giao', 'Đơn vị hoàn thành', 'Đơn vị quá hạn', 'Số tệp minh chứng'],
    tasks,
    assessment: {
      note: 'Phần này do cán bộ soạn thảo tự viết; các đoạn trong ngoặc vuông [ ] được tô vàng cần thay bằng nội dung trước khi trình ký.',
      prompts: [
        '[Ưu điểm, kết quả nổi bật: …]',
        '[Hạn chế, khó khăn và nguyên nhân: …]',
        '[Phương hướng, nhiệm vụ trọng tâm thời gian tới: …]',
        '[Kiến nghị, đề xuất: …]',
      ],
    },
    recipients: [...new Set([parent?.name, document.issuerName].filter((n): n is string => !!n && n !== unit.name))]
      .map((n) => `- ${n} (để báo cáo);`)
      .concat(['- Các đơn vị trực thuộc;', '- Lưu: VT.']),
    signer: {
      capacity: upperVi(input.signer?.capacity?.trim() || (unit.kind === 'grassroots' ? 'TM. BAN CHẤP HÀNH' : 'TM. BAN THƯỜNG VỤ')),
      title: upperVi(input.signer?.title?.trim() || 'CHỦ TỊCH'),
      name: signerName || NAME_PLACEHOLDER,
      nameIsPlaceholder: !signerName,
    },
  };
}
