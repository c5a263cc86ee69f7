import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { childrenQuery } from '../../api/org.api.ts';
import { assignTask } from '../../api/tasks.api.ts';
import { todayIso } from '../../lib/calendar-date.ts';
import { accentFreeFilter } from './task-format.ts';

interface Props {
  taskId: number;
  title: string;
  /** The unit giving the task: it carries it, and only its direct children can be chosen. */
  from: { id: number; name: string };
  /** Units it already gave the task to (shown as chosen, not sent again). */
  already: number[];
  onClose: () => void;
  onSaved: (created: number) => void;
}

/** Giao nhiệm vụ: some or all of the giving unit's direct children (communes picked in one click). */
export function AssignModal({ taskId, title, from, already, onClose, onSaved }: Props) {
  const children = useQuery(childrenQuery(from.id, todayIso()));
  const [chosen, setChosen] = useState<number[]>([]);
  const units = (children.data?.items ?? []).filter((u) => !already.includes(u.id));
  const communes = units.filter((u) => u.kind === 'commune').map((u) => u.id);

  const save = useMutation({
    mutationFn: () => assignTask(taskId, from.id, chosen),
    onSuccess: (result) => onSaved(result.created + result.restored),
  });

  return (
    <Modal
      open
      title="Giao nhiệm vụ cho đơn vị trực thuộc"
      okText={`Giao cho ${chosen.length} đơn vị`}
      cancelText="Hủy"
      okButtonProps={{ disabled: chosen.length === 0, 'data-testid': 'assign-save' } as never}
      confirmLoading={save.isPending}
      onOk={() => save.mutate()}
      onCancel={onClose}
      width="min(640px, calc(100vw - 24px))"
      destroyOnHidden
      data-testid="assign-modal"
    >
      <Typography.Paragraph className="task-modal-title">{title}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        Đơn vị giao: {from.name}. Mỗi đơn vị được giao tự báo cáo trạng thái và có thể giao tiếp cho đơn vị trực thuộc mình.
      </Typography.Paragraph>
      {children.isError && <Alert type="error" showIcon title={errorMessage(children.error)} />}
      <Space wrap style={{ marginBottom: 8 }}>
        <Button size="small" onClick={() => setChosen(units.map((u) => u.id))} disabled={units.length === 0} data-testid="assign-all">
          Tất cả ({units.length})
        </Button>
        {communes.length > 0 && (
          <Button size="small" onClick={() => setChosen(communes)} data-testid="assign-communes">
            Các công đoàn xã, phường ({communes.length})
          </Button>
        )}
        <Button size="small" onClick={() => setChosen([])} disabled={chosen.length === 0}>
          Bỏ chọn
        </Button>
      </Space>
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        loading={children.isPending}
        value={chosen}
        onChange={setChosen}
        showSearch={{ filterOption: accentFreeFilter }}
        placeholder={units.length === 0 && children.data ? 'Không còn đơn vị trực thuộc nào chưa được giao.' : 'Chọn đơn vị trực thuộc'}
        options={units.map((u) => ({ value: u.id, label: u.name }))}
        maxTagCount="responsive"
        data-testid="assign-units"
      />
      {save.isError && (
        <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginTop: 12 }} data-testid="assign-error" />
      )}
    </Modal>
  );
}
