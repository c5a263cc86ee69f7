import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Select, Typography, type FormInstance } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef, useState, type ReactNode, type RefObject } from 'react';
import { ApiError } from '../../api/api-client.ts';
import {
  createIndicator,
  elementsQuery,
  indicatorPreviewQuery,
  indicatorsQuery,
  MEASURE_CODE_REQUIRED,
  MEASURE_CODE_TAKEN,
  updateIndicator,
  type IndicatorItem,
  type IndicatorPatch,
  type IndicatorProblem,
  type IndicatorUnit,
} from '../../api/measures.api.ts';
import { todayIso } from '../../lib/calendar-date.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { splitFormErrors } from '../admin/form-errors.ts';
import { IndicatorPreviewPanel, type PreviewPlace } from './indicator-preview.panel.tsx';
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
  filterReferences,
  insertReference,
  needsDenominator,
  percentFactorHint,
  problemsByField,
  problemsOfError,
  referenceOptions,
  withPercentFactor,
  type ExpressionField,
  type ReferenceOption,
} from './indicator-form.model.ts';
import { codeFromName, INDICATOR_UNIT_OPTIONS, usageOfError } from './measures.model.ts';
// Also opened from the review screen: its styles come with it.
import '../../components/registry/registry.css';
import './measures.css';

interface Shape {
  name: string;
  code?: string;
  unit: IndicatorUnit;
  numerator: string;
  denominator?: string;
  description?: string;
  keywords?: string[];
  ownerUnitId?: number;
  reason?: string;
}

const FIELDS = ['name', 'code', 'unit', 'numerator', 'denominator', 'description', 'keywords', 'reason'] as const;
const PREVIEW_DELAY_MS = 400;

export interface IndicatorPrefill {
  name: string;
  unit: IndicatorUnit;
}

/**
 * Thêm / sửa chỉ số — the indicator builder: name, code, unit, a numerator and a denominator
 * written in the expression language with a picker inserting `#{mã}` of an element, and the
 * value previewed live for a unit and a date. Save is refused while the checks find problems;
 * each problem sits under the field it concerns. Also opened from the review screen, prefilled
 * from a target no indicator measures.
 */
