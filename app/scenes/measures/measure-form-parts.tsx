import { Alert, Form, Input, Select, type FormInstance } from 'antd';
import { useRef, type ReactNode } from 'react';
import type { UsageRef } from '../../api/measures.api.ts';
import { FormModal } from '../../components/form.modal.tsx';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { UsageList } from './measure-usage.popover.tsx';
import { CODE_HINT, CODE_PATTERN, codeFromName } from './measures.model.ts';

/** The test ids of a measure form start with its kind: `indicator-form-…`, `element-form-…`. */
type MeasureKind = 'indicator' | 'element';

/**
 * The code follows the name until it is typed by hand: returns the handler the form's
 * `onValuesChange` calls with the changed values and the codes the proposal must avoid.
 */
export function useCodeFromName(isNew: boolean) {
  const codeTouched = useRef(!isNew);
  return (form: FormInstance, changed: { name?: string; code?: string }, taken: () => ReadonlySet<string>) => {
    if ('code' in changed) codeTouched.current = Boolean(changed.code);
    if ('name' in changed && !codeTouched.current) form.setFieldValue('code', codeFromName(changed.name ?? '', taken()));
  };
}

/** Tên, then Mã and Đơn vị tính side by side: the code is proposed when new and fixed afterwards. */
export function MeasureNameCodeUnit({
  kind,
  isNew,
  nameLabel,
  namePlaceholder,
  codeExtra,
  unitOptions,
  unitDisabled,
}: {
  kind: MeasureKind;
  isNew: boolean;
  nameLabel: string;
  namePlaceholder: string;
  /** The hint under the code while it is still proposed from the name. */
  codeExtra: string;
  unitOptions: { value: string; label: string }[];
  unitDisabled: boolean;
}) {
  return (
    <>
      <Form.Item
        name="name"
        label={nameLabel}
        rules={[{ required: true, whitespace: true, message: `Hãy nhập ${nameLabel.toLowerCase()}.` }]}
      >
        <Input maxLength={300} placeholder={namePlaceholder} data-testid={`${kind}-form-name`} />
      </Form.Item>
      <div className="form-row measure-form-row">
        <Form.Item
          name="code"
          label="Mã"
          extra={isNew ? codeExtra : 'Mã không đổi sau khi tạo.'}
          rules={[{ pattern: CODE_PATTERN, message: CODE_HINT }]}
        >
          <Input maxLength={64} disabled={!isNew} data-testid={`${kind}-form-code`} />
        </Form.Item>
        <Form.Item name="unit" label="Đơn vị tính">
          <Select options={unitOptions} disabled={unitDisabled} data-testid={`${kind}-form-unit`} />
        </Form.Item>
      </div>
    </>
  );
}

/** A new measure names the unit that uses it; an edit asks why (kept in the history). */
export function OwnerOrReason({
  kind,
  isNew,
  owner,
  ownerExtra,
  reasonPlaceholder,
  beforeReason,
}: {
  kind: MeasureKind;
  isNew: boolean;
  owner: { id: number; name: string } | undefined;
  ownerExtra: string;
  reasonPlaceholder?: string;
  /** Shown above the reason of an edit, e.g. what the edit may still change. */
  beforeReason?: ReactNode;
}) {
  return isNew ? (
    <Form.Item name="ownerUnitId" label="Đơn vị sử dụng" extra={ownerExtra}>
      <UnitPicker initialUnit={owner ?? null} />
    </Form.Item>
  ) : (
    <>
      {beforeReason}
      <Form.Item
        name="reason"
        label="Lý do thay đổi"
        rules={[{ required: true, whitespace: true, message: 'Hãy ghi lý do thay đổi (lưu vào lịch sử).' }]}
      >
        <Input maxLength={500} placeholder={reasonPlaceholder} data-testid={`${kind}-form-reason`} />
      </Form.Item>
    </>
  );
}

export interface MeasureFormErrorState {
  message: string;
  problems: string[];
  usedBy: UsageRef[];
}

/** The error of a refused save: its message, the problems it lists and what uses the measure. */
export function MeasureFormError({ kind, error }: { kind: MeasureKind; error: MeasureFormErrorState | undefined }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={`${kind}-form-error`}
      title={error.message}
      description={
        (error.problems.length > 0 || error.usedBy.length > 0) && (
          <>
            {error.problems.length > 0 && (
              <ul className="measure-usage-list">
                {error.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
            {error.usedBy.length > 0 && <UsageList usedBy={error.usedBy} />}
          </>
        )
      }
    />
  );
}

/** The part of a PATCH body both kinds share: the reason always, name and description when changed. */
export function commonChanges(
  item: { name: string; description: string | null },
  v: { name: string; description?: string; reason?: string },
): { reason: string; name?: string; description?: string } {
  const patch: { reason: string; name?: string; description?: string } = { reason: (v.reason ?? '').normalize('NFC').trim() };
  const name = v.name.normalize('NFC').trim();
  if (name !== item.name) patch.name = name;
  const description = v.description?.normalize('NFC').trim() ?? '';
  if (description !== (item.description ?? '')) patch.description = description;
  return patch;
}

/** The modal and vertical form both measure editors sit in: OK submits the form, Hủy closes. */
export function MeasureFormModal<Shape extends object>({
  kind,
  width,
  title,
  okText,
  saving,
  okDisabled,
  form,
  initialValues,
  onFinish,
  onValuesChange,
  onClose,
  children,
}: {
  kind: MeasureKind;
  width: number;
  title: string;
  okText: string;
  saving: boolean;
  okDisabled?: boolean;
  form: FormInstance<Shape>;
  initialValues: Partial<Shape>;
  onFinish: (values: Shape) => void;
  onValuesChange: (changed: Partial<Shape>) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <FormModal
      form={form}
      title={title}
      okText={okText}
      width={width}
      saving={saving}
      submitTestId={`${kind}-form-submit`}
      okDisabled={okDisabled}
      initialValues={initialValues}
      onFinish={onFinish}
      onValuesChange={onValuesChange}
      formTestId={`${kind}-form`}
      onClose={onClose}
    >
      {children}
    </FormModal>
  );
}
