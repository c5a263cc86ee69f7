/**
 * A row of a raw `sql` query whose columns the repository names and converts in its mapper
 * (Number(r.id), r.name …). The one place `any` is allowed for rows: the mapper right below the
 * query is what types them, and a typed row for every report-shaped SELECT would repeat it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SqlRow = Record<string, any>;
