import { describe, expect, it } from 'vitest';
import { NAV_SECTIONS, sectionForPath, sectionsFor } from './nav-sections.ts';

describe('navigation sections', () => {
  it('has unique, accent-free Vietnamese paths', () => {
    const paths = NAV_SECTIONS.map((s) => s.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) expect(path).toMatch(/^\/[a-z-]+$/);
  });

  it('finds the section of a page and of pages below it', () => {
    expect(sectionForPath('/co-cau-to-chuc')?.label).toBe('Cơ cấu tổ chức');
    expect(sectionForPath('/doan-vien/123')?.label).toBe('Đoàn viên');
    expect(sectionForPath('/doan-vien-khac')).toBeUndefined();
  });

  it('labels are stored composed (NFC), as everything in the system', () => {
    for (const s of NAV_SECTIONS) expect(s.label).toBe(s.label.normalize('NFC'));
  });

  it('shows a section that needs a permission only to callers holding it', () => {
    expect(sectionsFor(['targets.read']).map((s) => s.key)).toContain('tasks');
    expect(sectionsFor(['org.read']).map((s) => s.key)).not.toContain('tasks');
    expect(sectionsFor([]).map((s) => s.key)).toContain('overview');
  });

  it('leaves Quản trị out when it would hold no administration page', () => {
    expect(sectionsFor([], { adminPageCount: 0 }).map((s) => s.key)).not.toContain('admin');
    expect(sectionsFor(['users.manage'], { adminPageCount: 2 }).map((s) => s.key)).toContain('admin');
  });
});
