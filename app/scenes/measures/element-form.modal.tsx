import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api-client.ts';
import {
  createElement,
  derivedOptionsQuery,
  MEASURE_CODE_REQUIRED,
  MEASURE_CODE_TAKEN,
  updateElement,
  type DerivedOptions,
  type DerivedRegistry,
  type ElementItem,
  type ElementPatch,
  type ElementSource,
  type ElementUnit,
} from '../../api/measures.api.ts';
import type { Sector } from '../../../domain/org/org-unit.ts';
import { splitFormErrors } from '../admin/form-errors.ts';
import {
  commonChanges,
  MeasureFormError,
  MeasureFormModal,
  MeasureNameCodeUnit,
  OwnerOrReason,
  useCodeFromName,
  type MeasureFormErrorState,
} from './measure-form-parts.tsx';
import {
  allowsMinWorkers,
  definitionSentence,
  ELEMENT_UNIT_OPTIONS,
  toDefinition,
  usageOfError,
  type DerivedDraft,
} from './measures.model.ts';
import { problemsOfError } from './indicator-form.model.ts';
import './measures.css';

interface Shape {
  name: string;
  code?: string;
  unit: ElementUnit;
  source: ElementSource;
  description?: string;
  registry?: DerivedRegistry;
  measure?: string;
  sectors?: Sector[];
  minWorkers?: number | null;
  ownerUnitId?: number;
  reason?: string;
}

const FIELDS = ['name', 'code', 'unit', 'source', 'description', 'reason'] as const;
/** Only employers count enterprise CĐCS by sector; the public sector has none. */
const ENTERPRISE_ONLY = new Set(['cdcs_enterprise']);

function initialValues(element: ElementItem | null, ownerUnitId: number | undefined): Partial<Shape> {
  if (!element) return { unit: 'count', source: 'reported', ownerUnitId };
  const d = element.definition;
  return {
    name: element.name,
    code: element.code,
    unit: element.unit,
    source: element.source,
    description: element.description ?? undefined,
    registry: d?.registry,
    measure: d?.measure,
    sectors: d?.sectors ?? [],
    minWorkers: d?.minWorkers ?? null,
  };
}

/**
 * Thêm / sửa thành phần số liệu: a form field (reported) or a count from a registry with filters
 * chosen from lists, read back as one sentence while it is built. Editing a used element changes
 * its name and description only (the server refuses more, and says what uses it).
 */
export function ElementFormModal({
  element,
  taken,
  owner,
  onClose,
  onSaved,
}: {
  element: ElementItem | null;
  /** Element codes already in use: the proposed code avoids them. */
  taken: ReadonlySet<string>;
  owner: { id: number; name: string } | undefined;
  onClose: () => void;
  onSaved: (item: ElementItem, isNew: boolean) => void;
}) {
  const isNew = element === null;
  const [form] = Form.useForm<Shape>();
  const options = useQuery(derivedOptionsQuery());
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<MeasureFormErrorState>();
  const proposeCode = useCodeFromName(isNew);
  const source = Form.useWatch('source', form) ?? element?.source ?? 'reported';
  const registry = Form.useWatch('registry', form);
  const measure = Form.useWatch('measure', form);
  const sectors = Form.useWatch('sectors', form);
  const minWorkers = Form.useWatch('minWorkers', form);
  const draft = { registry, measure, sectors, minWorkers };
  const isUsed = (element?.usedBy.length ?? 0) > 0;
  // The meaning of a used element stays as it is; a built-in derived one is counted natively.
  const meaningLocked = !isNew && (isUsed || (element.source === 'derived' && element.definition === null));
  const isDerived = source === 'derived';

  const onValuesChange = (changed: Partial<Shape>) => {
    proposeCode(form, changed, () => taken);
    if ('registry' in changed) form.setFieldsValue({ measure: undefined, minWorkers: null });
    if ('source' in changed && changed.source === 'derived') form.setFieldValue('unit', 'count');
  };

  const submit = async (v: Shape) => {
    setSaving(true);
    setFormError(undefined);
    try {
      const definition = v.source === 'derived' ? toDefinition(v) : null;
      if (v.source === 'derived' && !definition)
        throw new ApiError(400, 'MEASURE_INVALID', 'Hãy chọn sổ và phép đếm của thành phần tính từ sổ.');
      if (isNew) {
        onSaved(
          await createElement({
            code: v.code?.trim() || undefined,
            name: v.name.normalize('NFC').trim(),
            unit: v.unit,
            source: v.source,
            description: v.description?.normalize('NFC').trim() || undefined,
            definition: definition ?? undefined,
            unitId: v.ownerUnitId,
          }),
          true,
        );
      } else {
        const patch = changesOf(element, v, definition);
        if (Object.keys(patch).length === 1) throw new ApiError(400, 'NO_CHANGE', 'Chưa có thay đổi nào để lưu.');
        onSaved(await updateElement(element.code, patch), false);
      }
    } catch (error) {
      const split = splitFormErrors(error, FIELDS, { [MEASURE_CODE_TAKEN]: 'code', [MEASURE_CODE_REQUIRED]: 'code' });
      form.setFields(split.fields);
      if (split.form) {
        const problems = problemsOfError(error)
          .map((p) => p.message)
          .filter((m) => m !== split.form);
        setFormError({ message: split.form, problems, usedBy: usageOfError(error) });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <MeasureFormModal<Shape>
      kind="element"
      width={640}
      title={isNew ? 'Thêm thành phần số liệu' : `Sửa thành phần «${element.name}»`}
      okText={isNew ? 'Thêm thành phần' : 'Lưu thay đổi'}
      saving={saving}
      form={form}
      initialValues={initialValues(element, owner?.id)}
      onFinish={submit}
      onValuesChange={onValuesChange}
      onClose={onClose}
    >
      <MeasureNameCodeUnit
        kind="element"
        isNew={isNew}
        nameLabel="Tên thành phần"
        namePlaceholder="Ví dụ: Số doanh nghiệp tổ chức đối thoại"
        codeExtra="Tự đề xuất từ tên; dùng trong công thức chỉ số dạng #{mã}."
        unitOptions={ELEMENT_UNIT_OPTIONS}
        unitDisabled={meaningLocked || isDerived}
      />
      <Form.Item name="source" label="Nguồn số liệu">
        <Radio.Group
          disabled={!isNew}
          data-testid="element-form-source"
          options={[
            { value: 'reported', label: 'Nhập qua biểu mẫu' },
            { value: 'derived', label: 'Tính từ sổ đăng ký' },
          ]}
        />
      </Form.Item>
      {isDerived && <DerivedCountFields options={options} draft={draft} meaningLocked={meaningLocked} />}
      <Form.Item name="description" label="Mô tả">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} placeholder="Đếm những gì, ai nhập, lưu ý khi tổng hợp" />
      </Form.Item>
      <OwnerOrReason
        kind="element"
        isNew={isNew}
        owner={owner}
        ownerExtra="Đơn vị này và các đơn vị trực thuộc dùng được thành phần."
        reasonPlaceholder="Ví dụ: Sửa tên theo Hướng dẫn số 12/HD-TLĐ"
        beforeReason={
          meaningLocked && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={
                isUsed
                  ? `Thành phần đang được dùng ở ${element.usedBy.length} nơi: chỉ sửa được tên và mô tả.`
                  : 'Thành phần có sẵn tính trực tiếp từ sổ: chỉ sửa được tên và mô tả.'
              }
            />
          )
        }
      />
      <MeasureFormError kind="element" error={formError} />
    </MeasureFormModal>
  );
}

