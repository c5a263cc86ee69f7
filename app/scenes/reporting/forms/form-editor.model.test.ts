import { describe, expect, it } from 'vitest';
import { checkTemplateDefinition } from '../../../../domain/reporting/template-editing.ts';
import {
  addField,
  addRule,
  addSection,
  cleanDefinition,
  copyDefinition,
  findField,
  formElements,
  groupProblems,
  isRequired,
  matchesElement,
  moveField,
  moveFieldToSection,
  moveSection,
  newRule,
  percentToShare,
  problemPlace,
  proposeRuleId,
  proposeSectionTitle,
  removeField,
  removeRule,
  removeSection,
  renameSection,
  sameDefinition,
  serverProblems,
  setRequired,
  shareToPercent,
  updateField,
  updateRule,
  type FormDefinition,
} from './form-editor.model.ts';

const def = (): FormDefinition => ({
  sections: [
    {
      title: 'I. Tuyên truyền',
      fields: [
        { element: 'a', label: 'A' },
        { element: 'b', label: 'B', hint: 'người' },
        { element: 'c', label: 'C' },
      ],
    },
    { title: 'II. Tài chính', fields: [{ element: 'd', label: 'D' }] },
  ],
  rules: [
    { id: 'bat-buoc', kind: 'required', elements: ['a', 'd'] },
    { id: 'phan-tong', kind: 'part_of', part: 'a', whole: 'b' },
    { id: 'bien-dong', kind: 'jump', elements: ['b', 'c'], maxShare: 0.5 },
  ],
});

const order = (d: FormDefinition) => d.sections.map((s) => `${s.title}: ${s.fields.map((f) => f.element).join(',')}`);

describe('sections', () => {
  it('adds a section with a free title, renames, moves and removes one', () => {
    const original = def();
    let d = addSection(original);
    expect(d.sections.at(-1)).toEqual({ title: 'Phần mới', fields: [] });
    expect(proposeSectionTitle(d)).toBe('Phần mới 2');
    d = renameSection(d, 2, 'III. Thi đua');
    d = moveSection(d, 2, -1);
    expect(d.sections.map((s) => s.title)).toEqual(['I. Tuyên truyền', 'III. Thi đua', 'II. Tài chính']);
    expect(moveSection(d, 0, -1)).toBe(d); // nothing above the first
    expect(original.sections).toHaveLength(2); // the input is untouched
  });

  it('removing a section takes its fields out of the rules', () => {
    const d = removeSection(def(), 1);
    expect(order(d)).toEqual(['I. Tuyên truyền: a,b,c']);
    expect(d.rules).toEqual([
      { id: 'bat-buoc', kind: 'required', elements: ['a'] },
      { id: 'phan-tong', kind: 'part_of', part: 'a', whole: 'b' },
      { id: 'bien-dong', kind: 'jump', elements: ['b', 'c'], maxShare: 0.5 },
    ]);
  });
});

