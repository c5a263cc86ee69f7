import { Checkbox, DatePicker, Form, Input, Select } from 'antd';
import { type Dayjs } from 'dayjs';
import { createAgreement, renewAgreement, type AgreementItem } from '../../api/registry.api.ts';
import { useSubmitForm } from '../../components/use-form-submit.hook.ts';
import { CdcsPicker } from '../../components/registry/cdcs-picker.field.tsx';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { FormModal, type FormModalCallbacks } from '../../components/form.modal.tsx';

export const KIND_OPTIONS = [
  { value: 'enterprise', label: 'Thỏa ước doanh nghiệp' },
  { value: 'sector', label: 'Thỏa ước ngành' },
  { value: 'multi_employer', label: 'Thỏa ước có nhiều doanh nghiệp tham gia' },
] as const;

export const QUALITY_OPTIONS = (['A', 'B', 'C', 'D'] as const).map((q) => ({ value: q, label: `Loại ${q}` }));

interface Shape {
  cdcsUnitId?: number;
  kind: 'enterprise' | 'sector' | 'multi_employer';
  number?: string;
  signedOn?: Dayjs;
  effectiveFrom?: Dayjs;
  expiresOn?: Dayjs;
  qualityClass?: 'A' | 'B' | 'C' | 'D' | null;
  betterThanLaw?: boolean;
}

const FIELDS = ['cdcsUnitId', 'kind', 'number', 'signedOn', 'effectiveFrom', 'expiresOn', 'qualityClass', 'betterThanLaw'] as const;
const iso = (d: Dayjs | undefined) => d!.format('YYYY-MM-DD');

/** A new agreement, or the renewal of `renews` (the old one ends the day the new one takes effect). */
export function AgreementFormModal({ renews, onClose, onSaved }: { renews: AgreementItem | null } & FormModalCallbacks<AgreementItem>) {
  const { form, saving, formError, run } = useSubmitForm<Shape>(FIELDS);

  const submit = async (v: Shape) => {
    const fields = {
      kind: v.kind,
      number: v.number?.trim() || null,
      employerId: renews?.employer?.id ?? null,
      signedOn: iso(v.signedOn),
      effectiveFrom: iso(v.effectiveFrom),
      expiresOn: iso(v.expiresOn),
      qualityClass: v.qualityClass ?? null,
      betterThanLaw: v.betterThanLaw ?? false,
    };
    await run(async () =>
      onSaved(renews ? await renewAgreement(renews.id, fields) : await createAgreement({ cdcsUnitId: v.cdcsUnitId!, ...fields })),
    );
  };

  return (
    <FormModal
      form={form}
      title={renews ? `Ký mới / gia hạn thỏa ước ${renews.number ?? ''} — ${renews.cdcs.name}` : 'Thêm thỏa ước lao động tập thể'}
      okText={renews ? 'Ghi nhận thỏa ước mới' : 'Thêm thỏa ước'}
      width={620}
      saving={saving}
      submitTestId="agreement-form-submit"
      initialValues={{
        kind: renews?.kind ?? 'enterprise',
        betterThanLaw: renews?.betterThanLaw ?? false,
        qualityClass: renews?.qualityClass ?? null,
      }}
      onFinish={submit}
      onClose={onClose}
      formError={formError}
    >
      {!renews && (
        <Form.Item name="cdcsUnitId" label="Công đoàn cơ sở" rules={[{ required: true, message: 'Hãy chọn công đoàn cơ sở.' }]}>
          <CdcsPicker />
        </Form.Item>
      )}
      <div className="form-row">
        <Form.Item name="kind" label="Loại thỏa ước" rules={[{ required: true, message: 'Hãy chọn loại thỏa ước.' }]}>
          <Select options={[...KIND_OPTIONS]} />
        </Form.Item>
        <Form.Item name="number" label="Số hiệu">
          <Input maxLength={60} />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="signedOn" label="Ngày ký" rules={[{ required: true, message: 'Hãy chọn ngày ký.' }]}>
          <DatePicker format={VI_DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="effectiveFrom" label="Có hiệu lực từ" rules={[{ required: true, message: 'Hãy chọn ngày có hiệu lực.' }]}>
          <DatePicker format={VI_DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="expiresOn" label="Hết hạn ngày" rules={[{ required: true, message: 'Hãy chọn ngày hết hạn.' }]}>
          <DatePicker format={VI_DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="qualityClass" label="Xếp loại chất lượng">
          <Select allowClear placeholder="Chưa xếp loại" options={QUALITY_OPTIONS} />
        </Form.Item>
        <Form.Item name="betterThanLaw" label=" " valuePropName="checked">
          <Checkbox>Có nội dung có lợi hơn cho người lao động so với quy định của pháp luật</Checkbox>
        </Form.Item>
      </div>
    </FormModal>
  );
}
