import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { NEXT_PARAM, login, meKey, safeNextPath } from '../../api/auth.api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginScene() {
  useDocumentTitle('Đăng nhập');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onFinish = async (values: LoginForm) => {
    setIsSubmitting(true);
    setError(undefined);
    try {
      const user = await login(values.username, values.password);
      queryClient.clear();
      queryClient.setQueryData(meKey, user);
      navigate(safeNextPath(params.get(NEXT_PARAM)), { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <Card className="login-card" data-testid="login-card">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <div className="login-brand-name">Tiến Độ</div>
            <Typography.Text type="secondary">Theo dõi thực hiện chỉ tiêu Công đoàn Việt Nam</Typography.Text>
          </div>
        </div>
        <Typography.Title level={4}>Đăng nhập</Typography.Title>
        {error && <Alert type="error" showIcon title={error} className="login-error" data-testid="login-error" />}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, message: 'Vui lòng nhập tên đăng nhập.' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Vui lòng nhập mật khẩu.' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isSubmitting} data-testid="login-submit">
            Đăng nhập
          </Button>
        </Form>
      </Card>
    </div>
  );
}
