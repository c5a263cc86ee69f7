/**
 * Report templates edited in the app (issue 19): each save of a published form makes a new
 * version that applies from a period on, so past reports keep the form they were made with.
 * This file checks a definition before it is saved, picks the version a period uses, and says
 * in Vietnamese what changed between two versions (for the audit log). Pure: no I/O.
 */
import { fieldLabel, type TemplateDefinition, type TemplateField, type TemplateRule, type TemplateSection } from './report-template.ts';

export interface TemplateProblem {
  code: string;
  message: string;
  /** Where, as a JSON path into the definition: `sections[0].fields[2].element`, `rules[1].maxShare`. */
  path?: string;
}

type Definition = Pick<TemplateDefinition, 'sections' | 'rules'>;
type ElementInfo = { source: 'derived' | 'reported'; unit: string; name: string };
type Elements = ReadonlyMap<string, ElementInfo>;

const MAX_FIELDS = 200;
const MAX_TITLE = 200;
const MAX_LABEL = 300;
const q = (s: string) => `«${s}»`;
const textLength = (s: string) => [...s.normalize('NFC')].length;
const UNIT_NAME: Record<string, string> = { count: 'số lượng', money: 'tiền', percent: 'phần trăm' };
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

export function checkTemplateDefinition(def: Definition, elements: Elements): TemplateProblem[] {
  return [
    ...formProblems(def),
    ...def.sections.flatMap((s, i) => sectionProblems(s, i, elements)),
    ...duplicateProblems(def, elements),
    ...ruleProblems(def, elements),
  ];
}

function formProblems(def: Definition): TemplateProblem[] {
  const count = def.sections.reduce((n, s) => n + s.fields.length, 0);
  if (def.sections.length === 0)
    return [{ code: 'TEMPLATE_EMPTY', message: 'Biểu mẫu cần ít nhất một phần có chỉ tiêu để nhập.', path: 'sections' }];
  const problems: TemplateProblem[] = [];
  if (count > MAX_FIELDS)
    problems.push({
      code: 'TOO_MANY_FIELDS',
      message: `Biểu mẫu có ${count} chỉ tiêu, quá mức ${MAX_FIELDS}: hãy tách thành nhiều biểu mẫu.`,
      path: 'sections',
    });
  // Sections are told apart by title in the form and in the change log.
  const titles = def.sections.map((s) => s.title.trim());
  titles.forEach((t, i) => {
    if (t && titles.indexOf(t) < i)
      problems.push({ code: 'SECTION_TITLE_DUPLICATE', message: `Hai phần cùng tên ${q(t)}.`, path: `sections[${i}].title` });
  });
  return problems;
}

function sectionProblems(section: TemplateSection, i: number, elements: Elements): TemplateProblem[] {
  const path = `sections[${i}]`;
  const problems: TemplateProblem[] = [];
  const title = section.title.trim();
  if (!title) problems.push({ code: 'SECTION_TITLE_EMPTY', message: `Phần thứ ${i + 1} chưa có tên.`, path: `${path}.title` });
  else if (textLength(title) > MAX_TITLE)
    problems.push({ code: 'SECTION_TITLE_TOO_LONG', message: `Tên phần thứ ${i + 1} dài quá ${MAX_TITLE} ký tự.`, path: `${path}.title` });
  if (section.fields.length === 0)
    problems.push({
      code: 'SECTION_EMPTY',
      message: `Phần ${title ? q(title) : `thứ ${i + 1}`} chưa có chỉ tiêu nào.`,
      path: `${path}.fields`,
    });
  section.fields.forEach((f, j) => problems.push(...fieldProblems(f, `${path}.fields[${j}]`, elements)));
  return problems;
}

function fieldProblems(field: TemplateField, path: string, elements: Elements): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const element = elements.get(field.element);
  if (!element)
    problems.push({ code: 'ELEMENT_UNKNOWN', message: `Không có số liệu "${field.element}" trong danh mục.`, path: `${path}.element` });
  // A derived element is counted from the registries; typing it in would give two truths.
  else if (element.source !== 'reported')
    problems.push({
      code: 'ELEMENT_DERIVED',
      message: `${q(element.name)} được đếm tự động từ sổ sách, không nhập tay trong biểu mẫu.`,
      path: `${path}.element`,
    });
  const label = field.label.trim();
  const name = q(element?.name ?? field.element);
  if (!label)
    problems.push({ code: 'FIELD_LABEL_EMPTY', message: `Chỉ tiêu ${name} chưa có tên hiển thị trong biểu mẫu.`, path: `${path}.label` });
  else if (textLength(label) > MAX_LABEL)
    problems.push({
      code: 'FIELD_LABEL_TOO_LONG',
      message: `Tên hiển thị của chỉ tiêu ${name} dài quá ${MAX_LABEL} ký tự.`,
      path: `${path}.label`,
    });
  return problems;
}

