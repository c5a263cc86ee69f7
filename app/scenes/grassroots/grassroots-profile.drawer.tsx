import { StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, Space, Tag, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { grassrootsOneQuery, registryKeys, updateGrassroots, type GrassrootsItem } from '../../api/registry.api.ts';
import { formatCount } from '../../components/registry/registry-format.ts';
import { useRegistryAccess } from '../../components/registry/registry-permissions.ts';
import { VI_DATE_FORMAT, formatViDate } from '../../lib/calendar-date.ts';
import { useFormSubmit } from '../../components/use-form-submit.hook.ts';

interface Shape {
  chairName?: string;
  foundingDecision?: string;
  foundedOn?: Dayjs | null;
}

function ProfileForm({ cdcs, onSaved }: { cdcs: GrassrootsItem; onSaved: (g: GrassrootsItem) => void }) {
  const [form] = Form.useForm<Shape>();
  const { saving, formError, run } = useFormSubmit(form, ['chairName', 'foundingDecision', 'foundedOn'] as const);
  const submit = async (v: Shape) => {
    await run(async () => {
      onSaved(
        await updateGrassroots(cdcs.id, {
          chairName: v.chairName?.trim() || null,
          foundingDecision: v.foundingDecision?.trim() || null,
          foundedOn: v.foundedOn ? v.foundedOn.format('YYYY-MM-DD') : null,
        }),
      );
    });
  };
  return (
    <Form<Shape>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        chairName: cdcs.chairName ?? '',
        foundingDecision: cdcs.foundingDecision ?? '',
        foundedOn: cdcs.foundedOn ? dayjs(cdcs.foundedOn) : null,
      }}
      style={{ marginTop: 24 }}
    >
      <Form.Item name="chairName" label="Chủ tịch công đoàn cơ sở">
        <Input maxLength={120} />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="foundingDecision" label="Quyết định thành lập">
          <Input maxLength={100} placeholder="Ví dụ: 125/QĐ-LĐLĐ" />
        </Form.Item>
        <Form.Item name="foundedOn" label="Ngày thành lập">
          <DatePicker format={VI_DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="cdcs-save">
        Lưu hồ sơ
      </Button>
    </Form>
  );
}

/** The CĐCS profile: read for everyone, editable (chair, founding decision) and dissolvable for writers. */
export function GrassrootsProfileDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const { canWrite } = useRegistryAccess();
  const one = useQuery(grassrootsOneQuery(id));
  const g = one.data;
  const [dissolveOn, setDissolveOn] = useState<Dayjs | null>(dayjs());

  const saved = (next: GrassrootsItem) => {
    queryClient.setQueryData(grassrootsOneQuery(id).queryKey, next);
    void queryClient.invalidateQueries({ queryKey: registryKeys.grassroots });
    void message.success('Đã lưu hồ sơ công đoàn cơ sở.');
  };

  const confirmDissolve = () => {
    if (!g || !dissolveOn) return;
    modal.confirm({
      title: `Giải thể ${g.name}?`,
      content: `Ghi nhận giải thể từ ngày ${dissolveOn.format(VI_DATE_FORMAT)}. ${formatCount(g.members)} đoàn viên đang sinh hoạt cần được chuyển sinh hoạt hoặc ra khỏi tổ chức.`,
      okText: 'Giải thể',
      cancelText: 'Hủy',
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' } as ButtonProps,
      onOk: () =>
        updateGrassroots(g.id, { dissolvedOn: dissolveOn.format('YYYY-MM-DD') })
          .then(saved)
          .catch((error: unknown) => void message.error(errorMessage(error))),
    });
  };

  return (
    <Drawer open size={620} onClose={onClose} title={g?.name ?? 'Công đoàn cơ sở'} data-testid="cdcs-drawer">
      {one.isError && <Alert type="error" showIcon title={errorMessage(one.error)} />}
      {g && (
        <>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="Mã">{g.code}</Descriptions.Item>
            <Descriptions.Item label="Trực thuộc">{g.parent.name}</Descriptions.Item>
            <Descriptions.Item label="Khu vực">{g.sectorLabel}</Descriptions.Item>
            <Descriptions.Item label="Đơn vị sử dụng lao động">
              {g.employer ? `${g.employer.name} (MST ${g.employer.taxCode})` : 'Chưa gắn doanh nghiệp'}
            </Descriptions.Item>
            <Descriptions.Item label="Số lao động">{formatCount(g.employer?.workers)}</Descriptions.Item>
            <Descriptions.Item label="Đoàn viên đang sinh hoạt">{formatCount(g.members)}</Descriptions.Item>
            <Descriptions.Item label="Trạng thái">
              <Tag color={g.status === 'dissolved' ? 'default' : 'green'}>{g.statusLabel}</Tag>
              {g.dissolvedOn && `từ ${formatViDate(g.dissolvedOn)}`}
            </Descriptions.Item>
          </Descriptions>
          {canWrite ? (
            <ProfileForm key={`${g.id}-${g.chairName}-${g.foundedOn}`} cdcs={g} onSaved={saved} />
          ) : (
            <Descriptions column={1} size="small" style={{ marginTop: 16 }}>
              <Descriptions.Item label="Chủ tịch">{g.chairName}</Descriptions.Item>
              <Descriptions.Item label="Quyết định thành lập">{g.foundingDecision}</Descriptions.Item>
              <Descriptions.Item label="Ngày thành lập">{formatViDate(g.foundedOn)}</Descriptions.Item>
            </Descriptions>
          )}
          {canWrite && g.status !== 'dissolved' && (
            <Space style={{ marginTop: 32 }} wrap>
              <span>Giải thể từ ngày</span>
              <DatePicker format={VI_DATE_FORMAT} value={dissolveOn} onChange={setDissolveOn} allowClear={false} />
              <Button danger icon={<StopOutlined />} onClick={confirmDissolve} data-testid="cdcs-dissolve">
                Giải thể
              </Button>
            </Space>
          )}
        </>
      )}
    </Drawer>
  );
}
