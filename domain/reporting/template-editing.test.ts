import { describe, expect, it } from 'vitest';
import type { TemplateDefinition, TemplateSection } from './report-template.ts';
import { checkTemplateDefinition, describeTemplateChanges, versionForPeriod, versionForUnit } from './template-editing.ts';

type Def = Pick<TemplateDefinition, 'sections' | 'rules'>;

const elements = new Map([
  ['meetings', { source: 'reported', unit: 'count', name: 'Hội nghị người lao động' }],
  ['dialogues', { source: 'reported', unit: 'count', name: 'Đối thoại tại nơi làm việc' }],
  ['cases', { source: 'reported', unit: 'count', name: 'Vụ việc có yêu cầu hỗ trợ' }],
  ['cases_helped', { source: 'reported', unit: 'count', name: 'Vụ việc được hỗ trợ' }],
  ['fee_due', { source: 'reported', unit: 'money', name: 'Kinh phí phải thu' }],
  ['fee_paid', { source: 'reported', unit: 'money', name: 'Kinh phí đã thu' }],
  ['members_active', { source: 'derived', unit: 'count', name: 'Đoàn viên đang sinh hoạt' }],
] as const);

const form: Def = {
  sections: [
    {
      title: 'I. Đại diện',
      fields: [
        { element: 'meetings', label: 'Hội nghị NLĐ' },
        { element: 'dialogues', label: 'Đối thoại' },
        { element: 'cases', label: 'Vụ việc cần hỗ trợ' },
        { element: 'cases_helped', label: 'Vụ việc đã hỗ trợ' },
      ],
    },
    {
      title: 'II. Tài chính',
      fields: [
        { element: 'fee_due', label: 'Phải thu', hint: 'đồng' },
        { element: 'fee_paid', label: 'Đã thu', hint: 'đồng' },
      ],
    },
  ],
  rules: [
    { id: 'bat-buoc', kind: 'required', elements: ['fee_due', 'fee_paid'] },
    { id: 'ho-tro', kind: 'part_of', part: 'cases_helped', whole: 'cases' },
    { id: 'thu', kind: 'ratio', numerator: 'fee_paid', denominator: 'fee_due' },
    { id: 'bien-dong', kind: 'jump', elements: ['fee_due'], maxShare: 0.5 },
  ],
};

const edit = (change: (d: Def) => void): Def => {
  const copy = structuredClone(form);
  change(copy);
  return copy;
};
const check = (d: Def) => checkTemplateDefinition(d, elements);
const codes = (d: Def) => check(d).map((p) => p.code);