/** Reported values are summed over a subtree: the same element twice in a form would be counted twice. */
function duplicateProblems(def: Definition, elements: Elements): TemplateProblem[] {
  const seen = new Map<string, string>();
  const problems: TemplateProblem[] = [];
  def.sections.forEach((s, i) =>
    s.fields.forEach((f, j) => {
      const first = seen.get(f.element);
      if (first === undefined) seen.set(f.element, s.title);
      else
        problems.push({
          code: 'ELEMENT_DUPLICATE',
          message: `${q(elements.get(f.element)?.name ?? f.element)} có hai lần trong biểu mẫu (phần ${q(first)} và phần ${q(s.title)}).`,
          path: `sections[${i}].fields[${j}].element`,
        });
    }),
  );
  return problems;
}

const ruleElements = (r: TemplateRule): string[] =>
  r.kind === 'part_of' ? [r.part, r.whole] : r.kind === 'ratio' ? [r.numerator, r.denominator] : r.elements;

function ruleProblems(def: Definition, elements: Elements): TemplateProblem[] {
  const inForm = new Set(def.sections.flatMap((s) => s.fields.map((f) => f.element)));
  const ids = new Set<string>();
  return def.rules.flatMap((rule, k) => {
    const path = `rules[${k}]`;
    const problems: TemplateProblem[] = [];
    if (!rule.id.trim()) problems.push({ code: 'RULE_ID_EMPTY', message: `Quy tắc thứ ${k + 1} chưa có mã.`, path: `${path}.id` });
    else if (ids.has(rule.id))
      problems.push({ code: 'RULE_ID_DUPLICATE', message: `Mã quy tắc "${rule.id}" bị trùng.`, path: `${path}.id` });
    ids.add(rule.id);
    for (const e of new Set(ruleElements(rule))) {
      if (!inForm.has(e))
        problems.push({
          code: 'RULE_ELEMENT_NOT_IN_FORM',
          message: `Quy tắc "${rule.id}" nói đến ${q(elements.get(e)?.name ?? e)}, không có trong biểu mẫu.`,
          path,
        });
    }
    return [...problems, ...kindProblems(rule, path, elements)];
  });
}

/** What each kind needs for report-validation.ts to mean something by it. */
function kindProblems(rule: TemplateRule, path: string, elements: Elements): TemplateProblem[] {
  switch (rule.kind) {
    case 'required':
      return rule.elements.length
        ? []
        : [{ code: 'RULE_ELEMENTS_EMPTY', message: `Quy tắc "${rule.id}" chưa chọn chỉ tiêu bắt buộc nào.`, path: `${path}.elements` }];
    case 'jump': {
      const problems: TemplateProblem[] = rule.elements.length
        ? []
        : [
            {
              code: 'RULE_ELEMENTS_EMPTY',
              message: `Quy tắc "${rule.id}" chưa chọn chỉ tiêu nào để theo dõi biến động.`,
              path: `${path}.elements`,
            },
          ];
      if (!(Number.isFinite(rule.maxShare) && rule.maxShare > 0 && rule.maxShare <= 10)) {
        problems.push({
          code: 'RULE_JUMP_THRESHOLD',
          message: `Quy tắc "${rule.id}": ngưỡng thay đổi phải lớn hơn 0 và không quá 1000%.`,
          path: `${path}.maxShare`,
        });
      }
      return problems;
    }
    case 'part_of':
      return comparisonProblems(rule.id, rule.part, rule.whole, 'phần và tổng', path, elements);
    case 'ratio':
      return comparisonProblems(rule.id, rule.numerator, rule.denominator, 'tử số và mẫu số', path, elements);
    default:
      return [
        {
          code: 'RULE_KIND_UNKNOWN',
          message: `Quy tắc "${(rule as { id: string }).id}" thuộc loại không có trong hệ thống.`,
          path: `${path}.kind`,
        },
      ];
  }
}

/** "a ≤ b" only means something between two different figures counted in the same unit. */
function comparisonProblems(id: string, a: string, b: string, pair: string, path: string, elements: Elements): TemplateProblem[] {
  if (a === b) return [{ code: 'RULE_SAME_ELEMENT', message: `Quy tắc "${id}": ${pair} phải là hai chỉ tiêu khác nhau.`, path }];
  const ea = elements.get(a);
  const eb = elements.get(b);
  if (!ea || !eb || ea.unit === eb.unit) return [];
  return [
    {
      code: 'RULE_UNIT_MISMATCH',
      message: `Quy tắc "${id}": ${q(ea.name)} (${UNIT_NAME[ea.unit] ?? ea.unit}) và ${q(eb.name)} (${UNIT_NAME[eb.unit] ?? eb.unit}) khác đơn vị, không so sánh được.`,
      path,
    },
  ];
}