export function IndicatorFormModal({
  indicator,
  prefill,
  owner,
  onClose,
  onSaved,
}: {
  indicator: IndicatorItem | null;
  prefill?: IndicatorPrefill;
  owner: { id: number; name: string } | undefined;
  onClose: () => void;
  onSaved: (item: IndicatorItem, isNew: boolean) => void;
}) {
  const isNew = indicator === null;
  const [form] = Form.useForm<Shape>();
  const elements = useQuery(elementsQuery());
  const indicators = useQuery(indicatorsQuery());
  const [saving, setSaving] = useState(false);
  const [saveProblems, setSaveProblems] = useState<IndicatorProblem[]>();
  const [formError, setFormError] = useState<MeasureFormErrorState>();
  const [place, setPlace] = useState<PreviewPlace>({ unitId: owner?.id, date: todayIso() });
  const proposeCode = useCodeFromName(isNew);

  // The form takes its initial values once: a list loaded later must not reset what is typed.
  const [initial] = useState(() => initialValues(indicator, prefill, owner?.id, indicators.data?.items ?? []));
  const { unit, numerator, denominator, hasDenominator, preview } = useIndicatorPreview(form, initial, place);
  const problems = problemsByField(saveProblems ?? (preview.isEnabled ? (preview.data?.problems ?? []) : []));
  const hasFieldProblems = problems.numerator.length > 0 || problems.denominator.length > 0 || problems.other.length > 0;
  const isUsed = (indicator?.usedBy.length ?? 0) > 0;
  const meaningLocked = !isNew && isUsed;

  const elementItems = elements.data?.items ?? [];
  const indicatorItems = indicators.data?.items ?? [];
  const references = referenceOptions(elementItems, indicatorItems, indicator?.code);
  const nameOf = (code: string) => elementItems.find((e) => e.code === code)?.name ?? indicatorItems.find((i) => i.code === code)?.name;
  const unitOf = (code: string) => elementItems.find((e) => e.code === code)?.unit ?? indicatorItems.find((i) => i.code === code)?.unit;

  const onValuesChange = (changed: Partial<Shape>) => {
    setSaveProblems(undefined);
    setFormError(undefined);
    proposeCode(form, changed, () => new Set(indicatorItems.map((i) => i.code)));
  };

  const submit = async (v: Shape) => {
    if (hasFieldProblems) return;
    setSaving(true);
    setFormError(undefined);
    const den = needsDenominator(v.unit) ? v.denominator?.trim() || null : null;
    try {
      if (isNew) {
        onSaved(await createIndicator(newIndicatorOf(v, den)), true);
      } else {
        const patch = changesOf(indicator, v, den);
        if (Object.keys(patch).length === 1) throw new ApiError(400, 'NO_CHANGE', 'Chưa có thay đổi nào để lưu.');
        onSaved(await updateIndicator(indicator.code, patch), false);
      }
    } catch (error) {
      const listed = problemsOfError(error);
      if (listed.length > 0) setSaveProblems(listed);
      const split = splitFormErrors(error, FIELDS, { [MEASURE_CODE_TAKEN]: 'code', [MEASURE_CODE_REQUIRED]: 'code' });
      form.setFields(split.fields);
      // The problems are shown under their fields; the summary only when nothing else says it.
      if (split.form && listed.length === 0) setFormError({ message: split.form, problems: [], usedBy: usageOfError(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <MeasureFormModal<Shape>
      kind="indicator"
      width={760}
      title={isNew ? 'Thêm chỉ số' : `Sửa chỉ số «${indicator.name}»`}
      okText={isNew ? 'Thêm chỉ số' : 'Lưu thay đổi'}
      saving={saving}
      okDisabled={hasFieldProblems}
      form={form}
      initialValues={initial}
      onFinish={submit}
      onValuesChange={onValuesChange}
      onClose={onClose}
    >
      <MeasureNameCodeUnit
        kind="indicator"
        isNew={isNew}
        nameLabel="Tên chỉ số"
        namePlaceholder="Ví dụ: Tỷ lệ doanh nghiệp tổ chức đối thoại"
        codeExtra="Tự đề xuất từ tên."
        unitOptions={INDICATOR_UNIT_OPTIONS}
        unitDisabled={meaningLocked}
      />
      {meaningLocked && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`Chỉ số đang được dùng ở ${indicator.usedBy.length} nơi: chỉ sửa được tên, mô tả và từ khóa.`}
        />
      )}
      <ExpressionFields
        form={form}
        hasDenominator={hasDenominator}
        unit={unit}
        references={references}
        disabled={meaningLocked}
        problems={problems}
        percentHint={!meaningLocked && percentFactorHint(unit, numerator)}
        onEdited={onValuesChange}
      />
      <IndicatorPreviewPanel
        place={place}
        onPlace={setPlace}
        initialUnit={owner ?? null}
        unit={unit}
        numerator={numerator}
        denominator={denominator}
        preview={preview}
        nameOf={nameOf}
        unitOf={unitOf}
      />
      <IndicatorDetails />
      <OwnerOrReason kind="indicator" isNew={isNew} owner={owner} ownerExtra="Đơn vị này và các đơn vị trực thuộc dùng được chỉ số." />
      <SaveBlocked other={problems.other} blocked={hasFieldProblems} />
      <MeasureFormError kind="indicator" error={formError} />
    </MeasureFormModal>
  );
}

/** A numerator or denominator: the expression, and a search that inserts `#{mã}` at the caret. */
function ExpressionItem({
  field,
  label,
  textRef,
  references,
  disabled,
  onInsert,
  status,
}: {
  field: ExpressionField;
  label: string;
  textRef: RefObject<TextAreaRef | null>;
  references: ReferenceOption[];
  disabled: boolean;
  onInsert: (field: ExpressionField, code: string) => void;
  status: { validateStatus?: 'error' | 'warning'; help?: React.ReactNode };
}) {
  const [search, setSearch] = useState('');
  const found = filterReferences(references, search);
  const group = (kind: ReferenceOption['kind'], title: string) => {
    const options = found
      .filter((o) => o.kind === kind)
      .map((o) => ({
        value: o.value,
        label: (
          <span className="measure-ref-option">
            <span>{o.label}</span>
            <span className="cell-muted">#{`{${o.value}}`}</span>
          </span>
        ),
      }));
    return options.length ? [{ label: title, options }] : [];
  };
  return (
    <div className="measure-expression">
      <Form.Item
        name={field}
        label={label}
        {...status}
        rules={[{ required: true, whitespace: true, message: `Hãy nhập ${label.toLowerCase()}.` }]}
      >
        <Input.TextArea
          ref={textRef}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={500}
          disabled={disabled}
          spellCheck={false}
          className="measure-expression-input"
          placeholder={field === 'numerator' ? 'Ví dụ: #{so_doanh_nghiep_to_chuc_doi_thoai}' : 'Ví dụ: #{employers_with_cdcs}'}
          data-testid={`indicator-form-${field}`}
        />
      </Form.Item>
      {!disabled && (
        <Select<string>
          className="measure-ref-picker"
          value={null}
          placeholder="Chèn thành phần: gõ tên để tìm (không cần dấu)"
          showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false, autoClearSearchValue: true }}
          options={[...group('element', 'Thành phần số liệu'), ...group('indicator', 'Chỉ số số lượng, tiền')]}
          notFoundContent={search ? `Không có thành phần nào khớp “${search}”.` : 'Chưa có thành phần nào.'}
          onSelect={(code: string) => {
            setSearch('');
            onInsert(field, code);
          }}
          popupMatchSelectWidth={false}
          data-testid={`indicator-picker-${field}`}
        />
      )}
    </div>
  );
}