describe('fields', () => {
  it('adds a reported element labelled with its name, once', () => {
    const d = addField(def(), 1, { code: 'dialogues', name: 'Số doanh nghiệp tổ chức đối thoại' });
    expect(d.sections[1]!.fields.at(-1)).toEqual({ element: 'dialogues', label: 'Số doanh nghiệp tổ chức đối thoại' });
    expect(addField(d, 0, { code: 'dialogues', name: 'x' })).toBe(d);
    expect(addField(d, 5, { code: 'e', name: 'E' })).toBe(d);
  });

  it('edits a label and a hint', () => {
    const d = updateField(def(), 'b', { label: 'Tổng số', hint: '' });
    expect(d.sections[0]!.fields[1]).toEqual({ element: 'b', label: 'Tổng số', hint: '' });
    expect(cleanDefinition(d).sections[0]!.fields[1]).toEqual({ element: 'b', label: 'Tổng số' });
  });

  it('moves up and down within the section, not past its ends', () => {
    let d = moveField(def(), 'c', -1);
    expect(order(d)[0]).toBe('I. Tuyên truyền: a,c,b');
    d = moveField(d, 'a', -1);
    expect(order(d)[0]).toBe('I. Tuyên truyền: a,c,b');
    d = moveField(d, 'a', 1);
    expect(order(d)[0]).toBe('I. Tuyên truyền: c,a,b');
    expect(moveField(d, 'd', 1)).toEqual(d);
    expect(moveField(d, 'zz', 1)).toBe(d);
  });

  it('moves a field to the end of another section, keeping its rules', () => {
    const d = moveFieldToSection(def(), 'a', 1);
    expect(order(d)).toEqual(['I. Tuyên truyền: b,c', 'II. Tài chính: d,a']);
    expect(d.rules).toEqual(def().rules);
    expect(findField(d, 'a')).toEqual({ section: 1, index: 1 });
    expect(moveFieldToSection(d, 'a', 1)).toBe(d);
  });

  it('removing a field removes it from list rules and drops the rules between two fields it was part of', () => {
    const d = removeField(def(), 'b');
    expect(formElements(d)).toEqual(['a', 'c', 'd']);
    expect(d.rules).toEqual([
      { id: 'bat-buoc', kind: 'required', elements: ['a', 'd'] },
      { id: 'bien-dong', kind: 'jump', elements: ['c'], maxShare: 0.5 },
    ]);
    expect(removeField(d, 'c').rules.map((r) => r.id)).toEqual(['bat-buoc']);
  });
});

describe('rules', () => {
  it('proposes a free id per kind', () => {
    expect(proposeRuleId(def().rules, 'ratio')).toBe('ty-le');
    expect(proposeRuleId(def().rules, 'jump')).toBe('bien-dong-2');
    expect(proposeRuleId([...def().rules, { id: 'bien-dong-2' }], 'jump')).toBe('bien-dong-3');
  });

  it('adds rules of each kind with sensible starting values', () => {
    const d = def();
    expect(newRule(d, 'jump')).toEqual({ id: 'bien-dong-2', kind: 'jump', elements: [], maxShare: 0.5 });
    expect(newRule(d, 'part_of')).toEqual({ id: 'phan-tong-2', kind: 'part_of', part: 'a', whole: 'b' });
    expect(newRule(d, 'required')).toEqual({ id: 'bat-buoc-2', kind: 'required', elements: [] });
    expect(newRule({ sections: [], rules: [] }, 'ratio')).toEqual({ id: 'ty-le', kind: 'ratio', numerator: '', denominator: '' });
    const added = addRule(d, 'ratio');
    expect(added.rules.at(-1)).toMatchObject({ kind: 'ratio', id: 'ty-le' });
  });

  it('updates and removes a rule by its place', () => {
    let d = updateRule(def(), 2, { id: 'bien-dong', kind: 'jump', elements: ['b'], maxShare: percentToShare(30) });
    expect(d.rules[2]).toEqual({ id: 'bien-dong', kind: 'jump', elements: ['b'], maxShare: 0.3 });
    d = removeRule(d, 0);
    expect(d.rules.map((r) => r.id)).toEqual(['phan-tong', 'bien-dong']);
  });

  it('ticks a field required into the first required rule, or a new one', () => {
    let d = setRequired(def(), 'c', true);
    expect(d.rules[0]).toEqual({ id: 'bat-buoc', kind: 'required', elements: ['a', 'd', 'c'] });
    expect(isRequired(d, 'c')).toBe(true);
    expect(setRequired(d, 'c', true)).toBe(d);
    d = setRequired(setRequired(d, 'a', false), 'd', false);
    d = setRequired(d, 'c', false);
    expect(d.rules.some((r) => r.kind === 'required')).toBe(false);
    d = setRequired(d, 'b', true);
    expect(d.rules[0]).toEqual({ id: 'bat-buoc', kind: 'required', elements: ['b'] });
  });

  it('shows the jump threshold in percent and stores a fraction', () => {
    expect(shareToPercent(0.5)).toBe(50);
    expect(shareToPercent(0.125)).toBe(12.5);
    expect(percentToShare(50)).toBe(0.5);
    expect(percentToShare(33.3)).toBe(0.333);
  });
});