describe('checkTemplateDefinition', () => {
  it('accepts a sound form', () => {
    expect(check(form)).toEqual([]);
  });

  it('wants a form with sections, each titled and holding fields', () => {
    expect(codes({ sections: [], rules: [] })).toEqual(['TEMPLATE_EMPTY']);
    expect(check(edit((d) => (d.sections[1]!.title = '  ')))).toContainEqual({
      code: 'SECTION_TITLE_EMPTY',
      message: 'Phần thứ 2 chưa có tên.',
      path: 'sections[1].title',
    });
    expect(codes(edit((d) => (d.sections[1]!.title = 'ê'.repeat(201))))).toEqual(['SECTION_TITLE_TOO_LONG']);
    expect(codes(edit((d) => (d.sections[1]!.title = 'ê'.repeat(200))))).toEqual([]);
    expect(check(edit((d) => (d.sections[1]!.title = ' I. Đại diện')))).toEqual([
      { code: 'SECTION_TITLE_DUPLICATE', message: 'Hai phần cùng tên «I. Đại diện».', path: 'sections[1].title' },
    ]);
    expect(check({ sections: [{ title: 'III. Khác', fields: [] }], rules: [] })).toEqual([
      { code: 'SECTION_EMPTY', message: 'Phần «III. Khác» chưa có chỉ tiêu nào.', path: 'sections[0].fields' },
    ]);
  });

  it('counts a decomposed Vietnamese title by its letters, not its code units', () => {
    expect(codes(edit((d) => (d.sections[0]!.title = 'ệ'.normalize('NFD').repeat(200))))).toEqual([]);
  });

  it('takes only reported elements of the catalogue, each once', () => {
    expect(check(edit((d) => d.sections[0]!.fields.push({ element: 'members_active', label: 'Đoàn viên' })))).toEqual([
      {
        code: 'ELEMENT_DERIVED',
        message: '«Đoàn viên đang sinh hoạt» được đếm tự động từ sổ sách, không nhập tay trong biểu mẫu.',
        path: 'sections[0].fields[4].element',
      },
    ]);
    expect(check(edit((d) => d.sections[0]!.fields.push({ element: 'strikes', label: 'Đình công' })))).toEqual([
      { code: 'ELEMENT_UNKNOWN', message: 'Không có số liệu "strikes" trong danh mục.', path: 'sections[0].fields[4].element' },
    ]);
    expect(check(edit((d) => d.sections[1]!.fields.push({ element: 'meetings', label: 'Hội nghị' })))).toEqual([
      {
        code: 'ELEMENT_DUPLICATE',
        message: '«Hội nghị người lao động» có hai lần trong biểu mẫu (phần «I. Đại diện» và phần «II. Tài chính»).',
        path: 'sections[1].fields[2].element',
      },
    ]);
  });

  it('wants field labels of 1 to 300 characters', () => {
    expect(check(edit((d) => (d.sections[0]!.fields[1]!.label = ' ')))).toEqual([
      {
        code: 'FIELD_LABEL_EMPTY',
        message: 'Chỉ tiêu «Đối thoại tại nơi làm việc» chưa có tên hiển thị trong biểu mẫu.',
        path: 'sections[0].fields[1].label',
      },
    ]);
    expect(codes(edit((d) => (d.sections[0]!.fields[1]!.label = 'a'.repeat(301))))).toEqual(['FIELD_LABEL_TOO_LONG']);
  });

  it('caps a form at 200 fields', () => {
    const many = new Map(Array.from({ length: 201 }, (_, i) => [`e${i}`, { source: 'reported' as const, unit: 'count', name: `Số ${i}` }]));
    const fields = [...many.keys()].map((element) => ({ element, label: element }));
    expect(checkTemplateDefinition({ sections: [{ title: 'Tất cả', fields }], rules: [] }, many).map((p) => p.code)).toEqual([
      'TOO_MANY_FIELDS',
    ]);
    expect(checkTemplateDefinition({ sections: [{ title: 'Tất cả', fields: fields.slice(1) }], rules: [] }, many)).toEqual([]);
  });

  it('wants unique rule ids and rules about fields of this form', () => {
    expect(check(edit((d) => (d.rules[2]!.id = 'ho-tro')))).toEqual([
      { code: 'RULE_ID_DUPLICATE', message: 'Mã quy tắc "ho-tro" bị trùng.', path: 'rules[2].id' },
    ]);
    expect(codes(edit((d) => (d.rules[0]!.id = ' ')))).toEqual(['RULE_ID_EMPTY']);
    const dropped = edit((d) => d.sections[0]!.fields.splice(2, 1));
    expect(check(dropped)).toEqual([
      {
        code: 'RULE_ELEMENT_NOT_IN_FORM',
        message: 'Quy tắc "ho-tro" nói đến «Vụ việc có yêu cầu hỗ trợ», không có trong biểu mẫu.',
        path: 'rules[1]',
      },
    ]);
  });

  it('compares two different figures of the same unit', () => {
    expect(check(edit((d) => (d.rules[1] = { id: 'ho-tro', kind: 'part_of', part: 'cases', whole: 'cases' })))).toEqual([
      { code: 'RULE_SAME_ELEMENT', message: 'Quy tắc "ho-tro": phần và tổng phải là hai chỉ tiêu khác nhau.', path: 'rules[1]' },
    ]);
    expect(check(edit((d) => (d.rules[1] = { id: 'ho-tro', kind: 'part_of', part: 'cases', whole: 'fee_due' })))).toEqual([
      {
        code: 'RULE_UNIT_MISMATCH',
        message: 'Quy tắc "ho-tro": «Vụ việc có yêu cầu hỗ trợ» (số lượng) và «Kinh phí phải thu» (tiền) khác đơn vị, không so sánh được.',
        path: 'rules[1]',
      },
    ]);
    expect(codes(edit((d) => (d.rules[2] = { id: 'thu', kind: 'ratio', numerator: 'fee_paid', denominator: 'meetings' })))).toEqual([
      'RULE_UNIT_MISMATCH',
    ]);
  });

  it('wants a jump threshold above 0 and at most 1000%, and rules that name fields', () => {
    for (const maxShare of [0, -0.1, 10.5, Number.NaN]) {
      expect(
        check(edit((d) => (d.rules[3] = { id: 'bien-dong', kind: 'jump', elements: ['fee_due'], maxShare }))),
        String(maxShare),
      ).toEqual([
        {
          code: 'RULE_JUMP_THRESHOLD',
          message: 'Quy tắc "bien-dong": ngưỡng thay đổi phải lớn hơn 0 và không quá 1000%.',
          path: 'rules[3].maxShare',
        },
      ]);
    }
    expect(codes(edit((d) => (d.rules[3] = { id: 'bien-dong', kind: 'jump', elements: ['fee_due'], maxShare: 10 })))).toEqual([]);
    expect(codes(edit((d) => (d.rules[0] = { id: 'bat-buoc', kind: 'required', elements: [] })))).toEqual(['RULE_ELEMENTS_EMPTY']);
    expect(codes(edit((d) => (d.rules[3] = { id: 'bien-dong', kind: 'jump', elements: [], maxShare: 0.5 })))).toEqual([
      'RULE_ELEMENTS_EMPTY',
    ]);
  });
});

