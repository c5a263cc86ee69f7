/**
 * The pure editing operations of the forms (biểu mẫu) editor: sections, fields and rules of a
 * template definition. Every operation returns a new definition and leaves the input untouched,
 * so the drawer can keep one state and compare it with what was loaded. The rules follow the
 * fields: a field taken out of the form is taken out of every rule that named it.
 */
import type { TemplateDefinition, TemplateField, TemplateRule, TemplateSection } from '../../../../domain/reporting/report-template.ts';
import type { TemplateProblem } from '../../../../domain/reporting/template-editing.ts';
import { foldForSearch } from '../../../../domain/text/vietnamese-normalize.ts';

export type FormDefinition = Pick<TemplateDefinition, 'sections' | 'rules'>;
export type RuleKind = TemplateRule['kind'];

export const RULE_KIND_LABEL: Record<RuleKind, string> = {
  required: 'Bắt buộc nhập',
  part_of: 'Phần không lớn hơn tổng',
  ratio: 'Tử số không lớn hơn mẫu số',
  jump: 'Cảnh báo khi thay đổi quá ngưỡng so với kỳ trước',
};

/** Stems of the ids proposed for new rules (the built-in forms use the same style: "bat-buoc", "bien-dong"). */
const RULE_ID_STEM: Record<RuleKind, string> = { required: 'bat-buoc', part_of: 'phan-tong', ratio: 'ty-le', jump: 'bien-dong' };

const DEFAULT_JUMP_SHARE = 0.5;

export const formElements = (def: Pick<FormDefinition, 'sections'>): string[] =>
  def.sections.flatMap((s) => s.fields.map((f) => f.element));

/** A deep enough copy for editing: sections, fields and rules are new objects. */
export function copyDefinition(def: FormDefinition): FormDefinition {
  return {
    sections: def.sections.map((s) => ({ title: s.title, fields: s.fields.map((f) => ({ ...f })) })),
    rules: def.rules.map((r) => ({ ...r, ...('elements' in r ? { elements: [...r.elements] } : {}) }) as TemplateRule),
  };
}

/** Two definitions that would save the same thing (key order aside). */
export function sameDefinition(a: FormDefinition, b: FormDefinition): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(def: FormDefinition) {
  return {
    sections: def.sections.map((s) => ({ title: s.title, fields: s.fields.map((f) => [f.element, f.label, f.hint ?? '']) })),
    rules: def.rules.map((r) => Object.fromEntries(Object.entries(r).sort(([x], [y]) => x.localeCompare(y)))),
  };
}

/** Trimmed, NFC texts and no empty hints: what the server is sent. */
export function cleanDefinition(def: FormDefinition): FormDefinition {
  const text = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return {
    sections: def.sections.map((s) => ({
      title: text(s.title),
      fields: s.fields.map((f): TemplateField => {
        const hint = text(f.hint ?? '');
        return hint ? { element: f.element, label: text(f.label), hint } : { element: f.element, label: text(f.label) };
      }),
    })),
    rules: def.rules.map((r) => ({ ...r, id: r.id.trim() })),
  };
}

// ---- sections -------------------------------------------------------------------------------

/** "Phần mới", then "Phần mới 2", … : section titles must differ. */
export function proposeSectionTitle(def: Pick<FormDefinition, 'sections'>): string {
  const taken = new Set(def.sections.map((s) => s.title.trim()));
  if (!taken.has('Phần mới')) return 'Phần mới';
  for (let n = 2; ; n++) if (!taken.has(`Phần mới ${n}`)) return `Phần mới ${n}`;
}

export function addSection(def: FormDefinition, title = proposeSectionTitle(def)): FormDefinition {
  return { ...def, sections: [...def.sections, { title, fields: [] }] };
}

export function renameSection(def: FormDefinition, index: number, title: string): FormDefinition {
  return { ...def, sections: def.sections.map((s, i) => (i === index ? { ...s, title } : s)) };
}

/** Removes the section with its fields, and those fields from the rules. */
export function removeSection(def: FormDefinition, index: number): FormDefinition {
  const sections = def.sections.filter((_, i) => i !== index);
  return { sections, rules: rulesForFields(def.rules, new Set(formElements({ sections }))) };
}

export function moveSection(def: FormDefinition, index: number, delta: -1 | 1): FormDefinition {
  const sections = swap(def.sections, index, index + delta);
  return sections === def.sections ? def : { ...def, sections };
}

// ---- fields ---------------------------------------------------------------------------------

