import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { TASK_LIMITS } from '../../../domain/tasks/task-status.ts';
import { errorMessage } from '../../api/api-client.ts';
import { documentSearchQuery } from '../../api/documents.api.ts';
import { progressQuery } from '../../api/progress.api.ts';
import { createTask, updateTask, type TaskDetail } from '../../api/tasks.api.ts';
import { todayIso } from '../../lib/calendar-date.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { accentFreeFilter } from './task-format.ts';
import { formFromTask, taskFields, type TaskFields, type TaskFormValues } from './task-form.model.ts';
import { TimingField } from './timing.field.tsx';
import { UnitsSelect } from './units.field.tsx';

interface Props {
  /** Editing this task; absent: a new task of `unit`. */
  task?: TaskDetail;
  unit: { id: number; name: string };
  onClose: () => void;
  onSaved: (task: TaskDetail) => void;
}

/** Thêm (or Sửa) nhiệm vụ: title, source document and section, lead, partners, timing, targets served. */
export function TaskFormModal({ task, unit, onClose, onSaved }: Props) {
  const [form] = Form.useForm<TaskFormValues>();
  const [invalid, setInvalid] = useState<string>();
  const ownerId = Form.useWatch('unitId', form) ?? task?.owner.id ?? unit.id;
  const leadKind = Form.useWatch('leadKind', form) ?? 'unit';
  const [docText, setDocText] = useState('');
  const docQ = useDebouncedValue(docText.trim(), 300);
  const documents = useQuery({ ...documentSearchQuery({ unitId: ownerId, q: docQ || undefined, includeAbove: true }), enabled: !task });
  const targets = useQuery(progressQuery({ unitId: ownerId, asOf: todayIso() }));

  const save = useMutation({
    mutationFn: ({ values, fields }: { values: TaskFormValues; fields: TaskFields }) =>
      task
        ? updateTask(task.id, { ...fields, version: task.version })
        : createTask({
            ...fields,
            unitId: values.unitId ?? unit.id,
            documentId: values.documentId ?? null,
            section: values.section?.trim() || null,
          }),
    onSuccess: onSaved,
  });
  const submit = (values: TaskFormValues) => {
    const fields = taskFields(values);
    setInvalid(typeof fields === 'string' ? fields : undefined);
    if (typeof fields !== 'string') save.mutate({ values, fields });
  };
  const error = invalid ?? (save.isError ? errorMessage(save.error) : undefined);

  return (
    <Modal
      open
      title={task ? 'Sửa nhiệm vụ' : 'Thêm nhiệm vụ'}
      okText={task ? 'Lưu thay đổi' : 'Thêm nhiệm vụ'}
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'task-form-save' } as never}
      width="min(720px, calc(100vw - 24px))"
      destroyOnHidden
      data-testid="task-form"
    >
      <Form<TaskFormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={task ? formFromTask(task) : { unitId: unit.id, leadKind: 'unit', timing: { kind: 'deadline' } }}
        onFinish={submit}
      >
        <Form.Item
          name="title"
          label="Nội dung nhiệm vụ"
          rules={[{ required: true, whitespace: true, message: 'Nhập nội dung nhiệm vụ.' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TASK_LIMITS.title} data-testid="task-form-title" />
        </Form.Item>
        {!task && (
          <>
            <Form.Item name="unitId" label="Đơn vị sở hữu nhiệm vụ">
              <UnitPicker initialUnit={unit} data-testid="task-form-unit" />
            </Form.Item>
            <div className="task-form-row">
              <Form.Item name="documentId" label="Văn bản (không bắt buộc)">
                <Select
                  allowClear
                  showSearch={{ searchValue: docText, onSearch: setDocText, filterOption: false }}
                  placeholder="Tìm theo số ký hiệu, trích yếu"
                  options={(documents.data?.items ?? []).map((d) => ({
                    value: d.id,
                    label: d.symbol ? `${d.symbol} — ${d.title}` : d.title,
                  }))}
                  popupMatchSelectWidth={false}
                  data-testid="task-form-document"
                />
              </Form.Item>
              <Form.Item name="section" label="Mục của văn bản (không bắt buộc)">
                <Input maxLength={500} placeholder="Ví dụ: III. Nhiệm vụ, giải pháp" />
              </Form.Item>
            </div>
          </>
        )}
        <Form.Item label="Chủ trì" className="task-form-lead">
          <Form.Item name="leadKind" noStyle>
            <Radio.Group
              options={[
                { value: 'unit', label: 'Đơn vị trong hệ thống' },
                { value: 'name', label: 'Ban, phòng hoặc cơ quan khác' },
              ]}
            />
          </Form.Item>
          {leadKind === 'unit' ? (
            <Form.Item name="leadUnitId" noStyle>
              <UnitPicker
                allowClear
                placeholder="Chọn đơn vị chủ trì"
                initialUnit={task?.lead?.unitId ? { id: task.lead.unitId, name: task.lead.name } : null}
                data-testid="task-form-lead-unit"
              />
            </Form.Item>
          ) : (
            <Form.Item name="leadName" noStyle>
              <Input maxLength={TASK_LIMITS.name} placeholder="Ví dụ: Ban Tuyên giáo - Nữ công" data-testid="task-form-lead-name" />
            </Form.Item>
          )}
        </Form.Item>
        <div className="task-form-row">
          <Form.Item name="partnerUnits" label="Đơn vị phối hợp">
            <UnitsSelect placeholder="Gõ tên đơn vị" testId="task-form-partner-units" />
          </Form.Item>
          <Form.Item name="partnerNames" label="Cơ quan, ban phối hợp khác">
            <Select
              mode="tags"
              open={false}
              suffixIcon={null}
              tokenSeparators={[';']}
              placeholder="Gõ tên rồi Enter"
              data-testid="task-form-partner-names"
            />
          </Form.Item>
        </div>
        <Form.Item name="timing" label="Thời hạn">
          <TimingField />
        </Form.Item>
        <Form.Item name="targetIds" label="Chỉ tiêu mà nhiệm vụ phục vụ (không bắt buộc)">
          <Select
            mode="multiple"
            allowClear
            showSearch={{ filterOption: accentFreeFilter }}
            placeholder="Chọn chỉ tiêu"
            options={(targets.data?.items ?? []).map((t) => ({
              value: t.targetId,
              label: `${t.indicator.name}${t.document.symbol ? ` (${t.document.symbol})` : ''}`,
            }))}
            data-testid="task-form-targets"
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} data-testid="task-form-error" />}
      </Form>
    </Modal>
  );
}
