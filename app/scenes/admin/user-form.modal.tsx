import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useFormSubmit } from '../../components/use-form-submit.hook.ts';
import { rolesQuery, type CreateUserBody, type UpdateUserBody, type UserItem } from '../../api/users.api.ts';
import { UnitPicker } from './unit-picker.field.tsx';

interface UserFormValues {
  username: string;
  fullName: string;
  unitId: number;
  roles: string[];
  email?: string;
  phone?: string;
}

const FIELDS = ['username', 'fullName', 'unitId', 'roles', 'email', 'phone'] as const;
// Errors without an issue that still clearly belong to one field.
const CODE_FIELDS: Partial<Record<string, (typeof FIELDS)[number]>> = {
  USERNAME_TAKEN: 'username',
  UNIT_NOT_FOUND: 'unitId',
  ROLE_NOT_GRANTABLE: 'roles',
  SELF_ROLE_CHANGE: 'roles',
};
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

const blankToNull = (value: string | undefined) => (value && value.trim() ? value.trim() : null);

/** Only what changed goes to PATCH: a masked phone left untouched must not overwrite the real one. */
export function changedFields(user: UserItem, values: UserFormValues): UpdateUserBody {
  const body: UpdateUserBody = {};
  if (values.fullName.trim() !== user.fullName) body.fullName = values.fullName.trim();
  if (values.unitId !== user.unit.id) body.unitId = values.unitId;
  const roles = [...values.roles].sort();
  if (
    roles.join() !==
    user.roles
      .map((r) => r.code)
      .sort()
      .join()
  )
    body.roles = roles;
  if (blankToNull(values.email) !== user.email) body.email = blankToNull(values.email);
  const phone = blankToNull(values.phone);
  if (phone !== user.phone) body.phone = phone;
  return body;
}

export interface UserFormModalProps {
  /** null: create a new account; otherwise edit this one. */
  user: UserItem | null;
  open: boolean;
  onCancel: () => void;
  onCreate: (body: CreateUserBody) => Promise<void>;
  onUpdate: (id: number, body: UpdateUserBody) => Promise<void>;
}

export function UserFormModal({ user, open, onCancel, onCreate, onUpdate }: UserFormModalProps) {
  const [form] = Form.useForm<UserFormValues>();
  const roles = useQuery({ ...rolesQuery(), enabled: open });
  const { saving, formError, setFormError, run } = useFormSubmit(form, FIELDS, CODE_FIELDS);
  const isNew = user === null;

  const submit = async () => {
    // A rejected validation already shows its messages on the fields; nothing more to do.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    await run(async () => {
      if (isNew) {
        await onCreate({
          username: values.username.trim(),
          fullName: values.fullName.trim(),
          unitId: values.unitId,
          roles: values.roles,
          email: blankToNull(values.email),
          phone: blankToNull(values.phone),
        });
      } else {
        await onUpdate(user.id, changedFields(user, values));
      }
    });
  };

  return (
    <Modal
      open={open}
      title={isNew ? 'Tạo tài khoản' : `Sửa tài khoản ${user.username}`}
      okText={isNew ? 'Tạo tài khoản' : 'Lưu thay đổi'}
      cancelText="Hủy"
      onOk={() => void submit()}
      onCancel={onCancel}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'user-form-submit' } as ButtonProps}
      destroyOnHidden
      width={620}
      afterOpenChange={(visible) => {
        if (!visible) setFormError(undefined);
      }}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="user-form-error" />}
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        data-testid="user-form"
        initialValues={
          user
            ? {
                username: user.username,
                fullName: user.fullName,
                unitId: user.unit.id,
                roles: user.roles.map((r) => r.code),
                email: user.email ?? '',
                phone: user.phone ?? '',
              }
            : { roles: [] }
        }
      >
        <Form.Item
          label="Tên đăng nhập"
          name="username"
          extra={isNew ? 'Chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang; 3–64 ký tự. Không đổi được sau khi tạo.' : undefined}
          rules={[
            { required: true, message: 'Vui lòng nhập tên đăng nhập.' },
            {
              pattern: USERNAME_PATTERN,
              message: 'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang (3–64 ký tự).',
            },
          ]}
        >
          <Input disabled={!isNew} autoComplete="off" data-testid="user-form-username" />
        </Form.Item>
        <Form.Item label="Họ và tên" name="fullName" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập họ và tên.' }]}>
          <Input data-testid="user-form-fullname" />
        </Form.Item>
        <Form.Item
          label="Đơn vị"
          name="unitId"
          rules={[{ required: true, message: 'Vui lòng chọn đơn vị.' }]}
          extra="Người dùng chỉ xem và làm việc trong đơn vị này và các đơn vị trực thuộc."
        >
          <UnitPicker initialUnit={user?.unit} data-testid="user-form-unit" placeholder="Chọn hoặc gõ tên đơn vị" />
        </Form.Item>
        <Form.Item
          label="Vai trò"
          name="roles"
          rules={[{ required: true, type: 'array', min: 1, message: 'Vui lòng chọn ít nhất một vai trò.' }]}
        >
          <Select
            mode="multiple"
            data-testid="user-form-roles"
            loading={roles.isLoading}
            placeholder="Chọn vai trò"
            optionLabelProp="label"
            options={(roles.data?.items ?? []).map((role) => ({
              value: role.code,
              label: role.name,
              title: role.name,
              description: role.description,
            }))}
            optionRender={(option) => (
              <div className="role-option" data-testid={`role-option-${String(option.value)}`}>
                <div>{option.label}</div>
                <Typography.Text type="secondary" className="role-option-description">
                  {(option.data as { description: string }).description}
                </Typography.Text>
              </div>
            )}
          />
        </Form.Item>
        <Form.Item label="Thư điện tử" name="email" rules={[{ type: 'email', message: 'Địa chỉ thư điện tử không đúng định dạng.' }]}>
          <Input data-testid="user-form-email" />
        </Form.Item>
        <Form.Item
          label="Điện thoại"
          name="phone"
          extra={user?.phoneMasked ? 'Số điện thoại đang được che. Để nguyên nếu không đổi; nhập số mới để thay.' : undefined}
          rules={[{ pattern: /^(\+?[0-9 .-]{8,20}|[0-9*]+)$/, message: 'Số điện thoại không đúng định dạng.' }]}
        >
          <Input data-testid="user-form-phone" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
