import { Form, Modal, type ButtonProps, type FormInstance, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { FormErrorLine } from './form-error.line.tsx';

/** What the screen opening a form modal gives it: Hủy closes it; a save hands back what the server saved. */
export interface FormModalCallbacks<Saved> {
  onClose: () => void;
  onSaved: (saved: Saved) => void;
}

/**
 * The modal a form is edited in: OK submits the form (its `onFinish` runs once the fields pass),
 * Hủy closes, OK spins while `saving`; the form is laid out vertically and destroyed on close.
 * `above` sits in the modal over the form (a notice about what is being changed); `formError`,
 * the server's refusal that names no field, under the last field.
 */
export function FormModal<Shape extends object>({
  form,
  title,
  okText,
  width,
  saving,
  submitTestId,
  okDanger,
  okDisabled,
  initialValues,
  onFinish,
  onValuesChange,
  formTestId,
  onClose,
  above,
  formError,
  formErrorTestId,
  children,
}: {
  form: FormInstance<Shape>;
  title: ReactNode;
  okText: string;
  width?: number;
  saving: boolean;
  submitTestId: string;
  okDanger?: boolean;
  okDisabled?: boolean;
  initialValues?: FormProps<Shape>['initialValues'];
  onFinish: (values: Shape) => void;
  onValuesChange?: (changed: Partial<Shape>) => void;
  formTestId?: string;
  onClose: () => void;
  above?: ReactNode;
  formError?: string;
  formErrorTestId?: string;
  children: ReactNode;
}) {
  const okButtonProps = {
    ...(okDanger ? { danger: true } : {}),
    ...(okDisabled === undefined ? {} : { disabled: okDisabled }),
    'data-testid': submitTestId,
  } as ButtonProps;
  return (
    <Modal
      open
      {...(width === undefined ? {} : { width })}
      title={title}
      okText={okText}
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={okButtonProps}
      destroyOnHidden
    >
      {above}
      <Form<Shape>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={onValuesChange}
        initialValues={initialValues}
        data-testid={formTestId}
      >
        {children}
        <FormErrorLine message={formError} testId={formErrorTestId} />
      </Form>
    </Modal>
  );
}
