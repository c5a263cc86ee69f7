import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Checkbox, Dropdown, Input, Popconfirm, Select, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import type { FormElement } from '../../../api/report-templates.api.ts';
import {
  addField,
  addSection,
  isRequired,
  matchesElement,
  moveField,
  moveFieldToSection,
  moveSection,
  removeField,
  removeSection,
  renameSection,
  setRequired,
  updateField,
  type FormDefinition,
} from './form-editor.model.ts';
import { ProblemLines } from './problem-lines.tsx';

interface Props {
  def: FormDefinition;
  onChange: (def: FormDefinition) => void;
  readOnly: boolean;
  /** Every element (for names), and the reported ones a field may be made of. */
  elements: Map<string, FormElement>;
  problems: Map<string, string[]>;
}

const UNIT_LABEL: Record<string, string> = { count: 'số lượng', percent: 'phần trăm', money: 'tiền' };

/** Sections and their fields: add, rename, reorder (buttons, not only dragging), move between sections, remove; the "Bắt buộc" tick per field. */
export function FormSectionsPanel({ def, onChange, readOnly, elements, problems }: Props) {
  const inForm = useMemo(() => new Set(def.sections.flatMap((s) => s.fields.map((f) => f.element))), [def.sections]);
  const available = useMemo(
    () =>
      [...elements.values()]
        .filter((e) => e.source === 'reported' && !inForm.has(e.code))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [elements, inForm],
  );

  return (
    <div className="form-sections" data-testid="form-sections">
      {def.sections.map((section, si) => (
        <section key={si} className="form-section" data-testid={`form-section-${si}`} aria-label={section.title || `Phần thứ ${si + 1}`}>
          <SectionHead def={def} onChange={onChange} readOnly={readOnly} si={si} />
          <ProblemLines lines={problems.get(`section:${si}`)} />

          {section.fields.length === 0 && <Typography.Text type="secondary">Phần này chưa có chỉ tiêu nào.</Typography.Text>}
          {section.fields.map((field, fi) => (
            <FieldRow
              key={field.element}
              def={def}
              onChange={onChange}
              readOnly={readOnly}
              si={si}
              fi={fi}
              element={elements.get(field.element)}
              problems={problems.get(`field:${si}:${fi}`)}
            />
          ))}

          {!readOnly && <AddFieldSelect def={def} onChange={onChange} si={si} elements={elements} available={available} />}
        </section>
      ))}
      {!readOnly && (
        <Button icon={<PlusOutlined />} block type="dashed" data-testid="section-add" onClick={() => onChange(addSection(def))}>
          Thêm phần
        </Button>
      )}
    </div>
  );
}

type EditProps = Pick<Props, 'def' | 'onChange'>;

/** A section's title (a box to rename it while editing) and its tools: up, down, remove. */
function SectionHead({ def, onChange, readOnly, si }: EditProps & { readOnly: boolean; si: number }) {
  const section = def.sections[si]!;
  return (
    <div className="form-section-head">
      {readOnly ? (
        <h3 className="form-section-title">{section.title}</h3>
      ) : (
        <Input
          className="form-section-title-input"
          value={section.title}
          aria-label={`Tên phần thứ ${si + 1}`}
          placeholder="Tên phần, ví dụ: V. Thi đua, khen thưởng"
          data-testid={`section-title-${si}`}
          onChange={(e) => onChange(renameSection(def, si, e.target.value))}
        />
      )}
      {!readOnly && (
        <div className="form-tools">
          <Button
            icon={<ArrowUpOutlined />}
            aria-label={`Chuyển phần ${section.title} lên`}
            title="Chuyển phần lên"
            disabled={si === 0}
            onClick={() => onChange(moveSection(def, si, -1))}
          />
          <Button
            icon={<ArrowDownOutlined />}
            aria-label={`Chuyển phần ${section.title} xuống`}
            title="Chuyển phần xuống"
            disabled={si === def.sections.length - 1}
            onClick={() => onChange(moveSection(def, si, 1))}
          />
          <Popconfirm
            title="Bỏ phần này?"
            description={section.fields.length ? `Các chỉ tiêu trong phần (${section.fields.length}) cũng bị bỏ khỏi biểu mẫu.` : undefined}
            okText="Bỏ phần"
            cancelText="Hủy"
            onConfirm={() => onChange(removeSection(def, si))}
          >
            <Button
              danger
              icon={<DeleteOutlined />}
              aria-label={`Bỏ phần ${section.title}`}
              title="Bỏ phần"
              data-testid={`section-remove-${si}`}
            />
          </Popconfirm>
        </div>
      )}
    </div>
  );
}

