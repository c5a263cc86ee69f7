import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface OneTimeSecret {
  title: string;
  /** Who or what the secret is for, shown above it. */
  intro: ReactNode;
  secret: string;
  warning: string;
}

/**
 * A temporary password or API key exists in clear only in this answer: the server keeps a hash.
 * The modal says so plainly and closes only by the button, never by a stray click outside.
 */
export function OneTimeSecretModal({ value, onClose }: { value: OneTimeSecret | null; onClose: () => void }) {
  const { message } = App.useApp();
  const copy = async () => {
    if (!value) return;
    try {
      await navigator.clipboard.writeText(value.secret);
      void message.success('Đã sao chép vào bộ nhớ tạm.');
    } catch {
      void message.warning('Trình duyệt không cho sao chép tự động. Hãy bôi đen và sao chép thủ công.');
    }
  };
  return (
    <Modal
      open={value !== null}
      title={value?.title}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="one-time-secret-close">
          Tôi đã lưu lại, đóng
        </Button>
      }
      destroyOnHidden
    >
      {value && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="one-time-secret">
          <Typography.Text>{value.intro}</Typography.Text>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              readOnly
              value={value.secret}
              className="one-time-secret-value"
              data-testid="one-time-secret-value"
              onFocus={(e) => e.target.select()}
            />
            <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="one-time-secret-copy">
              Sao chép
            </Button>
          </Space.Compact>
          <Alert type="warning" showIcon title={value.warning} />
        </Space>
      )}
    </Modal>
  );
}
