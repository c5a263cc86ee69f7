// The public surface of the tabular module; other folders import from here only.
//
// Reading:  openTable({ path }, options) → async iterable of TableRow, with `.summary`;
//           readFirstRows() for header detection and previews; mappedRows() for the rows below a
//           detected header, read by field key.
// Headers:  detectHeader(firstRows, fields) and applyMapping(detection, userChoices, fields).
// Cells:    parseDateCell, parseIntegerCell, parseBooleanCell, parseGenderCell (value or reason).
// Writing:  writeTable(output, { format, sheetName, columns, rows }) for XLSX or CSV exports.
// Formula injection: exports prefix dangerous text with "'" (see formula-guard.ts);
//           stripFormulaGuard() undoes it when one of our exports is re-imported.
export { mappedRows, openTable, readFirstRows } from './table-reader.ts';
export type { MappedRow, TableStream } from './table-reader.ts';
export type { OpenTableOptions, TableRow, TableSource, TableSummary } from './table-types.ts';
export { EXCEL_MAX_ROWS, EXCEL_MAX_CELL_LENGTH } from './table-types.ts';
export { applyMapping, detectHeader } from './header-detector.ts';
export type { FieldSpec, HeaderColumn, HeaderDetection } from './header-detector.ts';
export { parseBooleanCell, parseDateCell, parseGenderCell, parseIntegerCell } from './cell-parsers.ts';
export type { CellParse, DateParseOptions, Gender } from './cell-parsers.ts';
export { writeTable } from './table-writer.ts';
export type { ColumnType, TableColumn, WriteTableOptions, WriteTableResult } from './table-writer.ts';
export { isDangerousText, neutraliseFormula, stripFormulaGuard } from './formula-guard.ts';
export { foldAccents, looseKey } from './text-normalizer.ts';
