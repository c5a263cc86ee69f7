import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { TASK_LIMITS } from '../../../domain/tasks/task-status.ts';
import { errorMessage } from '../../api/api-client.ts';
import { setTaskStatus, taskPeriodsQuery, type EvidenceItem, type TaskAssignment, type TaskStatusCode } from '../../api/tasks.api.ts';
import { EvidenceList, EvidenceUploader } from './task-evidence.tsx';
import { STATUS_OPTIONS, defaultPeriod } from './task-format.ts';

export interface StatusTarget {
  assignmentId: number;
  unit: { id: number; name: string };
  title: string;
  dueOn: string | null;
}

interface FormValues {
  periodCode: string;
  status: TaskStatusCode;
  comment?: string;
}

/**
 * "Báo cáo trạng thái": the period (the unit's reporting periods; a closed one says why), the
 * status and a comment; once saved, evidence files are attached to that status.
 */
export function StatusModal({ target, onClose, onSaved }: { target: StatusTarget; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const periods = useQuery(taskPeriodsQuery(target.unit.id));
  const [saved, setSaved] = useState<TaskAssignment['statuses'][number]>();
  const [files, setFiles] = useState<EvidenceItem[]>([]);
  const initialPeriod = periods.data ? defaultPeriod(periods.data.items, target.dueOn) : undefined;

  const submit = useMutation({
    mutationFn: (values: FormValues) =>
      setTaskStatus(target.assignmentId, { periodCode: values.periodCode, status: values.status, comment: values.comment?.trim() || null }),
    onSuccess: (assignment, values) => {
      setSaved(assignment.statuses.find((s) => s.isCurrent && s.periodCode === values.periodCode));
      onSaved();
    },
  });

  return (
    <Modal
      open
      title={saved ? 'Đính kèm minh chứng' : 'Báo cáo trạng thái nhiệm vụ'}
      onCancel={onClose}
      destroyOnHidden
      footer={
        saved ? (
          <Button type="primary" onClick={onClose} data-testid="status-done">
            Xong
          </Button>
        ) : (
          [
            <Button key="cancel" onClick={onClose}>
              Hủy
            </Button>,
            <Button
              key="ok"
              type="primary"
              loading={submit.isPending}
              disabled={!periods.data}
              onClick={() => form.submit()}
              data-testid="status-save"
            >
              Lưu trạng thái
            </Button>,
          ]
        )
      }
      data-testid="status-modal"
    >
      <Typography.Paragraph className="task-modal-title">{target.title}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{target.unit.name}</Typography.Paragraph>
      {saved ? (
        <>
          <Alert
            type="success"
            showIcon
            title={`Đã lưu: ${saved.statusLabel} (${saved.periodLabel}).`}
            style={{ marginBottom: 12 }}
            data-testid="status-saved"
          />
          <Typography.Paragraph>Đính kèm biên bản, báo cáo, hình ảnh… làm minh chứng (không bắt buộc).</Typography.Paragraph>
          <EvidenceList items={files} canDelete={false} onChanged={() => undefined} />
          <EvidenceUploader
            statusId={saved.id}
            onUploaded={(item) => {
              setFiles((f) => [...f, item]);
              onSaved();
            }}
          />
        </>
      ) : periods.isError ? (
        <Alert type="error" showIcon title={errorMessage(periods.error)} />
      ) : (
        periods.data && (
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => submit.mutate(v)}
            initialValues={{ periodCode: initialPeriod }}
            requiredMark={false}
          >
            <Form.Item name="periodCode" label="Kỳ báo cáo" rules={[{ required: true, message: 'Chọn kỳ báo cáo.' }]}>
              <Select
                data-testid="status-period"
                options={periods.data.items.map((p) => ({
                  value: p.code,
                  label: p.closedReason ? `${p.label} (đã khóa)` : p.label,
                  disabled: !!p.closedReason,
                  title: p.closedReason ?? undefined,
                }))}
              />
            </Form.Item>
            {periods.data.items.some((p) => p.closedReason) && (
              <Typography.Paragraph type="secondary" className="task-period-note">
                {periods.data.items
                  .filter((p) => p.closedReason)
                  .map((p) => p.closedReason)
                  .join(' ')}
              </Typography.Paragraph>
            )}
            <Form.Item name="status" label="Trạng thái" rules={[{ required: true, message: 'Chọn trạng thái.' }]}>
              <Radio.Group className="task-status-choice" data-testid="status-choice">
                {STATUS_OPTIONS.map((o) => (
                  <Radio key={o.value} value={o.value} data-testid={`status-option-${o.value}`}>
                    {o.label}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="comment" label="Nhận xét, kết quả">
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={TASK_LIMITS.comment}
                placeholder="Đã làm gì, kết quả ra sao, vướng mắc (nếu có)"
                data-testid="status-comment-input"
              />
            </Form.Item>
            {submit.isError && <Alert type="error" showIcon title={errorMessage(submit.error)} data-testid="status-error" />}
          </Form>
        )
      )}
    </Modal>
  );
}