/** One field: its label and hint, the "Bắt buộc" tick, and the tools to reorder, move and remove it. */
function FieldRow({
  def,
  onChange,
  readOnly,
  si,
  fi,
  element,
  problems,
}: EditProps & { readOnly: boolean; si: number; fi: number; element: FormElement | undefined; problems: string[] | undefined }) {
  const section = def.sections[si]!;
  const field = section.fields[fi]!;
  const required = isRequired(def, field.element);
  return (
    <div className="form-field" data-testid={`form-field-${field.element}`}>
      <div className="form-field-main">
        {readOnly ? (
          <div>
            {field.label}
            {field.hint && <span className="cell-muted"> ({field.hint})</span>}
            {required && <span className="form-required"> · bắt buộc</span>}
          </div>
        ) : (
          <Input.TextArea
            // A long label shows whole on a phone instead of scrolling inside a one-line box.
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={field.label}
            aria-label={`Tên hiển thị của chỉ tiêu ${element?.name ?? field.element}`}
            data-testid={`field-label-${field.element}`}
            onChange={(e) => onChange(updateField(def, field.element, { label: e.target.value }))}
          />
        )}
        <div className="cell-muted">
          {element ? `${element.name} · ${UNIT_LABEL[element.unit] ?? element.unit} · ` : ''}mã {field.element}
        </div>
      </div>
      {!readOnly && (
        <div className="form-field-tools">
          <Checkbox
            checked={required}
            data-testid={`field-required-${field.element}`}
            onChange={(e) => onChange(setRequired(def, field.element, e.target.checked))}
          >
            Bắt buộc
          </Checkbox>
          <Input
            className="form-field-hint"
            value={field.hint ?? ''}
            maxLength={200}
            placeholder="Đơn vị tính"
            title="Ghi chú dưới tên chỉ tiêu, thường là đơn vị tính: người, đồng, vụ…"
            aria-label={`Đơn vị tính (ghi chú) của chỉ tiêu ${field.label}`}
            onChange={(e) => onChange(updateField(def, field.element, { hint: e.target.value }))}
          />
          <div className="form-tools">
            <Button
              icon={<ArrowUpOutlined />}
              aria-label={`Chuyển ${field.label} lên`}
              title="Chuyển lên"
              disabled={fi === 0}
              data-testid={`field-up-${field.element}`}
              onClick={() => onChange(moveField(def, field.element, -1))}
            />
            <Button
              icon={<ArrowDownOutlined />}
              aria-label={`Chuyển ${field.label} xuống`}
              title="Chuyển xuống"
              disabled={fi === section.fields.length - 1}
              data-testid={`field-down-${field.element}`}
              onClick={() => onChange(moveField(def, field.element, 1))}
            />
            <Dropdown
              trigger={['click']}
              disabled={def.sections.length < 2}
              menu={{
                items: def.sections.map((s, ti) => ({
                  key: String(ti),
                  label: s.title || `Phần thứ ${ti + 1}`,
                  disabled: ti === si,
                })),
                onClick: ({ key }) => onChange(moveFieldToSection(def, field.element, Number(key))),
              }}
            >
              <Button
                icon={<SwapOutlined />}
                aria-label={`Chuyển ${field.label} sang phần khác`}
                title="Chuyển sang phần khác"
                data-testid={`field-move-${field.element}`}
              />
            </Dropdown>
            <Tooltip title="Bỏ khỏi biểu mẫu (cả khỏi các quy tắc nói đến chỉ tiêu này)">
              <Button
                danger
                icon={<DeleteOutlined />}
                aria-label={`Bỏ ${field.label} khỏi biểu mẫu`}
                data-testid={`field-remove-${field.element}`}
                onClick={() => onChange(removeField(def, field.element))}
              />
            </Tooltip>
          </div>
        </div>
      )}
      <ProblemLines lines={problems} />
    </div>
  );
}

/** "Thêm chỉ tiêu": a search over the reported elements not yet in the form. */
function AddFieldSelect({
  def,
  onChange,
  si,
  elements,
  available,
}: EditProps & { si: number; elements: Map<string, FormElement>; available: FormElement[] }) {
  const section = def.sections[si]!;
  return (
    <Select<string, { value: string; label: string; element: FormElement }>
      className="form-add-field"
      value={null}
      placeholder={
        <>
          <PlusOutlined /> Thêm chỉ tiêu: tìm theo tên số liệu
        </>
      }
      aria-label={`Thêm chỉ tiêu vào phần ${section.title}`}
      data-testid={`add-field-${si}`}
      showSearch={{ filterOption: (input, option) => (option ? matchesElement(input, option.element) : false) }}
      notFoundContent="Không có số liệu báo cáo nào khớp (hoặc đã có trong biểu mẫu)."
      options={available.map((e) => ({ value: e.code, label: e.name, element: e }))}
      optionRender={(o) => (
        <div className="form-element-option">
          <div>{o.data.element.name}</div>
          <div className="cell-muted">
            {UNIT_LABEL[o.data.element.unit] ?? o.data.element.unit} · {o.data.element.owner ? o.data.element.owner.name : 'toàn hệ thống'}{' '}
            · mã {o.data.element.code}
          </div>
        </div>
      )}
      onChange={(code) => {
        const e = elements.get(code);
        if (e) onChange(addField(def, si, e));
      }}
    />
  );
}
