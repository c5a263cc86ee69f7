import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../periods/period.ts';
import { buildReportContent, NAME_PLACEHOLDER, type ReportInput } from './report-content.ts';
import {
  dateInWords,
  documentKindWords,
  formatIndicatorValue,
  formatShare,
  periodPhrase,
  planPhrase,
  reportNumberLine,
  upperVi,
} from './report-wording.ts';

describe('report wording', () => {
  it('writes figures the Vietnamese way: dots for thousands, a comma for decimals', () => {
    expect(formatIndicatorValue(140000, 'count')).toBe('140.000');
    expect(formatIndicatorValue(85.5, 'percent')).toBe('85,5%');
    expect(formatIndicatorValue(0.4, 'ratio')).toBe('0,40');
    expect(formatIndicatorValue(null, 'count')).toBe('');
    expect(formatShare(37.571)).toBe('37,6%');
    expect(formatShare(0.01)).toBe('< 0,1%');
    expect(planPhrase('>', 140000, 'count', { kind: 'deadline', deadline: '2028-12-31' })).toBe('Trên 140.000 (đến năm 2028)');
    expect(planPhrase('>=', 85, 'percent', { kind: 'annual', year: 2026 })).toBe('Từ 85% trở lên (hằng năm)');
  });

  it('writes dates in words with the leading zeros of Nghị định 30 (days below 10, January and February)', () => {
    expect(dateInWords('2026-11-30')).toBe('ngày 30 tháng 11 năm 2026');
    expect(dateInWords('2026-02-05')).toBe('ngày 05 tháng 02 năm 2026');
    expect(dateInWords('2026-03-09')).toBe('ngày 09 tháng 3 năm 2026');
  });

  it('names periods, documents and the number line as a report does', () => {
    expect(periodPhrase(parsePeriod('2026-H1'))).toBe('6 tháng đầu năm 2026');
    expect(periodPhrase(parsePeriod('2026'))).toBe('năm 2026');
    expect(documentKindWords('program', 'Chương trình hành động thực hiện Nghị quyết')).toBe('Chương trình hành động');
    expect(documentKindWords('plan', 'Triển khai Nghị quyết')).toBe('Kế hoạch');
    expect(reportNumberLine('LĐLĐ')).toBe('Số:        /BC-LĐLĐ');
    expect(upperVi('Công đoàn phường Tân Ninh')).toBe('CÔNG ĐOÀN PHƯỜNG TÂN NINH');
  });
});

type ReportTarget = ReportInput['targets'][number];
/** A target "over 140.000 members by 2028" with its figure and judgement. */
const membersBy2028 = (targetId: number, subject: string, value: number | null, progress: ReportTarget['progress']): ReportTarget => ({
  targetId,
  subject,
  indicator: { code: 'members', name: 'Số đoàn viên', unit: 'count' },
  comparator: '>',
  targetValue: 140000,
  timing: { kind: 'deadline', deadline: '2028-12-31' },
  value,
  progress,
});

const input: ReportInput = {
  unit: { code: 'TNI-P01', name: 'Công đoàn phường Tân Ninh', kind: 'commune', symbol: 'CĐ', place: 'Tây Ninh' },
  parent: { name: 'Liên đoàn Lao động tỉnh Tây Ninh', place: 'Tây Ninh' },
  document: {
    id: 1,
    kind: 'program',
    symbol: '05/CTr-LĐLĐ',
    title: 'Chương trình hành động thực hiện Nghị quyết Đại hội XI Công đoàn Việt Nam',
    issuedOn: '2024-01-18',
    issuerName: 'Liên đoàn Lao động tỉnh Tây Ninh',
  },
  period: parsePeriod('2026-H1'),
  reportDate: '2026-06-30',
  asOf: '2026-06-30',
  targets: [
    {
      targetId: 7,
      subject: 'doanh nghiệp có từ 25 lao động trở lên có công đoàn',
      indicator: { code: 'employers_with_cdcs_share', name: 'Tỷ lệ doanh nghiệp có CĐCS', unit: 'percent' },
      comparator: '=',
      targetValue: 100,
      timing: { kind: 'deadline', deadline: '2028-12-31' },
      value: 85.5,
      progress: { status: 'behind', statusLabel: 'Chậm tiến độ', shareAchieved: 85.5 },
    },
    membersBy2028(9, 'đoàn viên', 50000, { status: 'behind', statusLabel: 'Chậm tiến độ', shareAchieved: 35.7 }),
    membersBy2028(8, '', null, { status: 'no_data', statusLabel: 'Chưa có số liệu', shareAchieved: null }),
  ],
  breakdown: new Map([
    [
      7,
      [
        {
          unit: { id: 3, name: 'CĐCS Công ty May ABC' },
          value: 50,
          status: 'behind',
          statusLabel: 'Chậm tiến độ',
          shareAchieved: 50,
          basis: 'ratio',
          allocation: null,
        },
      ],
    ],
    [
      9,
      [
        {
          unit: { id: 3, name: 'CĐCS Công ty May ABC' },
          value: 1250,
          status: 'behind',
          statusLabel: 'Chậm tiến độ',
          shareAchieved: 62.5,
          basis: 'allocation',
          allocation: { comparator: '>', targetValue: 2000 },
        },
      ],
    ],
  ]),
  completeness: [
    {
      templateName: 'Báo cáo sơ kết 6 tháng của công đoàn cơ sở',
      expected: 80,
      submitted: 60,
      onTime: 55,
      late: 5,
      accepted: 40,
      returned: 2,
      missing: 20,
    },
  ],
  tasks: [
    {
      title: 'Đẩy mạnh tuyên truyền, phát triển đoàn viên',
      lead: 'Ban Tổ chức',
      timing: { kind: 'year', year: 2026 },
      owned: false,
      self: {
        startsOn: '2026-01-05',
        statuses: [{ periodEnd: '2026-05-31', status: 'in_progress', setAt: '2026-05-20T08:00:00Z', evidence: [] }],
      },
      assignees: [],
    },
  ],
};