function cleanKeywords(list: string[] | undefined): string[] | undefined {
  const out = (list ?? []).map((k) => k.normalize('NFC').trim()).filter((k, i, all) => k !== '' && all.indexOf(k) === i);
  return out.length ? out : undefined;
}

/** The PATCH body: only what changed, and always the reason. */
function changesOf(indicator: IndicatorItem, v: Shape, denominator: string | null): IndicatorPatch {
  const patch: IndicatorPatch = commonChanges(indicator, v);
  const keywords = cleanKeywords(v.keywords) ?? [];
  if (JSON.stringify(keywords) !== JSON.stringify(indicator.keywords)) patch.keywords = keywords;
  if (v.unit !== indicator.unit) patch.unit = v.unit;
  if (v.numerator.trim() !== indicator.numerator) patch.numerator = v.numerator.trim();
  if (denominator !== indicator.denominator) patch.denominator = denominator;
  return patch;
}

/** What the form starts with: the indicator edited, or a new one prefilled from the review screen. */
function initialValues(
  indicator: IndicatorItem | null,
  prefill: IndicatorPrefill | undefined,
  ownerUnitId: number | undefined,
  indicatorItems: IndicatorItem[],
): Partial<Shape> {
  return indicator
    ? {
        name: indicator.name,
        code: indicator.code,
        unit: indicator.unit,
        numerator: indicator.numerator,
        denominator: indicator.denominator ?? undefined,
        description: indicator.description ?? undefined,
        keywords: indicator.keywords,
      }
    : {
        name: prefill?.name,
        code: prefill?.name ? codeFromName(prefill.name, new Set(indicatorItems.map((i) => i.code))) : undefined,
        unit: prefill?.unit ?? 'count',
        numerator: '',
        ownerUnitId,
      };
}

/** The expression as typed, and its value for the chosen unit and date once typing pauses. */
function useIndicatorPreview(form: FormInstance<Shape>, initial: Partial<Shape>, place: PreviewPlace) {
  const unit = Form.useWatch('unit', form) ?? initial.unit ?? 'count';
  const numerator = Form.useWatch('numerator', form) ?? initial.numerator ?? '';
  const denominatorText = Form.useWatch('denominator', form) ?? initial.denominator ?? '';
  const hasDenominator = needsDenominator(unit);
  const denominator = hasDenominator ? denominatorText.trim() || null : null;

  // One request per pause in typing: the body is compared as text, not by identity.
  const bodyKey = JSON.stringify({ unit, numerator, denominator, unitId: place.unitId, date: place.date });
  const debouncedKey = useDebouncedValue(bodyKey, PREVIEW_DELAY_MS);
  const debounced = JSON.parse(debouncedKey) as {
    unit: IndicatorUnit;
    numerator: string;
    denominator: string | null;
    unitId: number | undefined;
    date: string;
  };
  const preview = useQuery({
    ...indicatorPreviewQuery({ ...debounced, unitId: debounced.unitId ?? 0 }),
    enabled: debounced.numerator.trim() !== '' && debounced.unitId !== undefined,
  });
  return { unit, numerator, denominator, hasDenominator, preview };
}

type ExpressionStatus = { validateStatus?: 'error' | 'warning'; help?: ReactNode };

/** Under an expression: its problems, or for a percent numerator without ×100 the offer to add it. */
function expressionStatus(
  field: ExpressionField,
  problems: ReturnType<typeof problemsByField>,
  percentHint: string | null | false,
  onFixPercent: () => void,
): ExpressionStatus {
  if (problems[field].length > 0)
    return {
      validateStatus: 'error',
      help: (
        <div data-testid={`indicator-problems-${field}`}>
          {problems[field].map((m) => (
            <div key={m}>{m}</div>
          ))}
        </div>
      ),
    };
  if (field !== 'numerator' || !percentHint) return {};
  return {
    validateStatus: 'warning',
    help: (
      <div data-testid="indicator-percent-hint">
        {percentHint}{' '}
        <Button type="link" size="small" className="measure-inline-link" onClick={onFixPercent} data-testid="indicator-percent-fix">
          Nhân tử số với 100
        </Button>
      </div>
    ),
  };
}