/** Where a field is: its section and its place in it; null when the form does not have it. */
export function findField(def: Pick<FormDefinition, 'sections'>, element: string): { section: number; index: number } | null {
  for (let section = 0; section < def.sections.length; section++) {
    const index = def.sections[section]!.fields.findIndex((f) => f.element === element);
    if (index >= 0) return { section, index };
  }
  return null;
}

/** Adds a data element at the end of a section, labelled with the element's name; a second copy is refused (it would be summed twice). */
export function addField(def: FormDefinition, sectionIndex: number, element: { code: string; name: string }): FormDefinition {
  if (findField(def, element.code) || !def.sections[sectionIndex]) return def;
  const field: TemplateField = { element: element.code, label: element.name };
  return { ...def, sections: def.sections.map((s, i) => (i === sectionIndex ? { ...s, fields: [...s.fields, field] } : s)) };
}

export function updateField(def: FormDefinition, element: string, patch: Partial<Pick<TemplateField, 'label' | 'hint'>>): FormDefinition {
  return mapFields(def, (f) => (f.element === element ? { ...f, ...patch } : f));
}

/** One place up or down within its section (buttons, so it works on a phone and from the keyboard). */
export function moveField(def: FormDefinition, element: string, delta: -1 | 1): FormDefinition {
  const at = findField(def, element);
  if (!at) return def;
  return {
    ...def,
    sections: def.sections.map((s, i) => (i === at.section ? { ...s, fields: swap(s.fields, at.index, at.index + delta) } : s)),
  };
}

/** To the end of another section. */
export function moveFieldToSection(def: FormDefinition, element: string, target: number): FormDefinition {
  const at = findField(def, element);
  if (!at || at.section === target || !def.sections[target]) return def;
  const field = def.sections[at.section]!.fields[at.index]!;
  return {
    ...def,
    sections: def.sections.map((s, i) => {
      if (i === at.section) return { ...s, fields: s.fields.filter((f) => f.element !== element) };
      if (i === target) return { ...s, fields: [...s.fields, field] };
      return s;
    }),
  };
}

/** Takes the field out of the form and out of every rule that named it. */
export function removeField(def: FormDefinition, element: string): FormDefinition {
  const sections = def.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => f.element !== element) }));
  return { sections, rules: rulesForFields(def.rules, new Set(formElements({ sections }))) };
}

/**
 * Rules limited to the fields still in the form: a list rule keeps its other fields (and goes
 * when none is left), a rule between two fields goes with either of them.
 */
export function rulesForFields(rules: TemplateRule[], inForm: ReadonlySet<string>): TemplateRule[] {
  return rules.flatMap((r): TemplateRule[] => {
    if (r.kind === 'required' || r.kind === 'jump') {
      if (r.elements.every((e) => inForm.has(e))) return [r];
      const elements = r.elements.filter((e) => inForm.has(e));
      return elements.length ? [{ ...r, elements }] : [];
    }
    const pair = r.kind === 'part_of' ? [r.part, r.whole] : [r.numerator, r.denominator];
    // A pair still being chosen in the editor ("") is kept: only a field that left the form removes it.
    return pair.every((e) => e === '' || inForm.has(e)) ? [r] : [];
  });
}

// ---- rules ----------------------------------------------------------------------------------