describe('buildReportContent', () => {
  it('drafts the header, number, place and date, title and opening of a six-month report', () => {
    const c = buildReportContent(input);
    expect(c.header).toMatchObject({ parentName: 'LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH', unitName: 'CÔNG ĐOÀN PHƯỜNG TÂN NINH' });
    expect(c.numberLine).toBe('Số:        /BC-CĐ');
    expect(c.placeDate).toBe('Tây Ninh, ngày 30 tháng 6 năm 2026');
    expect(`${c.title} ${c.subtitle} ${c.periodLine}`).toBe(
      'BÁO CÁO Kết quả thực hiện Chương trình hành động số 05/CTr-LĐLĐ ngày 18/01/2024 của Liên đoàn Lao động tỉnh Tây Ninh (6 tháng đầu năm 2026)',
    );
    // The programme's subject already says "thực hiện": the sentence opens with another verb.
    expect(c.opening).toBe(
      'Triển khai Chương trình hành động số 05/CTr-LĐLĐ ngày 18/01/2024 của Liên đoàn Lao động tỉnh Tây Ninh thực hiện Nghị quyết Đại hội XI Công đoàn Việt Nam, Công đoàn phường Tân Ninh báo cáo kết quả 6 tháng đầu năm 2026 như sau:',
    );
  });

  it('fills the targets table with plan, result, share and assessment, and never shows missing data as 0', () => {
    const c = buildReportContent(input);
    expect(c.targets.map((t) => [t.no, t.label, t.plan, t.actual.text, t.share.text, t.assessment])).toEqual([
      [1, 'Doanh nghiệp có từ 25 lao động trở lên có công đoàn', '100% (đến năm 2028)', '85,5%', '85,5%', 'Chậm tiến độ'],
      [2, 'Đoàn viên', 'Trên 140.000 (đến năm 2028)', '50.000', '35,7%', 'Chậm tiến độ'],
      [3, 'Số đoàn viên', 'Trên 140.000 (đến năm 2028)', '', '', 'Chưa có số liệu'],
    ]);
    expect(c.targetSummary).toBe('Trong 3 chỉ tiêu: 2 chỉ tiêu chậm tiến độ, 1 chỉ tiêu chưa có số liệu.');
    expect(c.units[0]!.rows[0]).toMatchObject({
      unit: 'CĐCS Công ty May ABC',
      allocation: '',
      actual: { text: '50%', value: 50 },
      assessment: 'Chậm tiến độ',
    });
    expect(c.units[0]!.summary).toBe('1 đơn vị, mỗi đơn vị đánh giá theo cùng mức 100% trên số liệu của đơn vị: 1 chậm tiến độ.');
    // A unit below is judged against its own allocation, never against the whole province's count.
    expect(c.units[1]!.rows[0]).toMatchObject({
      allocation: 'Trên 2.000',
      allocationValue: { value: 2000 },
      actual: { text: '1.250' },
      share: { text: '62,5%' },
      assessment: 'Chậm tiến độ',
    });
    expect(c.units[1]!.summary).toBe('Chỉ tiêu đã giao cho 1 đơn vị, mỗi đơn vị đánh giá theo chỉ tiêu được giao: 1 chậm tiến độ.');
    expect(c.completenessSummary).toBe('Đến ngày 30/06/2026, 60/80 lượt đơn vị đã nộp báo cáo 6 tháng đầu năm 2026 (75%).');
  });

  it('prints a reported 0 as 0 (count, share, ratio) and keeps it a number for the spreadsheet', () => {
    const zero = (targetId: number, unit: string, code: string) => ({
      targetId,
      subject: code,
      indicator: { code, name: code, unit },
      comparator: '>=' as const,
      targetValue: 10,
      timing: { kind: 'annual' as const, year: 2026 },
      value: 0,
      progress: { status: 'behind' as const, statusLabel: 'Chậm tiến độ', shareAchieved: 0 },
    });
    const c = buildReportContent({
      ...input,
      targets: [zero(1, 'count', 'union_homes'), zero(2, 'percent', 'dissemination_share'), zero(3, 'ratio', 'party_introduced_per_cdcs')],
      breakdown: new Map([
        [
          1,
          [
            {
              unit: { id: 3, name: 'CĐCS Công ty May ABC' },
              value: 0,
              status: 'behind',
              statusLabel: 'Chậm tiến độ',
              shareAchieved: 0,
              basis: 'allocation',
              allocation: { comparator: '>=', targetValue: 10 },
            },
          ],
        ],
      ]),
    });
    expect(c.targets.map((t) => [t.actual.text, t.actual.value, t.share.text, t.share.value])).toEqual([
      ['0', 0, '0%', 0],
      ['0%', 0, '0%', 0],
      ['0,00', 0, '0%', 0],
    ]);
    expect(c.units[0]!.rows[0]!.actual).toMatchObject({ text: '0', value: 0 });
  });

  it('lists section IV’s tasks with lead, status in the period, the assignees’ share and the evidence, as figures for the spreadsheet', () => {
    const given = { startsOn: '2026-01-05', statuses: [] };
    const c = buildReportContent({
      ...input,
      tasks: [
        ...input.tasks,
        {
          title: 'tập huấn cán bộ công đoàn cơ sở',
          lead: null,
          timing: { kind: 'deadline', deadline: '2026-03-31' },
          owned: true,
          self: given,
          assignees: [
            {
              startsOn: '2026-01-05',
              statuses: [
                {
                  periodEnd: '2026-05-31',
                  status: 'done',
                  setAt: '2026-04-01T00:00:00Z',
                  evidence: ['Danh sách học viên lớp tập huấn tháng 3.xlsx'],
                },
              ],
            },
            { startsOn: '2026-01-05', statuses: [] },
            given,
          ],
        },
      ],
    });
    expect(c.taskSummary).toBe(
      'Công đoàn phường Tân Ninh theo dõi 2 nhiệm vụ của Chương trình hành động số 05/CTr-LĐLĐ trên hệ thống Tiến Độ (1 nhiệm vụ của đơn vị, 1 nhiệm vụ được cấp trên giao); kết quả thực hiện 6 tháng đầu năm 2026 như sau:',
    );
    expect(c.tasks.map((t) => [t.no, t.text, t.lead, t.status, t.share.text, t.evidence])).toEqual([
      [1, 'Đẩy mạnh tuyên truyền, phát triển đoàn viên', 'Ban Tổ chức', 'Đang thực hiện', '', 'Chưa có'],
      [2, 'Tập huấn cán bộ công đoàn cơ sở', '', '1/3 đơn vị hoàn thành, 2 quá hạn', '33,3%', '1 tệp: Danh sách học viên lớp tập….xlsx'],
    ]);
    expect(c.tasks[1]).toMatchObject({
      share: { value: 100 / 3, format: 'percent' },
      assignees: { value: 3 },
      completed: { value: 1 },
      overdue: { value: 2 },
      files: { value: 1 },
    });
    expect(c.taskColumns).toEqual(['STT', 'Nhiệm vụ, giải pháp', 'Chủ trì', 'Kết quả thực hiện', 'Tỷ lệ đơn vị hoàn thành', 'Minh chứng']);
    expect(buildReportContent({ ...input, tasks: [] }).taskSummary).toBe(
      'Chưa có nhiệm vụ nào của Chương trình hành động số 05/CTr-LĐLĐ được theo dõi cho Công đoàn phường Tân Ninh trên hệ thống Tiến Độ.',
    );
  });

  it('addresses the level above and leaves the signer’s name as a marked placeholder unless given', () => {
    const c = buildReportContent(input);
    expect(c.recipients).toEqual(['- Liên đoàn Lao động tỉnh Tây Ninh (để báo cáo);', '- Các đơn vị trực thuộc;', '- Lưu: VT.']);
    expect(c.signer).toEqual({ capacity: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: NAME_PLACEHOLDER, nameIsPlaceholder: true });
    const signed = buildReportContent({ ...input, signer: { name: 'Nguyễn Thị Hồng', title: 'Phó Chủ tịch', capacity: 'KT. Chủ tịch' } });
    expect(signed.signer).toEqual({ capacity: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Thị Hồng', nameIsPlaceholder: false });
    expect(signed.fileBaseName).toBe('bao-cao-TNI-P01-2026-H1');
  });
});