export interface VersionRef {
  version: number;
  /** ISO date of the first period start the version applies to; null = a draft not yet published. */
  fromPeriodStart: string | null;
}

/** The published version in force for a period: the latest start on or before it; on a tie, the highest version (a correction republished from the same period). */
export function versionForPeriod<T extends VersionRef>(versions: T[], periodStart: string): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.fromPeriodStart === null || v.fromPeriodStart > periodStart) continue;
    if (!best || v.fromPeriodStart > best.fromPeriodStart! || (v.fromPeriodStart === best.fromPeriodStart && v.version > best.version))
      best = v;
  }
  return best;
}

/**
 * The version a unit fills for a period: forms may be republished for a subtree (a province adds
 * its own field), so the deepest owner on the unit's path with a version in force wins; the
 * whole tree's versions (owner null) come last.
 */
export function versionForUnit<T extends VersionRef & { ownerPath: string | null }>(
  versions: T[],
  unitPath: string,
  periodStart: string,
): T | null {
  const onPath = (owner: string | null) => owner === null || owner === unitPath || unitPath.startsWith(`${owner}.`);
  const depth = (owner: string | null) => (owner === null ? 0 : owner.split('.').length);
  const owners = [...new Set(versions.filter((v) => onPath(v.ownerPath)).map((v) => v.ownerPath))].sort((a, b) => depth(b) - depth(a));
  for (const owner of owners) {
    const found = versionForPeriod(
      versions.filter((v) => v.ownerPath === owner),
      periodStart,
    );
    if (found) return found;
  }
  return null;
}

/**
 * Items that moved relative to the others, with the direction: the longest run kept in order
 * stays put, so moving one field to the top reads "Chuyển «…» lên", not "the rest moved down".
 */
function movedItems<K>(before: K[], after: K[]): Map<K, 'lên' | 'xuống'> {
  const inBoth = new Set(after.filter((k) => before.includes(k)));
  const common = after.filter((k) => inBoth.has(k));
  const order = before.filter((k) => inBoth.has(k));
  const was = common.map((k) => order.indexOf(k));
  const kept = longestIncreasing(was);
  const moved = new Map<K, 'lên' | 'xuống'>();
  common.forEach((k, now) => {
    if (!kept.has(now)) moved.set(k, now < was[now]! ? 'lên' : 'xuống');
  });
  return moved;
}

/** Indices of one longest strictly increasing subsequence (quadratic: a form has at most 200 fields). */
function longestIncreasing(xs: number[]): Set<number> {
  const length = xs.map(() => 1);
  const prev = xs.map(() => -1);
  xs.forEach((x, i) => {
    for (let j = 0; j < i; j++) if (xs[j]! < x && length[j]! + 1 > length[i]!) [length[i], prev[i]] = [length[j]! + 1, j];
  });
  const kept = new Set<number>();
  for (let i = length.indexOf(Math.max(0, ...length)); i >= 0; i = prev[i]!) kept.add(i);
  return kept;
}

/**
 * For each section after the edit, the section it was before (index) or null when new: same
 * title first, then — for a renamed section — the unmatched one sharing the most fields.
 */
function matchSections(before: TemplateSection[], after: TemplateSection[]): (number | null)[] {
  const used = new Set<number>();
  const take = (i: number) => (used.add(i), i);
  const byTitle = after.map((s) => {
    const i = before.findIndex((b, k) => !used.has(k) && b.title.trim() === s.title.trim());
    return i >= 0 ? take(i) : null;
  });
  return byTitle.map((m, a) => {
    if (m !== null) return m;
    const mine = new Set(after[a]!.fields.map((f) => f.element));
    const shared = (k: number) => (used.has(k) ? 0 : before[k]!.fields.filter((f) => mine.has(f.element)).length);
    const best = before.map((_, k) => k).sort((x, y) => shared(y) - shared(x))[0];
    return best !== undefined && shared(best) > 0 ? take(best) : null;
  });
}

function sectionChanges(before: TemplateSection[], after: TemplateSection[], match: (number | null)[]): string[] {
  const lines: string[] = [];
  after.forEach((s, a) => {
    const b = match[a];
    if (b === null || b === undefined) lines.push(`Thêm phần ${q(s.title)}`);
    else if (before[b]!.title.trim() !== s.title.trim()) lines.push(`Đổi tên phần ${q(before[b]!.title)} thành ${q(s.title)}`);
  });
  before.forEach((s, b) => {
    if (!match.includes(b)) lines.push(`Bỏ phần ${q(s.title)}`);
  });
  const kept = match.filter((m): m is number => m !== null);
  const moved = movedItems(
    [...kept].sort((x, y) => x - y),
    kept,
  );
  for (const [b, way] of moved) lines.push(`Chuyển phần ${q(after[match.indexOf(b)]!.title)} ${way}`);
  return lines;
}