/** A free id for a new rule of this kind: "bien-dong", then "bien-dong-2", … */
export function proposeRuleId(rules: Pick<TemplateRule, 'id'>[], kind: RuleKind): string {
  const taken = new Set(rules.map((r) => r.id));
  const stem = RULE_ID_STEM[kind];
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** A new rule with nothing chosen yet (the pair rules start with the first two fields when the form has them). */
export function newRule(def: FormDefinition, kind: RuleKind): TemplateRule {
  const id = proposeRuleId(def.rules, kind);
  const [a = '', b = ''] = formElements(def);
  switch (kind) {
    case 'required':
      return { id, kind, elements: [] };
    case 'jump':
      return { id, kind, elements: [], maxShare: DEFAULT_JUMP_SHARE };
    case 'part_of':
      return { id, kind, part: a, whole: b };
    case 'ratio':
      return { id, kind, numerator: a, denominator: b };
  }
}

export function addRule(def: FormDefinition, kind: RuleKind): FormDefinition {
  return { ...def, rules: [...def.rules, newRule(def, kind)] };
}

export function updateRule(def: FormDefinition, index: number, rule: TemplateRule): FormDefinition {
  return { ...def, rules: def.rules.map((r, i) => (i === index ? rule : r)) };
}

export function removeRule(def: FormDefinition, index: number): FormDefinition {
  return { ...def, rules: def.rules.filter((_, i) => i !== index) };
}

export const isRequired = (def: FormDefinition, element: string): boolean =>
  def.rules.some((r) => r.kind === 'required' && r.elements.includes(element));

/**
 * The "Bắt buộc" tick of a field: on adds it to the first required rule (made when there is
 * none); off takes it out of every required rule, and an emptied one goes.
 */
export function setRequired(def: FormDefinition, element: string, required: boolean): FormDefinition {
  if (required) {
    if (isRequired(def, element)) return def;
    const first = def.rules.findIndex((r) => r.kind === 'required');
    if (first < 0)
      return { ...def, rules: [{ id: proposeRuleId(def.rules, 'required'), kind: 'required', elements: [element] }, ...def.rules] };
    return {
      ...def,
      rules: def.rules.map((r, i) => (i === first && r.kind === 'required' ? { ...r, elements: [...r.elements, element] } : r)),
    };
  }
  return {
    ...def,
    rules: def.rules.flatMap((r) => {
      if (r.kind !== 'required' || !r.elements.includes(element)) return [r];
      const elements = r.elements.filter((e) => e !== element);
      return elements.length ? [{ ...r, elements }] : [];
    }),
  };
}

/** The threshold as the editor shows it: 0.5 → 50 (%), rounded to a tenth of a percent. */
export const shareToPercent = (share: number): number => Math.round(share * 1000) / 10;
export const percentToShare = (percent: number): number => Math.round(percent * 10) / 1000;

// ---- searching elements ---------------------------------------------------------------------

/** Accent- and case-insensitive: "doi thoai" finds "Số doanh nghiệp tổ chức đối thoại"; every word must appear (name or code). */
export function matchesElement(query: string, element: { code: string; name: string }): boolean {
  const words = foldForSearch(query.normalize('NFC')).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${foldForSearch(element.name.normalize('NFC'))} ${element.code.toLowerCase()}`;
  return words.every((w) => haystack.includes(w));
}

// ---- problems -------------------------------------------------------------------------------

/** Where a problem is shown in the editor: a section's title, a field, a rule, or the whole form. */
export type ProblemPlace =
  | { kind: 'form' }
  | { kind: 'section'; section: number }
  | { kind: 'field'; section: number; field: number }
  | { kind: 'rule'; rule: number };

export function problemPlace(path: string | undefined): ProblemPlace {
  if (!path) return { kind: 'form' };
  const field = /^sections\[(\d+)\]\.fields\[(\d+)\]/.exec(path);
  if (field) return { kind: 'field', section: Number(field[1]), field: Number(field[2]) };
  const section = /^sections\[(\d+)\]/.exec(path);
  if (section) return { kind: 'section', section: Number(section[1]) };
  const rule = /^rules\[(\d+)\]/.exec(path);
  if (rule) return { kind: 'rule', rule: Number(rule[1]) };
  return { kind: 'form' };
}

export const placeKey = (p: ProblemPlace): string =>
  p.kind === 'field'
    ? `field:${p.section}:${p.field}`
    : p.kind === 'section'
      ? `section:${p.section}`
      : p.kind === 'rule'
        ? `rule:${p.rule}`
        : 'form';

/** Messages grouped by where they belong (keys from `placeKey`). */
export function groupProblems(problems: TemplateProblem[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of problems) {
    const key = placeKey(problemPlace(p.path));
    const list = map.get(key) ?? [];
    if (!list.includes(p.message)) list.push(p.message);
    map.set(key, list);
  }
  return map;
}

/** The server's `details.problems` of a 400 TEMPLATE_INVALID, whether objects with a path or plain strings. */
export function serverProblems(details: Record<string, unknown> | undefined): TemplateProblem[] {
  const raw = details?.problems;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((p): TemplateProblem[] => {
    if (typeof p === 'string') return [{ code: 'SERVER', message: p }];
    if (p && typeof p === 'object' && typeof (p as TemplateProblem).message === 'string') {
      const { code, message, path } = p as TemplateProblem;
      return [{ code: typeof code === 'string' ? code : 'SERVER', message, ...(typeof path === 'string' ? { path } : {}) }];
    }
    return [];
  });
}

// ---- helpers --------------------------------------------------------------------------------

function swap<T>(items: T[], i: number, j: number): T[] {
  if (i < 0 || j < 0 || i >= items.length || j >= items.length || i === j) return items;
  const copy = [...items];
  [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  return copy;
}

function mapFields(def: FormDefinition, fn: (f: TemplateField) => TemplateField): FormDefinition {
  return { ...def, sections: def.sections.map((s): TemplateSection => ({ ...s, fields: s.fields.map(fn) })) };
}
