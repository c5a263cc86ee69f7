import { DatePicker, Form, Input, Modal, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { leaveMember, transferMember, type MemberItem } from '../../api/members.api.ts';
import { CdcsPicker } from '../../components/registry/cdcs-picker.field.tsx';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { FormErrorLine } from '../../components/form-error.line.tsx';
import { useFormSubmit } from '../../components/use-form-submit.hook.ts';

export type MoveKind = 'transfer' | 'leave';

interface Shape {
  toUnitId?: number;
  date?: Dayjs;
  note?: string;
  reason?: string;
}

/**
 * "Chuyển sinh hoạt" (to another CĐCS) and "Ra khỏi tổ chức" (with date and reason): both close
 * the current period of the member's history rather than editing it away.
 */
export function MemberMoveModal({
  kind,
  member,
  onClose,
  onDone,
}: {
  kind: MoveKind;
  member: MemberItem;
  onClose: () => void;
  onDone: (m: MemberItem) => void;
}) {
  const [form] = Form.useForm<Shape>();
  const { saving, formError, run } = useFormSubmit(form, ['toUnitId', 'date', 'note', 'reason'] as const);
  const isTransfer = kind === 'transfer';

  const submit = async (v: Shape) => {
    const date = v.date!.format('YYYY-MM-DD');
    await run(async () => {
      onDone(
        isTransfer
          ? await transferMember(member.id, { toUnitId: v.toUnitId!, date, note: v.note?.trim() || undefined })
          : await leaveMember(member.id, { date, reason: v.reason!.trim() }),
      );
    });
  };

  return (
    <Modal
      open
      title={isTransfer ? `Chuyển sinh hoạt: ${member.fullName}` : `Ra khỏi tổ chức: ${member.fullName}`}
      okText={isTransfer ? 'Chuyển sinh hoạt' : 'Xác nhận ra khỏi tổ chức'}
      okButtonProps={{ danger: !isTransfer, 'data-testid': 'member-move-submit' } as ButtonProps}
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
    >
      <p>
        Hiện sinh hoạt tại <strong>{member.unit?.name}</strong>.{' '}
        {isTransfer ? 'Quá trình sinh hoạt được giữ nguyên và ghi thêm đơn vị mới.' : 'Hồ sơ và quá trình sinh hoạt vẫn được lưu.'}
      </p>
      <Form<Shape> form={form} layout="vertical" onFinish={submit} initialValues={{ date: dayjs() }}>
        {isTransfer && (
          <Form.Item
            name="toUnitId"
            label="Chuyển đến công đoàn cơ sở"
            rules={[{ required: true, message: 'Hãy chọn công đoàn cơ sở nhận.' }]}
          >
            <CdcsPicker excludeId={member.unit?.id} data-testid="member-move-cdcs" />
          </Form.Item>
        )}
        <Form.Item
          name="date"
          label={isTransfer ? 'Ngày chuyển' : 'Ngày ra khỏi tổ chức'}
          rules={[{ required: true, message: 'Hãy chọn ngày.' }]}
        >
          <DatePicker format={VI_DATE_FORMAT} data-testid="member-move-date" />
        </Form.Item>
        {isTransfer ? (
          <Form.Item name="note" label="Ghi chú">
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        ) : (
          <Form.Item name="reason" label="Lý do" rules={[{ required: true, whitespace: true, message: 'Hãy nhập lý do.' }]}>
            <Input.TextArea
              maxLength={500}
              rows={2}
              placeholder="Ví dụ: nghỉ việc, nghỉ hưu, chuyển công tác ngoài tỉnh…"
              data-testid="member-move-reason"
            />
          </Form.Item>
        )}
        <FormErrorLine message={formError} />
      </Form>
    </Modal>
  );
}
