import { Alert, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TargetProgress } from '../../api/progress.api.ts';
import { todayIso, VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { targetSentence } from '../dashboard/target-format.ts';
import type { TargetVersions } from './target-revise.model.ts';
import { withdrawTarget } from './target-versions.api.ts';
import { useFormSubmit } from '../../components/use-form-submit.hook.ts';
import { FormModal } from '../../components/form.modal.tsx';

interface Shape {
  on: Dayjs;
  reason: string;
}

/** Rút chỉ tiêu: a confirmation with the reason and the day; days before it keep the target. */
export function TargetWithdrawModal({
  target,
  onClose,
  onDone,
}: {
  target: TargetProgress;
  onClose: () => void;
  onDone: (v: TargetVersions) => void;
}) {
  const [form] = Form.useForm<Shape>();
  const { saving, formError, run } = useFormSubmit(form, ['on', 'reason'] as const, {
    EFFECTIVE_DATE_BEFORE_LAST_CHANGE: 'on',
    EFFECTIVE_DATE_IN_FUTURE: 'on',
    REASON_REQUIRED: 'reason',
  });
  const today = todayIso();

  const submit = async (v: Shape) => {
    await run(async () => {
      onDone(await withdrawTarget(target.targetId, { reason: v.reason.normalize('NFC').trim(), on: v.on.format('YYYY-MM-DD') }));
    });
  };

  return (
    <FormModal
      form={form}
      title="Rút chỉ tiêu"
      okText="Rút chỉ tiêu"
      saving={saving}
      submitTestId="target-withdraw-submit"
      okDanger
      initialValues={{ on: dayjs(today), reason: '' }}
      onFinish={submit}
      formTestId="target-withdraw-form"
      onClose={onClose}
      formError={formError}
      above={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${target.indicator.name}: ${targetSentence(target)}`}
          description="Từ ngày rút, chỉ tiêu không còn trên Tổng quan và trong báo cáo các kỳ sau. Các ngày trước đó (báo cáo các kỳ đã qua) vẫn giữ chỉ tiêu như đã giao. Không hoàn tác được."
        />
      }
    >
      <Form.Item name="on" label="Rút từ ngày" rules={[{ required: true, message: 'Hãy chọn ngày.' }]}>
        <DatePicker
          format={VI_DATE_FORMAT}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item name="reason" label="Lý do" rules={[{ required: true, whitespace: true, message: 'Hãy ghi lý do rút chỉ tiêu.' }]}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={2000}
          placeholder="Ví dụ: Chỉ tiêu trùng với chỉ tiêu số 3 của chương trình"
          data-testid="target-withdraw-reason"
        />
      </Form.Item>
    </FormModal>
  );
}
