import type { ErrorIssue } from '../../api/api-client.ts';
import type { ColumnMapping, ImportField } from '../../api/registry.api.ts';
import { stripAccents } from './strip-accents.ts';

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
 * field's title or one of the titles the server also recognises is that field. The server already
 * failed to recognise some columns, so the user checks and fixes the rest; a field is never given
 * to two columns.
 */
export function guessMapping(columns: readonly FileColumn[], fields: readonly ImportField[]): ColumnMapping {
  const mapping: ColumnMapping = Object.fromEntries(columns.map((c) => [c.index, null]));
  const taken = new Set<string>();
  const names = (field: ImportField) => [field.label, ...field.synonyms].map(stripAccents).filter((name) => name !== '');
  // Exact titles first ("Ngày sinh"), so that a longer title elsewhere ("Ngày sinh (dd/mm/yyyy)")
  // cannot take the field; then titles that contain a field's name.
  const passes = [(title: string, name: string) => title === name, (title: string, name: string) => title.includes(name)];
  for (const matches of passes) {
    for (const column of columns) {
      const title = stripAccents(column.title);
      if (mapping[column.index] || title === '') continue;
      const field = fields.find((f) => !taken.has(f.key) && names(f).some((name) => matches(title, name)));
      if (field) {
        mapping[column.index] = field.key;
        taken.add(field.key);
      }
    }
  }
  return mapping;
}

/** Fields chosen for more than one column: the server would have to pick one, so the user must. */
export function duplicateFields(mapping: ColumnMapping, fields: readonly ImportField[]): string[] {
  const seen = new Map<string, number>();
  for (const key of Object.values(mapping)) if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([key]) => fields.find((f) => f.key === key)?.label ?? key);
}

/** Required fields no column was given: the file would be refused again, so say which. */
export function missingRequired(mapping: ColumnMapping, fields: readonly ImportField[]): string[] {
  const chosen = new Set(Object.values(mapping));
  return fields.filter((f) => f.required && !chosen.has(f.key)).map((f) => f.label);
}
