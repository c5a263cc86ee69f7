import { describe, expect, it } from 'vitest';
import { BLANK, datesIn, openingSentence, programmeReference, trustedIssueDate, type ProgrammeFacts } from './programme-reference.ts';

/** Seed 000 as the upload records it: the trích yếu without its kind, naming its issuer. */
const uploaded: ProgrammeFacts = {
  kind: 'chuong_trinh_hanh_dong',
  symbol: '05/CTr-LĐLĐ',
  issuedOn: '2024-01-18',
  title:
    'của Ban Chấp hành Liên đoàn Lao động tỉnh thực hiện Nghị quyết Đại hội XI Công đoàn tỉnh, Nghị quyết Đại hội XIII Công đoàn Việt Nam, nhiệm kỳ 2023 – 2028',
  issuerText: 'Ban Chấp hành Liên đoàn Lao động tỉnh Bình Phước',
  issuerUnitName: 'Liên đoàn Lao động tỉnh Tây Ninh',
  citedDates: ['2021-06-21', '2021-11-26'],
};
const thucHien = (s: string) => s.match(/(?<![\p{L}])thực hiện(?![\p{L}])/giu)?.length ?? 0;

describe('programmeReference', () => {
  it('names the programme by kind, number, date and issuer as the title words them, then what it is about', () => {
    const ref = programmeReference(uploaded);
    expect(ref.full).toBe('Chương trình hành động số 05/CTr-LĐLĐ ngày 18/01/2024 của Ban Chấp hành Liên đoàn Lao động tỉnh');
    expect(ref.about).toBe(
      'thực hiện Nghị quyết Đại hội XI Công đoàn tỉnh, Nghị quyết Đại hội XIII Công đoàn Việt Nam, nhiệm kỳ 2023 – 2028',
    );
    expect(ref.short).toBe('Chương trình hành động số 05/CTr-LĐLĐ');
  });

  it('opens with one "thực hiện" only', () => {
    const opening = openingSentence(programmeReference(uploaded), 'Liên đoàn Lao động tỉnh Tây Ninh', 'năm 2026');
    expect(opening).toBe(
      'Triển khai Chương trình hành động số 05/CTr-LĐLĐ ngày 18/01/2024 của Ban Chấp hành Liên đoàn Lao động tỉnh thực hiện Nghị quyết Đại hội XI Công đoàn tỉnh, Nghị quyết Đại hội XIII Công đoàn Việt Nam, nhiệm kỳ 2023 – 2028, Liên đoàn Lao động tỉnh Tây Ninh báo cáo kết quả năm 2026 như sau:',
    );
    expect(thucHien(opening)).toBe(1);
    const about = openingSentence(
      programmeReference({ ...uploaded, title: 'Chương trình phát triển đoàn viên giai đoạn 2024 – 2028', issuerText: null }),
      'Công đoàn phường Tân Ninh',
      '6 tháng đầu năm 2026',
    );
    expect(about).toBe(
      'Thực hiện Chương trình số 05/CTr-LĐLĐ ngày 18/01/2024 của Liên đoàn Lao động tỉnh Tây Ninh về phát triển đoàn viên giai đoạn 2024 – 2028, Công đoàn phường Tân Ninh báo cáo kết quả 6 tháng đầu năm 2026 như sau:',
    );
  });

  it('uses the recorded issuer when the title does not name one, and the unit’s name when nothing is recorded', () => {
    expect(
      programmeReference({
        ...uploaded,
        title: 'Kế hoạch thực hiện Nghị quyết số 02-NQ/TW',
        kind: 'ke_hoach',
        symbol: '61-KH/TU',
        issuedOn: '2021-10-21',
        citedDates: [],
      }).full,
    ).toBe('Kế hoạch số 61-KH/TU ngày 21/10/2021 của Ban Chấp hành Liên đoàn Lao động tỉnh Bình Phước');
    expect(programmeReference({ ...uploaded, title: 'về phát triển đoàn viên', issuerText: null }).full).toContain(
      'của Liên đoàn Lao động tỉnh Tây Ninh',
    );
  });

  it('leaves a highlighted blank for an unknown number and for a date that cannot be the programme’s own', () => {
    // The issue's draft: no number, and the date of the resolution it implements read as its own.
    const ref = programmeReference({
      ...uploaded,
      symbol: null,
      kind: 'chuong_trinh',
      title: 'Chương trình thực hiện Nghị quyết số 02-NQ/TW ngày 12/6/2021 của Bộ Chính trị',
      issuedOn: '2021-06-12',
      citedDates: ['2021-06-12'],
    });
    expect(ref.full).toBe(`Chương trình số ${BLANK} ngày ${BLANK} của Ban Chấp hành Liên đoàn Lao động tỉnh Bình Phước`);
    expect(ref.short).toBe('Chương trình nêu trên');
    expect(BLANK.startsWith('[')).toBe(true); // the DOCX highlights what opens with "["
    // Typed by hand, with no recorded links: the date its own title cites gives it away.
    const typed = programmeReference({
      ...uploaded,
      citedDates: [],
      issuerText: null,
      symbol: null,
      kind: 'chuong_trinh',
      title: 'Chương trình thực hiện Nghị quyết số 02-NQ/TW, ngày 12 tháng 6 năm 2021 của Bộ Chính trị',
      issuedOn: '2021-06-12',
    });
    expect(typed.full).toBe(`Chương trình số ${BLANK} ngày ${BLANK} của Liên đoàn Lao động tỉnh Tây Ninh`);
    const opening = openingSentence(typed, 'Liên đoàn Lao động tỉnh Tây Ninh', 'năm 2026');
    expect(opening).toBe(
      `Triển khai Chương trình số ${BLANK} ngày ${BLANK} của Liên đoàn Lao động tỉnh Tây Ninh thực hiện Nghị quyết số 02-NQ/TW, ngày 12 tháng 6 năm 2021 của Bộ Chính trị, Liên đoàn Lao động tỉnh Tây Ninh báo cáo kết quả năm 2026 như sau:`,
    );
    expect(opening).not.toContain('thực hiện Chương trình');
  });

  it('reads the dates a title cites', () => {
    expect(datesIn('thực hiện Nghị quyết số 02-NQ/TW ngày 12/6/2021 và Kết luận ngày 05 tháng 02 năm 2024')).toEqual([
      '2021-06-12',
      '2024-02-05',
    ]);
    expect(datesIn('nhiệm kỳ 2023 – 2028')).toEqual([]);
  });

  it('keeps a date only when it comes after what the programme implements or cites', () => {
    expect(trustedIssueDate('2024-01-18', ['2021-06-21', '2023-12-01'])).toBe('2024-01-18');
    expect(trustedIssueDate('2021-06-12', ['2021-06-12'])).toBeNull();
    expect(trustedIssueDate('2021-06-12', ['2021-10-01'])).toBeNull();
    // A month-only date ("ngày … tháng 8 năm 2024") is compared on the month: the same month proves nothing.
    expect(trustedIssueDate('2024-08', ['2024-08-05', '2024-01-31'])).toBe('2024-08');
    expect(trustedIssueDate('2024-08', ['2024-09-02'])).toBeNull();
    expect(trustedIssueDate(null, [])).toBeNull();
    expect(programmeReference({ ...uploaded, issuedOn: '2024-08', citedDates: [] }).full).toContain(`ngày ${BLANK}/08/2024`);
  });
});
