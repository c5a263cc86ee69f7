import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select, Spin, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { indicatorsQuery } from '../../api/measures.api.ts';
import { errorMessage } from '../../api/api-client.ts';
import type { TargetProgress } from '../../api/progress.api.ts';
import { todayIso } from '../../lib/calendar-date.ts';
import { indicatorFilter, indicatorOptions, indicatorUnit, TARGET_TERMS_FIELDS } from './target-form.model.ts';
import {
  currentVersion,
  reviseFormInitial,
  toReviseBody,
  versionSummary,
  type ReviseFormValues,
  type TargetVersions,
} from './target-revise.model.ts';
import { reviseTarget, targetVersionsQuery } from './target-versions.api.ts';
import { TargetTermsFields } from './target-terms.fields.tsx';
import { ChangeDateField, ChangeReasonField } from './target-change.fields.tsx';
import { FormErrorLine } from '../../components/form-error.line.tsx';
import { useSubmitForm } from '../../components/use-form-submit.hook.ts';
import type { FormModalCallbacks } from '../../components/form.modal.tsx';

type Shape = Omit<ReviseFormValues, 'effectiveFrom'> & { effectiveFrom: Dayjs };

const FIELDS = ['indicatorCode', ...TARGET_TERMS_FIELDS, 'subject', 'effectiveFrom', 'reason'] as const;

/**
 * Sửa chỉ tiêu: a correction of a confirmed target with its reason, in force from a chosen day
 * (today by default, never later). The version before stays for the days before it, so reports
 * of past periods keep what the target said then.
 */
export function TargetReviseModal({ target, onClose, onSaved }: { target: TargetProgress } & FormModalCallbacks<TargetVersions>) {
  const versions = useQuery(targetVersionsQuery(target.targetId));
  const current = versions.data ? currentVersion(versions.data) : undefined;
  const { form, saving, formError, run } = useSubmitForm<Shape>(FIELDS, {
    EFFECTIVE_DATE_BEFORE_LAST_CHANGE: 'effectiveFrom',
    EFFECTIVE_DATE_IN_FUTURE: 'effectiveFrom',
    REASON_REQUIRED: 'reason',
  });
  const timing = Form.useWatch('timing', form);
  const indicators = useQuery(indicatorsQuery());
  const options = useMemo(() => indicatorOptions(indicators.data?.items ?? []), [indicators.data]);
  const unit = indicatorUnit(indicators.data?.items ?? [], Form.useWatch('indicatorCode', form));
  const today = todayIso();

  const submit = async (v: Shape) => {
    if (!current || !versions.data) return;
    await run(async () => {
      onSaved(
        await reviseTarget(
          target.targetId,
          toReviseBody(current, { ...v, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') }, versions.data.current),
        ),
      );
    });
  };

  const withdrawn = versions.data?.withdrawn;
  return (
    <Modal
      open
      width={720}
      title="Sửa chỉ tiêu"
      okText="Lưu thay đổi"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ disabled: !current || !!withdrawn, 'data-testid': 'target-revise-submit' } as ButtonProps}
      destroyOnHidden
    >
      {versions.isPending && <Spin />}
      {versions.isError && <Alert type="error" showIcon title={errorMessage(versions.error)} />}
      {withdrawn && <Alert type="warning" showIcon title="Chỉ tiêu đã được rút, không sửa được nữa." />}
      {current && !withdrawn && (
        <Form<Shape>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ ...reviseFormInitial(current, today), effectiveFrom: dayjs(today) }}
          data-testid="target-revise-form"
        >
          <Alert
            type="info"
            style={{ marginBottom: 16 }}
            title={`Đang có hiệu lực: ${versionSummary(current)}`}
            description="Thay đổi có hiệu lực từ ngày chọn dưới đây. Trước ngày đó (kể cả báo cáo các kỳ đã qua) vẫn dùng chỉ tiêu cũ."
          />
          <Form.Item name="indicatorCode" label="Chỉ số" rules={[{ required: true, message: 'Hãy chọn chỉ số.' }]}>
            <Select
              showSearch={{ filterOption: indicatorFilter }}
              options={options}
              loading={indicators.isPending}
              data-testid="target-revise-indicator"
            />
          </Form.Item>
          <TargetTermsFields unit={unit} timing={timing} valueTestId="target-revise-value" minWorkersPlaceholder="Để trống: mọi quy mô" />
          <Form.Item name="subject" label="Nội dung chỉ tiêu">
            <Input maxLength={1000} />
          </Form.Item>
          <ChangeDateField
            name="effectiveFrom"
            label="Có hiệu lực từ ngày"
            today={today}
            requiredMessage="Hãy chọn ngày có hiệu lực."
            testId="target-revise-from"
          />
          <ChangeReasonField
            requiredMessage="Hãy ghi lý do sửa chỉ tiêu."
            placeholder="Ví dụ: Điều chỉnh theo Nghị quyết số … của Ban Chấp hành"
            testId="target-revise-reason"
          />
          <FormErrorLine message={formError} testId="target-revise-error" />
        </Form>
      )}
    </Modal>
  );
}
