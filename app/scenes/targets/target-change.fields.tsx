import { DatePicker, Form, Input } from 'antd';
import dayjs from 'dayjs';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';

/**
 * The day a change to a confirmed target (Sửa, Rút) takes effect: today or earlier, never later;
 * the days before it keep the target as it was.
 */
export function ChangeDateField({
  name,
  label,
  today,
  requiredMessage,
  testId,
}: {
  name: string;
  label: string;
  today: string;
  requiredMessage: string;
  testId?: string;
}) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: requiredMessage }]}>
      <DatePicker
        format={VI_DATE_FORMAT}
        allowClear={false}
        disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
        style={{ width: '100%' }}
        data-testid={testId}
      />
    </Form.Item>
  );
}

/** Why a confirmed target is changed, kept in its history; required (the server refuses a blank one too). */
export function ChangeReasonField({
  requiredMessage,
  placeholder,
  testId,
}: {
  requiredMessage: string;
  placeholder: string;
  testId: string;
}) {
  return (
    <Form.Item name="reason" label="Lý do" rules={[{ required: true, whitespace: true, message: requiredMessage }]}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} placeholder={placeholder} data-testid={testId} />
    </Form.Item>
  );
}
