import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CreateTokenBody } from '../../api/tokens.api.ts';
import { rolesQuery } from '../../api/users.api.ts';
import { useFormSubmit } from '../../components/use-form-submit.hook.ts';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { UnitPicker } from './unit-picker.field.tsx';

interface TokenFormValues {
  name: string;
  unitId: number;
  roleCode: string;
  expiresOn?: Dayjs | null;
}

const FIELDS = ['name', 'unitId', 'roleCode', 'expiresOn'] as const;

export function TokenFormModal({
  open,
  onCancel,
  onCreate,
}: {
  open: boolean;
  onCancel: () => void;
  onCreate: (body: CreateTokenBody) => Promise<void>;
}) {
  const [form] = Form.useForm<TokenFormValues>();
  const roles = useQuery({ ...rolesQuery(), enabled: open });
  const { saving, formError, run } = useFormSubmit(form, FIELDS, { UNIT_NOT_FOUND: 'unitId', ROLE_NOT_GRANTABLE: 'roleCode' });

  const submit = async () => {
    // A rejected validation already shows its messages on the fields; nothing more to do.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    await run(() =>
      onCreate({
        name: values.name.trim(),
        unitId: values.unitId,
        roleCode: values.roleCode,
        // Valid through the whole chosen day.
        expiresAt: values.expiresOn ? values.expiresOn.endOf('day').toISOString() : null,
      }),
    );
  };

  return (
    <Modal
      open={open}
      title="Tạo khóa API"
      okText="Tạo khóa"
      cancelText="Hủy"
      onOk={() => void submit()}
      onCancel={onCancel}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'token-form-submit' } as ButtonProps}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<TokenFormValues> form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          label="Tên gợi nhớ"
          name="name"
          extra="Hệ thống nào dùng khóa này, ví dụ: “Phần mềm kế toán LĐLĐ tỉnh”."
          rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên gợi nhớ.' }]}
        >
          <Input data-testid="token-form-name" />
        </Form.Item>
        <Form.Item
          label="Đơn vị"
          name="unitId"
          extra="Hệ thống dùng khóa chỉ đọc và ghi được dữ liệu của đơn vị này và các đơn vị trực thuộc."
          rules={[{ required: true, message: 'Vui lòng chọn đơn vị.' }]}
        >
          <UnitPicker data-testid="token-form-unit" />
        </Form.Item>
        <Form.Item label="Vai trò" name="roleCode" rules={[{ required: true, message: 'Vui lòng chọn vai trò.' }]}>
          <Select
            data-testid="token-form-role"
            loading={roles.isLoading}
            placeholder="Chọn vai trò"
            options={(roles.data?.items ?? []).map((role) => ({ value: role.code, label: role.name }))}
          />
        </Form.Item>
        <Form.Item label="Hết hạn ngày" name="expiresOn" extra="Để trống nếu khóa không tự hết hạn (vẫn thu hồi được bất cứ lúc nào).">
          <DatePicker format={VI_DATE_FORMAT} disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