describe('comparing, cleaning, searching', () => {
  it('a copy is equal and independent; key order does not matter', () => {
    const d = def();
    const copy = copyDefinition(d);
    expect(sameDefinition(d, copy)).toBe(true);
    (copy.rules[0] as { elements: string[] }).elements.push('c');
    expect(d.rules[0]).toEqual({ id: 'bat-buoc', kind: 'required', elements: ['a', 'd'] });
    expect(sameDefinition(d, copy)).toBe(false);
    const reordered: FormDefinition = {
      ...d,
      rules: [{ whole: 'b', part: 'a', kind: 'part_of', id: 'phan-tong' } as never, d.rules[0]!, d.rules[2]!],
    };
    expect(sameDefinition({ ...d, rules: [d.rules[1]!, d.rules[0]!, d.rules[2]!] }, reordered)).toBe(true);
  });

  it('cleans texts to NFC without double spaces', () => {
    const d = cleanDefinition({
      sections: [{ title: '  Phần  mới ', fields: [{ element: 'a', label: 'Đoa\u0300n viên ', hint: '  ' }] }],
      rules: [{ id: ' x ', kind: 'required', elements: ['a'] }],
    });
    expect(d).toEqual({
      sections: [{ title: 'Phần mới', fields: [{ element: 'a', label: 'Đoàn viên' }] }],
      rules: [{ id: 'x', kind: 'required', elements: ['a'] }],
    });
  });

  it('finds an element without accents, by any words of its name or by its code', () => {
    const e = { code: 'enterprise_dialogues', name: 'Số doanh nghiệp tổ chức đối thoại' };
    expect(matchesElement('doi thoai', e)).toBe(true);
    expect(matchesElement('ĐỐI THOẠI doanh', e)).toBe(true);
    expect(matchesElement('dialogues', e)).toBe(true);
    expect(matchesElement('hội nghị', e)).toBe(false);
    expect(matchesElement('  ', e)).toBe(true);
  });
});

describe('problems', () => {
  const elements = new Map([
    ['a', { source: 'reported' as const, unit: 'count', name: 'Số A' }],
    ['b', { source: 'reported' as const, unit: 'count', name: 'Số B' }],
    ['c', { source: 'reported' as const, unit: 'money', name: 'Tiền C' }],
    ['d', { source: 'derived' as const, unit: 'count', name: 'Số D' }],
  ]);

  it('places the domain check problems on their section, field or rule', () => {
    let d = renameSection(def(), 0, ' ');
    d = updateRule(d, 1, { id: 'phan-tong', kind: 'part_of', part: 'a', whole: 'c' });
    const problems = checkTemplateDefinition(d, elements);
    const grouped = groupProblems(problems);
    expect(grouped.get('section:0')).toEqual(['Phần thứ 1 chưa có tên.']);
    expect(grouped.get('field:1:0')?.[0]).toContain('được đếm tự động');
    expect(grouped.get('rule:1')?.[0]).toContain('khác đơn vị');
  });

  it('reads paths and the server problems, strings or objects', () => {
    expect(problemPlace('sections[2].fields[3].label')).toEqual({ kind: 'field', section: 2, field: 3 });
    expect(problemPlace('rules[1].maxShare')).toEqual({ kind: 'rule', rule: 1 });
    expect(problemPlace('sections')).toEqual({ kind: 'form' });
    expect(problemPlace(undefined)).toEqual({ kind: 'form' });
    expect(serverProblems({ problems: ['Sai.', { code: 'X', message: 'Lỗi phần.', path: 'sections[0].title' }, 3] })).toEqual([
      { code: 'SERVER', message: 'Sai.' },
      { code: 'X', message: 'Lỗi phần.', path: 'sections[0].title' },
    ]);
    expect(serverProblems(undefined)).toEqual([]);
  });
});