describe('versionForPeriod', () => {
  const versions = [
    { version: 1, fromPeriodStart: '2024-12-01' },
    { version: 2, fromPeriodStart: '2025-12-01' },
    { version: 3, fromPeriodStart: '2025-12-01' },
    { version: 4, fromPeriodStart: null },
    { version: 5, fromPeriodStart: '2026-12-01' },
  ];

  it('takes the published version with the latest start on or before the period, the highest on a tie', () => {
    expect(versionForPeriod(versions, '2025-06-01')?.version).toBe(1);
    expect(versionForPeriod(versions, '2025-12-01')?.version).toBe(3);
    expect(versionForPeriod(versions, '2026-06-01')?.version).toBe(3);
    expect(versionForPeriod(versions, '2027-06-01')?.version).toBe(5);
  });

  it('never picks a draft, and has nothing for a period before the first version', () => {
    expect(versionForPeriod(versions, '2024-06-01')).toBeNull();
    expect(versionForPeriod([{ version: 1, fromPeriodStart: null }], '2030-01-01')).toBeNull();
    expect(versionForPeriod([], '2030-01-01')).toBeNull();
  });
});

describe('describeTemplateChanges', () => {
  it('says nothing when nothing changed', () => {
    expect(describeTemplateChanges(form, structuredClone(form))).toEqual([]);
  });

  it('names added and removed fields with their sections', () => {
    const after = edit((d) => {
      d.sections[0]!.fields.splice(1, 1);
      d.sections[1]!.fields.push({ element: 'strikes', label: 'Đình công' });
    });
    expect(describeTemplateChanges(form, after)).toEqual(['Thêm chỉ tiêu «Đình công» vào phần «II. Tài chính»', 'Bỏ chỉ tiêu «Đối thoại»']);
  });

  it('says which field moved up, not that all the others moved down', () => {
    const after = edit((d) => d.sections[0]!.fields.unshift(d.sections[0]!.fields.pop()!));
    expect(describeTemplateChanges(form, after)).toEqual(['Chuyển «Vụ việc đã hỗ trợ» lên']);
    const down = edit((d) => d.sections[0]!.fields.push(d.sections[0]!.fields.shift()!));
    expect(describeTemplateChanges(form, down)).toEqual(['Chuyển «Hội nghị NLĐ» xuống']);
  });

  it('tells a move to another section apart from a removal', () => {
    const after = edit((d) => d.sections[1]!.fields.push(d.sections[0]!.fields.splice(1, 1)[0]!));
    expect(describeTemplateChanges(form, after)).toEqual(['Chuyển «Đối thoại» từ phần «I. Đại diện» sang phần «II. Tài chính»']);
  });

  it('recognises a renamed section by its fields, and reordered, added and removed sections', () => {
    const renamed = edit((d) => (d.sections[0]!.title = 'I. Đại diện, bảo vệ'));
    expect(describeTemplateChanges(form, renamed)).toEqual(['Đổi tên phần «I. Đại diện» thành «I. Đại diện, bảo vệ»']);
    const extra: TemplateSection = { title: 'III. Khác', fields: [{ element: 'strikes', label: 'Đình công' }] };
    expect(
      describeTemplateChanges(
        form,
        edit((d) => d.sections.reverse()),
      ),
    ).toEqual([expect.stringMatching(/^Chuyển phần «[^»]+» (lên|xuống)$/)]);
    const three = edit((d) => d.sections.push(extra));
    expect(
      describeTemplateChanges(
        three,
        edit((d) => d.sections.unshift(extra)),
      ),
    ).toEqual(['Chuyển phần «III. Khác» lên']);
    expect(
      describeTemplateChanges(
        form,
        edit((d) => d.sections.push(extra)),
      ),
    ).toEqual(['Thêm phần «III. Khác»', 'Thêm chỉ tiêu «Đình công» vào phần «III. Khác»']);
    expect(
      describeTemplateChanges(
        edit((d) => d.sections.push(extra)),
        form,
      ),
    ).toEqual(['Bỏ phần «III. Khác»', 'Bỏ chỉ tiêu «Đình công»']);
  });

  it('names relabelled fields and changed hints', () => {
    const after = edit((d) => {
      d.sections[0]!.fields[0]!.label = 'Hội nghị người lao động';
      d.sections[1]!.fields[0]!.hint = 'triệu đồng';
      delete d.sections[1]!.fields[1]!.hint;
    });
    expect(describeTemplateChanges(form, after)).toEqual([
      'Đổi tên chỉ tiêu «Hội nghị NLĐ» thành «Hội nghị người lao động»',
      'Sửa ghi chú của «Phải thu» thành «triệu đồng»',
      'Bỏ ghi chú của «Đã thu»',
    ]);
  });

  it('describes rules added, removed and changed, and a new warning threshold', () => {
    const after = edit((d) => {
      d.rules.splice(1, 1);
      d.rules[2] = { id: 'bien-dong', kind: 'jump', elements: ['fee_due'], maxShare: 0.3 };
      d.rules[0] = { id: 'bat-buoc', kind: 'required', elements: ['fee_due'] };
      d.rules.push({ id: 'hoi-nghi', kind: 'jump', elements: ['meetings', 'dialogues'], maxShare: 1.25 });
    });
    expect(describeTemplateChanges(form, after)).toEqual([
      'Sửa quy tắc "bat-buoc": nay là bắt buộc nhập «Phải thu»',
      'Sửa ngưỡng cảnh báo biến động của «Phải thu» từ 50% thành 30%',
      'Thêm quy tắc cảnh báo khi «Hội nghị NLĐ», «Đối thoại» thay đổi quá 125% so với kỳ trước',
      'Bỏ quy tắc «Vụ việc đã hỗ trợ» không vượt quá «Vụ việc cần hỗ trợ»',
    ]);
  });

  it('does not call a rule changed because a field it names was relabelled', () => {
    const after = edit((d) => (d.sections[1]!.fields[0]!.label = 'Kinh phí phải thu'));
    expect(describeTemplateChanges(form, after)).toEqual(['Đổi tên chỉ tiêu «Phải thu» thành «Kinh phí phải thu»']);
  });
});

