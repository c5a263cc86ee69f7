import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { createDocument, type PlanDocument } from '../../api/progress.api.ts';
import { useSubmitForm } from '../../components/use-form-submit.hook.ts';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { DOCUMENT_KINDS, toDocumentBody } from './target-form.model.ts';
import { FormModal, type FormModalCallbacks } from '../../components/form.modal.tsx';

interface Shape {
  kind: string;
  symbol?: string;
  title: string;
  issuedOn?: Dayjs;
  termFrom?: number;
  termTo?: number;
}

const FIELDS = ['kind', 'symbol', 'title', 'issuedOn', 'termFrom', 'termTo'] as const;

/** A document (resolution, action programme, plan) issued by `issuer`, typed in by hand until upload exists. */
export function DocumentFormModal({
  issuer,
  onClose,
  onSaved,
}: { issuer: { id: number; name: string } } & FormModalCallbacks<PlanDocument>) {
  const { form, saving, formError, run } = useSubmitForm<Shape>(FIELDS);

  const submit = async (v: Shape) => {
    await run(async () => onSaved(await createDocument(toDocumentBody({ ...v, issuedOn: v.issuedOn?.format('YYYY-MM-DD') }, issuer.id))));
  };

  return (
    <FormModal
      form={form}
      title={`Thêm văn bản của ${issuer.name}`}
      okText="Thêm văn bản"
      width={640}
      saving={saving}
      submitTestId="document-form-submit"
      initialValues={{ kind: 'program' }}
      onFinish={submit}
      onClose={onClose}
      formError={formError}
    >
      <div className="form-row">
        <Form.Item name="kind" label="Loại văn bản" rules={[{ required: true, message: 'Hãy chọn loại văn bản.' }]}>
          <Select options={[...DOCUMENT_KINDS]} />
        </Form.Item>
        <Form.Item name="symbol" label="Số, ký hiệu">
          <Input maxLength={60} placeholder="05-CTr/LĐLĐ" />
        </Form.Item>
        <Form.Item name="issuedOn" label="Ngày ban hành">
          <DatePicker format={VI_DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item name="title" label="Trích yếu" rules={[{ required: true, whitespace: true, message: 'Hãy nhập trích yếu của văn bản.' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} data-testid="document-form-title" />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="termFrom" label="Nhiệm kỳ từ năm" extra="Chỉ tiêu hằng năm được đánh giá trong các năm của nhiệm kỳ.">
          <InputNumber min={1945} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="termTo"
          label="đến năm"
          dependencies={['termFrom']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, to?: number) =>
                to === undefined || to === null || !getFieldValue('termFrom') || to >= getFieldValue('termFrom')
                  ? Promise.resolve()
                  : Promise.reject(new Error('Năm kết thúc phải sau năm bắt đầu.')),
            }),
          ]}
        >
          <InputNumber min={1945} max={2100} style={{ width: '100%' }} />
        </Form.Item>
      </div>
    </FormModal>
  );
}
