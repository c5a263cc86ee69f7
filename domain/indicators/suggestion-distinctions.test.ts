import { describe, expect, it } from 'vitest';
import { INDICATORS, suggestIndicators, type SuggestionUnit } from './catalogue.ts';

/** The first suggestion's code, or null when none fits. */
const first = (text: string, unit: SuggestionUnit, options?: { quote?: string; context?: string }) =>
  suggestIndicators(text, unit, options ?? 3)[0]?.code ?? null;
const all = (text: string, unit: SuggestionUnit) => suggestIndicators(text, unit).map((s) => s.code);

describe('indicator suggestions: new members (a flow) against total members (a stock)', () => {
  it('reads the admission verb before the members as new members, a held level as the total', () => {
    const newMembers = [
      'Phấn đấu kết nạp mới 1.200 đoàn viên',
      'phát triển thêm 400 đoàn viên trong năm',
      'thu hút 900 công nhân gia nhập tổ chức công đoàn',
      'số đoàn viên kết nạp mới đạt 2.000 người',
    ];
    for (const text of newMembers) expect(first(text, 'count'), text).toBe('members_new');
    const total = [
      'Phấn đấu toàn huyện có 8.000 đoàn viên',
      'nâng tổng số đoàn viên lên 9.000 người',
      'đoàn viên công đoàn toàn khối đạt 11.000',
    ];
    for (const text of total) expect(first(text, 'count'), text).toBe('members');
  });

  it('tolerates the typos of real documents in the cue words', () => {
    for (const text of ['kêt nạp mới 300 đoàn viên', 'ket nap moi 300 doan vien']) expect(first(text, 'count'), text).toBe('members_new');
    for (const text of ['Phần đầu có 6.500 đoàn viên công đoàn', 'Phân đấu có 6.500 đòan viên'])
      expect(first(text, 'count'), text).toBe('members');
  });

  it('takes the verb from the quote when the subject lost it', () => {
    expect(first('đoàn viên', 'count')).toBe('members');
    expect(first('đoàn viên', 'count', { quote: 'Phấn đấu kết nạp mới 1.500 đoàn viên' })).toBe('members_new');
    // A subject the quote does not contain (carried over from the previous sentence) is read with it.
    expect(
      first('doanh nghiệp có tổ chức công đoàn ký được thỏa ước lao động tập thể', 'percent', { quote: 'đến năm 2027 đạt tỷ lệ trên 75%' }),
    ).toBe('agreements_share');
  });

  it('gives neither for members a union action is done for, a subgroup, or the Party', () => {
    expect(all('tặng quà cho 2.000 đoàn viên', 'count')).toEqual([]);
    expect(all('3.000 đoàn viên được khám sức khỏe', 'count')).toEqual([]);
    expect(all('có 40.000 đoàn viên nữ', 'count')).toEqual([]);
    expect(all('kết nạp 50 đoàn viên công đoàn ưu tú vào Đảng', 'count')).toEqual([]);
    expect(all('kết nạp 300 đoàn viên thanh niên', 'count')).toEqual([]);
  });

  it('reads "kết nạp" as a share of workers when the value is a percentage', () => {
    expect(first('kết nạp 80% công nhân lao động vào công đoàn', 'percent')).toBe('workers_members_share');
    expect(first('tỷ lệ đoàn viên trên tổng số người lao động đạt 75%', 'percent')).toBe('workers_members_share');
  });
});

describe('indicator suggestions: conferences, congresses and dialogue', () => {
  it('has no indicator of them in the catalogue, so suggests none rather than a neighbour', () => {
    const codes = INDICATORS.map((i) => i.code).join(' ');
    expect(codes).not.toMatch(/conference|dialogue/);
    expect(all('100% doanh nghiệp nhà nước tổ chức hội nghị người lao động', 'percent')).toEqual([]);
    expect(all('tổ chức 300 hội nghị người lao động', 'count')).toEqual([]);
    expect(all('100% công đoàn cơ sở tổ chức đại hội đúng thời hạn', 'percent')).toEqual([]);
    expect(all('80% doanh nghiệp ngoài nhà nước tổ chức đối thoại định kỳ tại nơi làm việc', 'percent')).toEqual([]);
    expect(all('tổ chức 150 cuộc đối thoại', 'count')).toEqual([]);
  });

  it('keeps democracy at work for the regulations, and lets "có công đoàn" yield to what follows it', () => {
    expect(first('100% CĐCS khu vực nhà nước tham gia xây dựng quy chế dân chủ', 'percent')).toBe('democracy_state_share');
    expect(all('100% doanh nghiệp có tổ chức công đoàn tổ chức đối thoại', 'percent')).toEqual([]);
    expect(first('100% doanh nghiệp có từ 20 lao động trở lên có tổ chức công đoàn', 'percent')).toBe('employers_with_cdcs_share');
    expect(first('90% doanh nghiệp có tổ chức công đoàn ký được thỏa ước lao động tập thể', 'percent')).toBe('agreements_share');
  });
});

