import { Form } from 'antd';
import { useState } from 'react';
import { splitFormErrors, type FieldError } from '../scenes/admin/form-errors.ts';

/**
 * The one way a form sends itself: `saving` while the request runs, the server's refusal put on
 * the fields it names (by `issues[].path`, or by code through `codeFields`) and anything else
 * left as `formError`, the sentence shown under the form.
 */
export function useFormSubmit<F extends string>(
  form: { setFields: (fields: FieldError<F>[]) => void },
  fields: readonly F[],
  codeFields: Partial<Record<string, F>> = {},
) {
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();

  const run = async (save: () => Promise<unknown>): Promise<void> => {
    setSaving(true);
    setFormError(undefined);
    try {
      await save();
    } catch (error) {
      const split = splitFormErrors(error, fields, codeFields);
      form.setFields(split.fields);
      setFormError(split.form);
    } finally {
      setSaving(false);
    }
  };

  return { saving, formError, setFormError, run };
}

/**
 * What a form modal starts with: its antd form and `useFormSubmit` on it, for fields named as in
 * the form's `Shape`.
 */
export function useSubmitForm<Shape extends object, F extends string = Extract<keyof Shape, string>>(
  fields: readonly F[],
  codeFields: Partial<Record<string, F>> = {},
) {
  const [form] = Form.useForm<Shape>();
  // antd cannot spell a generic Shape's field paths; the fields are Shape's own names.
  const fieldsOf = form as unknown as { setFields: (fields: FieldError<F>[]) => void };
  return { form, ...useFormSubmit(fieldsOf, fields, codeFields) };
}