describe('versionForUnit: the deepest owner on the unit’s path with a version in force', () => {
  const v = (version: number, ownerPath: string | null, fromPeriodStart: string | null) => ({ version, ownerPath, fromPeriodStart });
  const versions = [
    v(1, null, '2000-01-01'),
    v(2, '1.7', '2027-01-01'),
    v(3, '1.8', '2026-07-01'),
    v(4, null, '2028-01-01'),
    v(5, '1.7', null),
  ];

  it('gives a unit below the province the province’s version from its first period, the whole tree’s before', () => {
    expect(versionForUnit(versions, '1.7.40.900', '2026-07-01')?.version).toBe(1);
    expect(versionForUnit(versions, '1.7.40.900', '2027-01-01')?.version).toBe(2);
    // The province's own version keeps applying there after the whole tree publishes a later one.
    expect(versionForUnit(versions, '1.7.40.900', '2028-01-01')?.version).toBe(2);
  });

  it('ignores other subtrees’ versions, drafts, and a path that only starts with the same digits', () => {
    expect(versionForUnit(versions, '1.71.5', '2027-01-01')?.version).toBe(1);
    expect(versionForUnit(versions, '1.9', '2028-07-01')?.version).toBe(4);
    expect(versionForUnit([v(5, '1.7', null)], '1.7.2', '2030-01-01')).toBeNull();
  });
});
