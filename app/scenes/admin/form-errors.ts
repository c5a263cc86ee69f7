import { ApiError, errorMessage } from '../../api/api-client.ts';

export interface FieldError<F extends string = string> {
  name: F;
  errors: string[];
}

/**
 * Splits a server error into messages for form fields (by `issues[].path`, e.g. "newPassword"
 * or "/username") and a message for the whole form when no known field is named.
 */
export function splitFormErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
  extra: Partial<Record<string, F>> = {},
): { fields: FieldError<F>[]; form?: string } {
  if (!(error instanceof ApiError)) return { fields: [], form: errorMessage(error) };
  const byField = new Map<F, string[]>();
  for (const issue of error.issues) {
    const name = (issue.path.replace(/^\//, '').split(/[./]/)[0] ?? '') as F;
    if (!fields.includes(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  // Some errors carry no issue but clearly belong to one field (USERNAME_TAKEN → username).
  const codeField = extra[error.code];
  if (codeField && !byField.has(codeField)) byField.set(codeField, [error.message]);
  const list = [...byField].map(([name, errors]) => ({ name, errors }));
  return list.length > 0 ? { fields: list } : { fields: [], form: error.message };
}