/** The numerator (or the formula), the denominator when the unit divides, and how to write them. */
function ExpressionFields({
  form,
  hasDenominator,
  unit,
  references,
  disabled,
  problems,
  percentHint,
  onEdited,
}: {
  form: FormInstance<Shape>;
  hasDenominator: boolean;
  unit: IndicatorUnit;
  references: ReferenceOption[];
  disabled: boolean;
  problems: ReturnType<typeof problemsByField>;
  percentHint: string | null | false;
  /** Told of what a picked reference or the ×100 fix wrote, as if typed. */
  onEdited: (changed: Partial<Shape>) => void;
}) {
  const refs = { numerator: useRef<TextAreaRef>(null), denominator: useRef<TextAreaRef>(null) };
  const onInsert = (field: ExpressionField, code: string) => {
    const el = refs[field].current?.resizableTextArea?.textArea;
    const current: string = form.getFieldValue(field) ?? '';
    // The first element of a percent numerator comes with its ×100, as the catalogue writes it.
    const next =
      field === 'numerator' && form.getFieldValue('unit') === 'percent' && current.trim() === ''
        ? { text: `100 * #{${code}}`, caret: `100 * #{${code}}`.length }
        : insertReference(current, el?.selectionStart, el?.selectionEnd, code);
    form.setFieldValue(field, next.text);
    onEdited({ [field]: next.text });
    window.setTimeout(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    }, 0);
  };

  const statusOf = (field: ExpressionField) =>
    expressionStatus(field, problems, percentHint, () => {
      const text = withPercentFactor(form.getFieldValue('numerator') ?? '');
      form.setFieldValue('numerator', text);
      onEdited({ numerator: text });
    });
  return (
    <>
      <ExpressionItem
        field="numerator"
        label={hasDenominator ? 'Tử số' : 'Công thức'}
        textRef={refs.numerator}
        references={references}
        disabled={disabled}
        onInsert={onInsert}
        status={statusOf('numerator')}
      />
      {hasDenominator && (
        <ExpressionItem
          field="denominator"
          label="Mẫu số"
          textRef={refs.denominator}
          references={references}
          disabled={disabled}
          onInsert={onInsert}
          status={statusOf('denominator')}
        />
      )}
      <Typography.Paragraph type="secondary" className="measure-expression-help">
        Viết công thức bằng mã thành phần dạng <code>#{'{mã}'}</code>, số và các phép + − * / cùng dấu ngoặc.
        {hasDenominator &&
          ' Giá trị của cả địa bàn là tổng tử số chia cho tổng mẫu số của các đơn vị' +
            (unit === 'percent' ? '; chỉ số phần trăm nhân 100 ở tử số (100 * #{mã}).' : '.')}
      </Typography.Paragraph>
    </>
  );
}

/** Mô tả, and the keywords that suggest the indicator when a document is reviewed. */
function IndicatorDetails() {
  return (
    <>
      <Form.Item name="description" label="Mô tả">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="keywords"
        label="Từ khóa nhận diện trong văn bản"
        extra="Cụm từ giúp gợi ý chỉ số này khi rà soát văn bản, ví dụ: đối thoại định kỳ. Nhấn Enter sau mỗi cụm."
      >
        <Select
          mode="tags"
          tokenSeparators={[';']}
          open={false}
          suffixIcon={null}
          placeholder="Gõ cụm từ rồi nhấn Enter"
          data-testid="indicator-form-keywords"
        />
      </Form.Item>
    </>
  );
}

/** The problems that belong to no field, and why Save is refused while any problem remains. */
function SaveBlocked({ other, blocked }: { other: string[]; blocked: boolean }) {
  return (
    <>
      {other.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} data-testid="indicator-problems-other" title={other.join(' ')} />
      )}
      {blocked && (
        <Typography.Text type="danger" data-testid="indicator-form-blocked">
          Sửa các lỗi trên thì mới lưu được chỉ số.
        </Typography.Text>
      )}
    </>
  );
}

/** The POST body of a new indicator. */
function newIndicatorOf(v: Shape, denominator: string | null) {
  return {
    code: v.code?.trim() || undefined,
    name: v.name.normalize('NFC').trim(),
    unit: v.unit,
    numerator: v.numerator.trim(),
    denominator,
    description: v.description?.normalize('NFC').trim() || undefined,
    keywords: cleanKeywords(v.keywords),
    unitId: v.ownerUnitId,
  };
}
