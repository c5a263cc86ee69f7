import { describe, expect, it } from 'vitest';
import {
  FIRST_PAGE,
  blankToUndefined,
  currentCursor,
  fileSizeLabel,
  formatCount,
  importAccounting,
  importBalances,
  nextPage,
  pageNumber,
  previousPage,
  rowRange,
  sectorLabel,
} from './registry-format.ts';

describe('registry formatting', () => {
  it('writes counts the Vietnamese way', () => {
    expect(formatCount(52630)).toBe('52.630');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe('');
  });

  it('names sectors in Vietnamese', () => {
    expect(sectorLabel('fdi')).toBe('Có vốn đầu tư nước ngoài');
    expect(sectorLabel(null)).toBe('');
  });

  it('walks a cursor stack forward, back and to the start', () => {
    let stack = FIRST_PAGE;
    expect(currentCursor(stack)).toBeUndefined();
    stack = nextPage(stack, 'c2');
    stack = nextPage(stack, 'c3');
    expect(pageNumber(stack)).toBe(3);
    expect(currentCursor(stack)).toBe('c3');
    expect(nextPage(stack, null)).toBe(stack);
    stack = previousPage(stack);
    expect(currentCursor(stack)).toBe('c2');
    expect(previousPage(previousPage(stack))).toEqual(FIRST_PAGE);
  });

  it('numbers the rows of the current page', () => {
    expect(rowRange(nextPage(FIRST_PAGE, 'x'), 50, 50)).toBe('Dòng 51–100');
    expect(rowRange(FIRST_PAGE, 50, 0)).toBe('');
    expect(rowRange({ cursors: Array(30).fill('c') }, 50, 3)).toBe('Dòng 1.501–1.503');
  });

  it('states the import accounting and checks that it balances', () => {
    const counts = { rowsRead: 1200, inserted: 1000, updated: 150, unchanged: 47, rejected: 3 };
    expect(importAccounting(counts)).toBe('Đọc 1.200 dòng = thêm 1.000 + sửa 150 + giữ nguyên 47 + từ chối 3');
    expect(importAccounting(counts, true)).toContain('sẽ thêm 1.000');
    expect(importBalances(counts)).toBe(true);
    expect(importBalances({ ...counts, rejected: 4 })).toBe(false);
  });

  it('shows file sizes and drops blank filters', () => {
    expect(fileSizeLabel(512)).toBe('512 B');
    expect(fileSizeLabel(2048)).toBe('2 KB');
    expect(fileSizeLabel(5.5 * 1024 * 1024)).toBe('5,5 MB');
    expect(blankToUndefined('  ')).toBeUndefined();
    expect(blankToUndefined(' an ')).toBe('an');
  });
});
