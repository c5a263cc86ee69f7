import type { ErrorIssue } from '../../api/api-client.ts';
import type { ColumnMapping } from '../../api/members.api.ts';
import { stripAccents } from './strip-accents.ts';

/** The fields a members file can carry, in the order of the template, with their Vietnamese titles. */
export const MEMBER_IMPORT_FIELDS = [
  { key: 'fullName', title: 'Họ và tên' },
  { key: 'gender', title: 'Giới tính' },
  { key: 'birthDate', title: 'Ngày sinh' },
  { key: 'cccd', title: 'Số CCCD' },
  { key: 'phone', title: 'Số điện thoại' },
  { key: 'ethnicity', title: 'Dân tộc' },
  { key: 'cardNumber', title: 'Số thẻ đoàn viên' },
  { key: 'joinedOn', title: 'Ngày vào Công đoàn' },
  { key: 'cdcsCode', title: 'Mã CĐCS' },
] as const;

export interface FileColumn {
  index: number;
  title: string;
}

/** A 400 IMPORT_COLUMNS_MISSING lists the columns found as `column:<index>` issues. */
export function columnsFromIssues(issues: readonly ErrorIssue[]): FileColumn[] {
  const columns: FileColumn[] = [];
  for (const issue of issues) {
    const match = /^column:(\d+)$/.exec(issue.path);
    if (match) columns.push({ index: Number(match[1]), title: issue.message });
  }
  return columns.sort((a, b) => a.index - b.index);
}

/**
 * A first guess for the mapping step: a column whose title (without accents) equals or contains a
 * field's title is that field. The server already failed to recognise some columns, so the user
 * checks and fixes the rest; a field is never given to two columns.
 */
export function guessMapping(columns: readonly FileColumn[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  for (const column of columns) {
    const title = stripAccents(column.title);
    const field = MEMBER_IMPORT_FIELDS.find((f) => !taken.has(f.key) && title !== '' && (title === stripAccents(f.title) || title.includes(stripAccents(f.title))));
    mapping[column.index] = field?.key ?? null;
    if (field) taken.add(field.key);
  }
  return mapping;
}

/** Fields chosen for more than one column: the server would have to pick one, so the user must. */
export function duplicateFields(mapping: ColumnMapping): string[] {
  const seen = new Map<string, number>();
  for (const key of Object.values(mapping)) if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([key]) => MEMBER_IMPORT_FIELDS.find((f) => f.key === key)?.title ?? key);
}

/**
 * The template: the header titles only, as CSV with a BOM so Excel opens the Vietnamese titles
 * correctly. A CĐCS importing its own members can delete the "Mã CĐCS" column.
 */
export function memberTemplateCsv(): string {
  return `\uFEFF${MEMBER_IMPORT_FIELDS.map((f) => f.title).join(',')}\r\n`;
}
