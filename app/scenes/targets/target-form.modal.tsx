import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { indicatorsQuery } from '../../api/measures.api.ts';
import { createTarget, type PlanDocument, type TargetProgress } from '../../api/progress.api.ts';
import { useFormSubmit } from '../../components/use-form-submit.hook.ts';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import {
  indicatorFilter,
  indicatorOptions,
  indicatorUnit,
  TARGET_TERMS_FIELDS,
  toTargetBody,
  type TargetFormValues,
} from './target-form.model.ts';
import { TargetTermsFields } from './target-terms.fields.tsx';
import { FormModal } from '../../components/form.modal.tsx';

type Shape = Omit<TargetFormValues, 'baselineDate'> & { baselineDate?: Dayjs };

const FIELDS = [
  'documentId',
  'unitId',
  'indicatorCode',
  ...TARGET_TERMS_FIELDS,
  'baselineValue',
  'baselineDate',
  'subject',
  'quote',
] as const;

/** A target of one document: indicator, comparator and value, a deadline year or every year, and its scope. */
export function TargetFormModal({
  documents,
  document,
  onClose,
  onSaved,
}: {
  documents: PlanDocument[];
  document?: PlanDocument;
  onClose: () => void;
  onSaved: (t: TargetProgress) => void;
}) {
  const [form] = Form.useForm<Shape>();
  const { saving, formError, run } = useFormSubmit(form, FIELDS);
  const timing = Form.useWatch('timing', form);
  const indicators = useQuery(indicatorsQuery());
  const options = useMemo(() => indicatorOptions(indicators.data?.items ?? []), [indicators.data]);
  const unit = indicatorUnit(indicators.data?.items ?? [], Form.useWatch('indicatorCode', form));

  const submit = async (v: Shape) => {
    await run(async () => onSaved(await createTarget(toTargetBody({ ...v, baselineDate: v.baselineDate?.format('YYYY-MM-DD') }))));
  };

  return (
    <FormModal
      form={form}
      title="Thêm chỉ tiêu"
      okText="Thêm chỉ tiêu"
      width={720}
      saving={saving}
      submitTestId="target-form-submit"
      initialValues={{
        documentId: document?.id,
        unitId: document?.issuer.id,
        comparator: '>=',
        timing: 'deadline',
        deadlineYear: document?.termTo ?? undefined,
      }}
      onFinish={submit}
      onClose={onClose}
      formError={formError}
    >
      <Form.Item name="documentId" label="Văn bản" rules={[{ required: true, message: 'Hãy chọn văn bản giao chỉ tiêu.' }]}>
        <Select
          options={documents.map((d) => ({ value: d.id, label: d.symbol ? `${d.symbol} — ${d.title}` : d.title }))}
          data-testid="target-form-document"
        />
      </Form.Item>
      <Form.Item
        name="unitId"
        label="Đơn vị thực hiện"
        extra="Đơn vị và toàn bộ đơn vị trực thuộc là phạm vi tính chỉ tiêu."
        rules={[{ required: true, message: 'Hãy chọn đơn vị.' }]}
      >
        <UnitPicker initialUnit={document?.issuer ?? null} />
      </Form.Item>
      <Form.Item name="indicatorCode" label="Chỉ số" rules={[{ required: true, message: 'Hãy chọn chỉ số.' }]}>
        <Select
          showSearch={{ filterOption: indicatorFilter }}
          options={options}
          loading={indicators.isPending}
          placeholder="Gõ tên chỉ số, ví dụ: thỏa ước"
          data-testid="target-form-indicator"
        />
      </Form.Item>
      <TargetTermsFields unit={unit} timing={timing} valueTestId="target-form-value" minWorkersPlaceholder="Ví dụ: 25" />
      <div className="form-row">
        <Form.Item name="baselineValue" label="Số liệu gốc (giá trị)">
          <InputNumber style={{ width: '100%' }} decimalSeparator="," />
        </Form.Item>
        <Form.Item name="baselineDate" label="Số liệu gốc (ngày)">
          <DatePicker format={VI_DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item name="subject" label="Nội dung chỉ tiêu">
        <Input maxLength={1000} placeholder="Ví dụ: Doanh nghiệp từ 25 lao động trở lên có CĐCS" />
      </Form.Item>
      <Form.Item name="quote" label="Trích nguyên văn từ văn bản">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}
