import { LockOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import type { CurrentUser } from '../../../server/auth/auth.schema.ts';
import { PASSWORD_POLICY_TEXT } from '../../../domain/access/password-policy.ts';
import { NEXT_PARAM, changePassword, meKey, meQuery, safeNextPath } from '../../api/auth.api.ts';
import { useFormSubmit } from '../../components/use-form-submit.hook.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import '../admin/admin.css';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

/**
 * Two modes, one form. Forced (first login, or after an administrator's reset): the shell keeps
 * the user here, and a success continues to the page they were going to. Voluntary: from the
 * user menu, and a success just says so.
 */
export default function ChangePasswordScene() {
  useDocumentTitle('Đổi mật khẩu');
  const me = useQuery(meQuery());
  const forced = me.data?.user.mustChangePassword ?? false;
  const [form] = Form.useForm<ChangePasswordForm>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { saving, formError, run } = useFormSubmit(form, FIELDS);

  const onFinish = async (values: ChangePasswordForm) => {
    await run(async () => {
      const result = await changePassword(values.currentPassword, values.newPassword);
      void message.success(result.message);
      form.resetFields();
      if (forced) {
        queryClient.setQueryData<CurrentUser>(meKey, (me) => (me ? { ...me, user: { ...me.user, mustChangePassword: false } } : me));
        // Answers refused while the change was pending must be asked again.
        await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
        navigate(safeNextPath(params.get(NEXT_PARAM)), { replace: true });
      }
    });
  };

  return (
    <div className={forced ? 'change-password-forced' : 'scene'} data-testid="change-password-scene">
      <Card className="change-password-card">
        <Typography.Title level={4} className="change-password-title">
          Đổi mật khẩu
        </Typography.Title>
        {forced && (
          <Alert
            type="info"
            showIcon
            title="Bạn cần đặt mật khẩu mới trước khi tiếp tục"
            description="Mật khẩu bạn vừa dùng là mật khẩu tạm do quản trị viên cấp. Hãy đặt mật khẩu của riêng bạn."
            className="change-password-alert"
            data-testid="change-password-forced"
          />
        )}
        <Typography.Paragraph type="secondary" data-testid="password-policy">
          {PASSWORD_POLICY_TEXT}
        </Typography.Paragraph>
        {formError && (
          <Alert type="error" showIcon title={formError} className="change-password-alert" data-testid="change-password-error" />
        )}
        <Form<ChangePasswordForm> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)}>
          <Form.Item
            label={forced ? 'Mật khẩu tạm (hiện tại)' : 'Mật khẩu hiện tại'}
            name="currentPassword"
            rules={[{ required: true, message: 'Vui lòng nhập mật khẩu hiện tại.' }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="current-password" />
          </Form.Item>
          <Form.Item label="Mật khẩu mới" name="newPassword" rules={[{ required: true, message: 'Vui lòng nhập mật khẩu mới.' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="new-password" />
          </Form.Item>
          <Form.Item
            label="Nhập lại mật khẩu mới"
            name="confirmPassword"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: 'Vui lòng nhập lại mật khẩu mới.' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('Hai lần nhập mật khẩu mới không giống nhau.')),
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="confirm-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} block={forced} data-testid="change-password-submit">
            Đổi mật khẩu
          </Button>
        </Form>
      </Card>
    </div>
  );
}
