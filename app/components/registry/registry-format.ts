/**
 * Pure helpers shared by the registry screens (members, CĐCS, employers, agreements, imports):
 * Vietnamese number formatting, filter options, the cursor stack behind "Trang trước", and the
 * import accounting sentence. Kept free of React so they are unit-tested in node.
 */

const VI_NUMBER = new Intl.NumberFormat('vi-VN');

/** 52630 → "52.630"; empty for a missing figure rather than a misleading 0. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : VI_NUMBER.format(value);
}

export const SECTOR_OPTIONS = [
  { value: 'hcsn', label: 'Hành chính sự nghiệp' },
  { value: 'dnnn', label: 'Doanh nghiệp nhà nước' },
  { value: 'private', label: 'Ngoài nhà nước' },
  { value: 'fdi', label: 'Có vốn đầu tư nước ngoài' },
] as const;

export function sectorLabel(sector: string | null | undefined): string {
  return SECTOR_OPTIONS.find((o) => o.value === sector)?.label ?? '';
}

/**
 * Cursor paging keeps the cursors of the pages already seen: "Trang sau" pushes the server's
 * nextCursor, "Trang trước" pops, "Về đầu" empties. Page 1 has no cursor (undefined).
 */
export interface CursorStack {
  cursors: readonly string[];
}

export const FIRST_PAGE: CursorStack = { cursors: [] };

export function currentCursor(stack: CursorStack): string | undefined {
  return stack.cursors.at(-1);
}

export function nextPage(stack: CursorStack, nextCursor: string | null | undefined): CursorStack {
  return nextCursor ? { cursors: [...stack.cursors, nextCursor] } : stack;
}

export function previousPage(stack: CursorStack): CursorStack {
  return { cursors: stack.cursors.slice(0, -1) };
}

export function pageNumber(stack: CursorStack): number {
  return stack.cursors.length + 1;
}

/** Rows shown so far, for "Dòng 51–100": exact without counting the whole (possibly national) list. */
export function rowRange(stack: CursorStack, pageSize: number, rowsOnPage: number): string {
  if (rowsOnPage === 0) return '';
  const first = (pageNumber(stack) - 1) * pageSize + 1;
  return `Dòng ${formatCount(first)}–${formatCount(first + rowsOnPage - 1)}`;
}

export interface ImportCounts {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** "Đọc 12 dòng = thêm 9 + sửa 0 + giữ nguyên 0 + từ chối 3": the accounting always balances, so show it. */
export function importAccounting(c: ImportCounts, dryRun = false): string {
  const verb = dryRun ? 'sẽ ' : '';
  return `Đọc ${formatCount(c.rowsRead)} dòng = ${verb}thêm ${formatCount(c.inserted)} + ${verb}sửa ${formatCount(c.updated)} + giữ nguyên ${formatCount(c.unchanged)} + từ chối ${formatCount(c.rejected)}`;
}

export function importBalances(c: ImportCounts): boolean {
  return c.rowsRead === c.inserted + c.updated + c.unchanged + c.rejected;
}

/** "5,5 MB": how big the chosen file is, next to its name. */
export function fileSizeLabel(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatCount(Math.round(bytes / 1024))} KB`;
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

/** Empty strings become undefined so optional filters drop out of the query string. */
export function blankToUndefined(value: string | null | undefined): string | undefined {
  const trimmed = value?.normalize('NFC').trim();
  return trimmed ? trimmed : undefined;
}
