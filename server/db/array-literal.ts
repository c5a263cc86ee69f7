/**
 * An array parameter as PostgreSQL's array text, for values that need no quoting (ids, ISO dates,
 * booleans): joined once, where the driver would escape each of a thousand elements.
 */
export const arrayLiteral = <T>(rows: readonly T[], pick: (row: T) => number | string | boolean) => `{${rows.map(pick).join(',')}}`;

/** Ids as one array parameter (`= ANY(${idsLiteral(ids)}::bigint[])`): one value to parse and plan, not an IN list. */
export const idsLiteral = (ids: readonly number[]) => arrayLiteral(ids, (id) => id);
