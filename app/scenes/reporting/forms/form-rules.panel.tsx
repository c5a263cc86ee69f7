import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Dropdown, InputNumber, Select, Typography } from 'antd';
import type { TemplateRule } from '../../../../domain/reporting/report-template.ts';
import {
  addRule,
  percentToShare,
  removeRule,
  RULE_KIND_LABEL,
  shareToPercent,
  updateRule,
  type FormDefinition,
  type RuleKind,
} from './form-editor.model.ts';
import { ProblemLines } from './problem-lines.tsx';

interface Props {
  def: FormDefinition;
  onChange: (def: FormDefinition) => void;
  readOnly: boolean;
  problems: Map<string, string[]>;
}

const KINDS: RuleKind[] = ['required', 'part_of', 'ratio', 'jump'];
const percent = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** The checks a report must pass: required fields, a part not above its whole, a numerator not above its denominator, a jump warning over a threshold. */
export function FormRulesPanel({ def, onChange, readOnly, problems }: Props) {
  const fields = def.sections.flatMap((s) => s.fields);
  const labelOf = (e: string) => fields.find((f) => f.element === e)?.label ?? (e || '…');
  const options = fields.map((f) => ({ value: f.element, label: f.label }));
  const set = (i: number, rule: TemplateRule) => onChange(updateRule(def, i, rule));

  return (
    <div className="form-rules" data-testid="form-rules">
      {def.rules.length === 0 && <Typography.Paragraph type="secondary">Biểu mẫu chưa có quy tắc kiểm tra nào.</Typography.Paragraph>}
      {def.rules.map((rule, i) => (
        <div key={i} className="form-rule" data-testid={`rule-${i}`}>
          <div className="form-rule-head">
            <strong>{RULE_KIND_LABEL[rule.kind]}</strong>
            <span className="cell-muted">mã {rule.id}</span>
            {!readOnly && (
              <Button
                danger
                size="small"
                icon={<DeleteOutlined />}
                aria-label={`Bỏ quy tắc ${rule.id}`}
                title="Bỏ quy tắc"
                data-testid={`rule-remove-${i}`}
                onClick={() => onChange(removeRule(def, i))}
              />
            )}
          </div>
          {readOnly ? (
            <div>{describe(rule, labelOf)}</div>
          ) : (
            <RuleEditor rule={rule} options={options} onChange={(r) => set(i, r)} index={i} />
          )}
          <ProblemLines lines={problems.get(`rule:${i}`)} />
        </div>
      ))}
      {!readOnly && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: KINDS.map((k) => ({ key: k, label: RULE_KIND_LABEL[k], 'data-testid': `rule-add-${k}` })),
            onClick: ({ key }) => onChange(addRule(def, key as RuleKind)),
          }}
        >
          <Button icon={<PlusOutlined />} type="dashed" block data-testid="rule-add">
            Thêm quy tắc
          </Button>
        </Dropdown>
      )}
    </div>
  );
}

type Option = { value: string; label: string };

function RuleEditor({
  rule,
  options,
  onChange,
  index,
}: {
  rule: TemplateRule;
  options: Option[];
  onChange: (r: TemplateRule) => void;
  index: number;
}) {
  const one = (value: string, label: string, set: (v: string) => void, testid: string) => (
    <label className="form-rule-pick">
      <span>{label}</span>
      <Select<string>
        value={value || null}
        placeholder="Chọn chỉ tiêu"
        options={options}
        onChange={set}
        aria-label={label}
        data-testid={testid}
        showSearch={{ optionFilterProp: 'label' }}
      />
    </label>
  );
  const many = (values: string[], label: string, set: (v: string[]) => void) => (
    <label className="form-rule-pick">
      <span>{label}</span>
      <Select
        mode="multiple"
        value={values}
        placeholder="Chọn các chỉ tiêu"
        options={options}
        onChange={set}
        aria-label={label}
        data-testid={`rule-elements-${index}`}
        showSearch={{ optionFilterProp: 'label' }}
      />
    </label>
  );
  switch (rule.kind) {
    case 'required':
      return many(rule.elements, 'Các chỉ tiêu bắt buộc nhập', (elements) => onChange({ ...rule, elements }));
    case 'part_of':
      return (
        <div className="form-rule-pair">
          {one(rule.part, 'Phần', (part) => onChange({ ...rule, part }), `rule-part-${index}`)}
          {one(rule.whole, 'không lớn hơn tổng', (whole) => onChange({ ...rule, whole }), `rule-whole-${index}`)}
        </div>
      );
    case 'ratio':
      return (
        <div className="form-rule-pair">
          {one(rule.numerator, 'Tử số', (numerator) => onChange({ ...rule, numerator }), `rule-numerator-${index}`)}
          {one(rule.denominator, 'không lớn hơn mẫu số', (denominator) => onChange({ ...rule, denominator }), `rule-denominator-${index}`)}
        </div>
      );
    case 'jump':
      return (
        <>
          {many(rule.elements, 'Theo dõi biến động của', (elements) => onChange({ ...rule, elements }))}
          <label className="form-rule-threshold">
            <span>Cảnh báo khi thay đổi quá</span>
            <InputNumber
              value={shareToPercent(rule.maxShare)}
              min={0.1}
              max={1000}
              step={5}
              suffix="%"
              decimalSeparator=","
              aria-label="Ngưỡng thay đổi, phần trăm"
              data-testid={`rule-threshold-${index}`}
              onChange={(v) => onChange({ ...rule, maxShare: typeof v === 'number' ? percentToShare(v) : Number.NaN })}
            />
            <span>so với kỳ trước (đơn vị phải giải thích)</span>
          </label>
        </>
      );
  }
}

function describe(rule: TemplateRule, labelOf: (e: string) => string): string {
  const q = (e: string) => `«${labelOf(e)}»`;
  switch (rule.kind) {
    case 'required':
      return `Bắt buộc nhập ${rule.elements.map(q).join(', ')}.`;
    case 'part_of':
      return `${q(rule.part)} không lớn hơn ${q(rule.whole)}.`;
    case 'ratio':
      return `Tử số ${q(rule.numerator)} không lớn hơn mẫu số ${q(rule.denominator)}.`;
    case 'jump':
      return `Cảnh báo khi ${rule.elements.map(q).join(', ')} thay đổi quá ${percent.format(shareToPercent(rule.maxShare))}% so với kỳ trước.`;
  }
}