/** The PATCH body: only what changed, and always the reason. */
function changesOf(element: ElementItem, v: Shape, definition: ReturnType<typeof toDefinition>): ElementPatch {
  const patch: ElementPatch = commonChanges(element, v);
  if (v.unit !== element.unit) patch.unit = v.unit;
  if (definition && JSON.stringify(definition) !== JSON.stringify(element.definition)) patch.definition = definition;
  return patch;
}

/** A count from a registry: the registry, what it counts, the filters, and the sentence read back. */
function DerivedCountFields({
  options,
  draft,
  meaningLocked,
}: {
  options: { data?: DerivedOptions; isPending: boolean };
  draft: DerivedDraft;
  meaningLocked: boolean;
}) {
  const { registry, measure } = draft;
  const sentence = definitionSentence(draft);
  const measureOptions = (options.data?.measures ?? [])
    .filter((m) => m.registry === registry)
    .map((m) => ({ value: m.measure, label: m.label }));
  const chosen = options.data?.measures.find((m) => m.registry === registry && m.measure === measure);
  const sectorOptions = (options.data?.sectors ?? [])
    .filter((s) => !(chosen && ENTERPRISE_ONLY.has(chosen.baseCode) && s.code === 'hcsn'))
    .map((s) => ({ value: s.code, label: s.label }));
  return (
    <div className="measure-derived" data-testid="element-derived">
      <div className="form-row measure-form-row">
        <Form.Item name="registry" label="Sổ" rules={[{ required: true, message: 'Hãy chọn sổ.' }]}>
          <Select
            loading={options.isPending}
            disabled={meaningLocked}
            placeholder="Chọn sổ"
            data-testid="element-form-registry"
            options={(options.data?.registries ?? []).map((r) => ({ value: r.code, label: r.label }))}
          />
        </Form.Item>
        <Form.Item name="measure" label="Đếm" rules={[{ required: true, message: 'Hãy chọn phép đếm.' }]}>
          <Select
            disabled={meaningLocked || !registry}
            placeholder={registry ? 'Chọn phép đếm' : 'Chọn sổ trước'}
            options={measureOptions}
            data-testid="element-form-measure"
          />
        </Form.Item>
      </div>
      <div className="form-row measure-form-row">
        <Form.Item name="sectors" label="Khu vực (để trống: mọi khu vực)">
          <Select
            mode="multiple"
            allowClear
            disabled={meaningLocked || !measure}
            placeholder="Mọi khu vực"
            options={sectorOptions}
            data-testid="element-form-sectors"
          />
        </Form.Item>
        {allowsMinWorkers(draft) && (
          <Form.Item name="minWorkers" label="Từ … lao động trở lên" extra="Để trống: mọi quy mô.">
            <InputNumber<number>
              min={1}
              max={100_000}
              precision={0}
              style={{ width: '100%' }}
              disabled={meaningLocked}
              placeholder="Ví dụ: 25"
              data-testid="element-form-min-workers"
            />
          </Form.Item>
        )}
      </div>
      <Alert
        type="info"
        showIcon
        className="measure-sentence"
        data-testid="element-form-sentence"
        title={
          sentence ? (
            <>
              Đếm: <strong>{sentence}</strong>
            </>
          ) : (
            'Chọn sổ và phép đếm để xem thành phần này đếm gì.'
          )
        }
      />
    </div>
  );
}