describe('indicator suggestions: chairs trained against cadres trained', () => {
  it('suggests the chairs indicator only when chairs are what is counted', () => {
    expect(first('100% chủ tịch CĐCS bầu mới được tập huấn nghiệp vụ', 'percent')).toBe('chairs_trained_share');
    expect(first('Tỷ lệ chủ tịch công đoàn cơ sở mới được bầu được bồi dưỡng đạt 100%', 'percent')).toBe('chairs_trained_share');
    expect(all('100% cán bộ công đoàn cơ sở được tập huấn nghiệp vụ', 'percent')).toEqual([]);
    expect(all('90% ủy viên ban chấp hành CĐCS được bồi dưỡng kỹ năng', 'percent')).toEqual([]);
    expect(all('tập huấn cho 4.000 lượt cán bộ công đoàn', 'count')).toEqual([]);
  });
});

describe('indicator suggestions: agreements against their quality', () => {
  it('tells signed agreements, class B or better, and better than the law', () => {
    expect(first('85% CĐCS ký kết được TƯLĐTT', 'percent')).toBe('agreements_share');
    expect(first('60% thỏa ước lao động tập thể đạt loại B trở lên', 'percent')).toBe('agreements_b_share');
    expect(first('70% CĐCS ký được thỏa ước xếp loại A, B', 'percent')).toBe('agreements_b_share');
    expect(first('75% thoả ước có nội dung có lợi hơn cho người lao động so với quy định của pháp luật', 'percent')).toBe(
      'agreements_better_share',
    );
  });
});

describe('indicator suggestions: units', () => {
  it('gives money targets no suggestion, the catalogue having no money indicator', () => {
    expect(INDICATORS.some((i) => (i.unit as string) === 'money')).toBe(false);
    expect(all('Thu kinh phí công đoàn đạt 40 tỷ đồng', 'money')).toEqual([]);
    expect(all('hỗ trợ 40 triệu đồng/người xây Mái ấm Công đoàn', 'money')).toEqual([]);
    expect(first('Thu kinh phí công đoàn đạt 95% kế hoạch', 'percent')).toBe('union_fee_share');
    expect(first('xây mới 20 Mái ấm Công đoàn', 'count')).toBe('union_homes');
  });

  it('never offers a share for a count or a count for a share', () => {
    for (const [text, unit] of [
      ['kết nạp mới 500 đoàn viên', 'count'],
      ['90% đoàn viên được tuyên truyền', 'percent'],
      ['thành lập 10 CĐCS', 'count'],
      ['100% doanh nghiệp có CĐCS', 'percent'],
    ] as const) {
      for (const s of suggestIndicators(text, unit)) expect(s.unit === 'percent', `${text}: ${s.code}`).toBe(unit === 'percent');
    }
  });
});

describe('indicator suggestions: heads, denominators and sectors', () => {
  it('reads the head after the value, not a size condition or a label or a date', () => {
    expect(first('Thành lập mới 10 CĐCS tại doanh nghiệp có từ 25 lao động trở lên', 'count')).toBe('cdcs_new_count');
    expect(first('Công đoàn cấp trên kiểm tra tài chính ít nhất 20% công đoàn cơ sở', 'percent')).toBe('cdcs_fin_inspected_share');
    expect(first('100% công đoàn cấp trên trực tiếp cơ sở tự kiểm tra tài chính cùng cấp', 'percent')).toBe('fin_inspection_share');
    expect(first('Chỉ tiêu 2: toàn tỉnh có 30.000 đoàn viên', 'count')).toBe('members');
    expect(first('Số đoàn viên đến 31/12/2028 là 16.000 người', 'count')).toBe('members');
  });

  it('rates upper-level unions and grassroots unions by sector, dropping the wrong twin', () => {
    expect(first('95% công đoàn cấp trên trực tiếp cơ sở hoàn thành tốt nhiệm vụ', 'percent')).toBe('rated_good_upper_share');
    expect(all('80% CĐCS khu vực nhà nước hoàn thành tốt nhiệm vụ', 'percent')).toEqual(['rated_good_state_share']);
    expect(all('65% CĐCS doanh nghiệp FDI hoàn thành tốt nhiệm vụ', 'percent')).toEqual(['rated_good_nonstate_share']);
  });

  it('tells lawsuits from collective disputes, skills from dissemination', () => {
    expect(first('100% vụ việc khởi kiện tại tòa án được công đoàn hỗ trợ', 'percent')).toBe('lawsuits_supported_share');
    expect(first('100% vụ ngừng việc tập thể có công đoàn tham gia giải quyết', 'percent')).toBe('disputes_with_union_share');
    expect(all('giảm 20% số vụ ngừng việc tập thể', 'percent')).toEqual([]);
    expect(first('60% công nhân học tập nâng cao trình độ, kĩ năng nghề', 'percent')).toBe('skills_share');
    expect(first('90% đoàn viên được học tập, quán triệt nghị quyết', 'percent')).toBe('dissemination_share');
    expect(all('Tỉ lệ lao động qua đào tạo nghề đạt 70%', 'percent')).toEqual([]);
  });

  it('lends a coordinated target the predicate of its sentence, keeping its own sector', () => {
    const quote = '80% trở lên CĐCS khu vực nhà nước';
    expect(first(quote, 'percent')).toBe(null);
    const context = 'và 65% trở lên CĐCS ngoài khu vực nhà nước đạt loại hoàn thành tốt nhiệm vụ';
    expect(first(quote, 'percent', { quote, context })).toBe('rated_good_state_share');
    // A target that names its own topic ignores the context.
    expect(first('90% đoàn viên được tuyên truyền', 'percent', { context: 'và 100% CĐCS ký thỏa ước' })).toBe('dissemination_share');
  });
});