interface Placed {
  field: TemplateField;
  section: number;
}

const placeFields = (sections: TemplateSection[]) =>
  new Map<string, Placed>(sections.flatMap((s, section) => s.fields.map((field) => [field.element, { field, section }] as const)));

function fieldChanges(before: TemplateSection[], after: TemplateSection[], match: (number | null)[]): string[] {
  const was = placeFields(before);
  const now = placeFields(after);
  const lines: string[] = [];
  after.forEach((s, a) => {
    const stayed = s.fields.filter((f) => was.get(f.element)?.section === match[a]).map((f) => f.element);
    const moved = movedItems(
      match[a] == null ? [] : before[match[a]!]!.fields.map((f) => f.element).filter((e) => stayed.includes(e)),
      stayed,
    );
    for (const f of s.fields) lines.push(...oneFieldChanges(was.get(f.element), f, s, a, match, before, moved.get(f.element)));
  });
  for (const [element, p] of was) if (!now.has(element)) lines.push(`Bỏ chỉ tiêu ${q(p.field.label)}`);
  return lines;
}

function oneFieldChanges(
  old: Placed | undefined,
  f: TemplateField,
  s: TemplateSection,
  a: number,
  match: (number | null)[],
  before: TemplateSection[],
  way: 'lên' | 'xuống' | undefined,
): string[] {
  if (!old) return [`Thêm chỉ tiêu ${q(f.label)} vào phần ${q(s.title)}`];
  const lines: string[] = [];
  if (old.section !== match[a]) lines.push(`Chuyển ${q(f.label)} từ phần ${q(before[old.section]!.title)} sang phần ${q(s.title)}`);
  if (way) lines.push(`Chuyển ${q(f.label)} ${way}`);
  if (old.field.label !== f.label) lines.push(`Đổi tên chỉ tiêu ${q(old.field.label)} thành ${q(f.label)}`);
  if ((old.field.hint ?? '') !== (f.hint ?? ''))
    lines.push(f.hint ? `Sửa ghi chú của ${q(f.label)} thành ${q(f.hint)}` : `Bỏ ghi chú của ${q(f.label)}`);
  return lines;
}

function describeRule(t: Definition, r: TemplateRule): string {
  const name = (e: string) => q(fieldLabel(t, e));
  switch (r.kind) {
    case 'required':
      return `bắt buộc nhập ${r.elements.map(name).join(', ')}`;
    case 'part_of':
      return `${name(r.part)} không vượt quá ${name(r.whole)}`;
    case 'ratio':
      return `tử số ${name(r.numerator)} không vượt quá mẫu số ${name(r.denominator)}`;
    case 'jump':
      return `cảnh báo khi ${r.elements.map(name).join(', ')} thay đổi quá ${percent.format(r.maxShare)} so với kỳ trước`;
  }
}

/** Compared by content, not wording: renaming a field changes how a rule reads, not the rule. */
const sameRule = (a: TemplateRule, b: TemplateRule) =>
  a.kind === b.kind &&
  ruleElements(a).join('\n') === ruleElements(b).join('\n') &&
  (a.kind !== 'jump' || (b.kind === 'jump' && a.maxShare === b.maxShare));

function ruleChanges(before: Definition, after: Definition): string[] {
  const lines: string[] = [];
  const was = new Map(before.rules.map((r) => [r.id, r]));
  for (const r of after.rules) {
    const old = was.get(r.id);
    if (!old) lines.push(`Thêm quy tắc ${describeRule(after, r)}`);
    else if (old.kind === 'jump' && r.kind === 'jump' && old.elements.join() === r.elements.join() && old.maxShare !== r.maxShare) {
      lines.push(
        `Sửa ngưỡng cảnh báo biến động của ${r.elements.map((e) => q(fieldLabel(after, e))).join(', ')} từ ${percent.format(old.maxShare)} thành ${percent.format(r.maxShare)}`,
      );
    } else if (!sameRule(old, r)) {
      lines.push(`Sửa quy tắc "${r.id}": nay là ${describeRule(after, r)}`);
    }
  }
  const kept = new Set(after.rules.map((r) => r.id));
  for (const r of before.rules) if (!kept.has(r.id)) lines.push(`Bỏ quy tắc ${describeRule(before, r)}`);
  return lines;
}

/** What changed from one version to the next, one Vietnamese line per change, for the audit log. */
export function describeTemplateChanges(before: Definition, after: Definition): string[] {
  const match = matchSections(before.sections, after.sections);
  return [
    ...sectionChanges(before.sections, after.sections, match),
    ...fieldChanges(before.sections, after.sections, match),
    ...ruleChanges(before, after),
  ];
}
