import { Alert, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TargetProgress } from '../../api/progress.api.ts';
import { todayIso } from '../../lib/calendar-date.ts';
import { targetSentence } from '../dashboard/target-format.ts';
import type { TargetVersions } from './target-revise.model.ts';
import { withdrawTarget } from './target-versions.api.ts';
import { useFormSubmit } from '../../components/use-form-submit.hook.ts';
import { FormModal } from '../../components/form.modal.tsx';
import { ChangeDateField, ChangeReasonField } from './target-change.fields.tsx';

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
      <ChangeDateField name="on" label="Rút từ ngày" today={today} requiredMessage="Hãy chọn ngày." />
      <ChangeReasonField
        requiredMessage="Hãy ghi lý do rút chỉ tiêu."
        placeholder="Ví dụ: Chỉ tiêu trùng với chỉ tiêu số 3 của chương trình"
        testId="target-withdraw-reason"
      />
    </FormModal>
  );
}
