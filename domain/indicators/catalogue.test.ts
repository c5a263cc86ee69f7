import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_ELEMENTS, INDICATORS, suggestIndicators } from './catalogue.ts';
import { parseExpression, referencedCodes } from './expression.ts';

const GOLD = new URL('../../../shared/gold/', import.meta.url);

/** The indicator a careful officer would pick for each gold target (by its subject). */
const EXPECTED: Record<string, string> = {
  'đoàn viên công đoàn': 'members',
  'đoàn viên công đoàn toàn tỉnh': 'members',
  'doanh nghiệp có từ 25 lao động trở lên thành lập công đoàn cơ sở': 'employers_with_cdcs_share',
  'doanh nghiệp, đơn vị có tổ chức công đoàn đủ điều kiện ký kết thỏa ước lao động tập thể': 'agreements_share',
  'doanh nghiệp, đơn vị có tổ chức công đoàn ký được thỏa ước lao động tập thể': 'agreements_share',
  'doanh nghiệp, đơn vị có tổ chức công đoàn ký kết được thỏa ước lao động tập thể': 'agreements_share',
  'vụ việc lao động khởi kiện tại tòa án được công đoàn hỗ trợ': 'lawsuits_supported_share',
  'đoàn viên, người lao động được tuyên truyền, phổ biến': 'dissemination_share',
  'công nhân lao động tham gia học tập nâng cao trình độ, kỹ năng nghề nghiệp': 'skills_share',
  'CĐCS khu vực hành chính, sự nghiệp công lập, DN nhà nước tham gia ban hành quy chế dân chủ': 'democracy_state_share',
  'CĐCS doanh nghiệp ngoài khu vực nhà nước tham gia ban hành quy chế dân chủ': 'democracy_nonstate_share',
  'đoàn viên ưu tú giới thiệu cho Đảng, bình quân mỗi CĐCS': 'party_introduced_per_cdcs',
  'chủ tịch CĐCS bầu mới được đào tạo, bồi dưỡng': 'chairs_trained_share',
  'công đoàn cấp trên trực tiếp cơ sở đạt loại hoàn thành tốt nhiệm vụ': 'rated_good_upper_share',
  'CĐCS khu vực nhà nước đạt loại hoàn thành tốt nhiệm vụ': 'rated_good_state_share',
  'CĐCS ngoài khu vực nhà nước đạt loại hoàn thành tốt nhiệm vụ': 'rated_good_nonstate_share',
  'CĐCS doanh nghiệp ngoài khu vực nhà nước đủ điều kiện thành lập ban nữ công quần chúng': 'women_committee_share',
  'công đoàn cấp trên trực tiếp cơ sở kiểm tra tài chính cùng cấp đúng tiến độ': 'fin_inspection_share',
  'CĐCS doanh nghiệp được công đoàn cấp trên kiểm tra, giám sát tài chính': 'cdcs_fin_inspected_share',
};

describe('indicator catalogue', () => {
  it('parses every indicator and references only known data elements', () => {
    const known = new Set(DATA_ELEMENTS.map((e) => e.code));
    for (const indicator of INDICATORS) {
      for (const source of [indicator.numerator, indicator.denominator].filter((s): s is string => s !== null)) {
        for (const code of referencedCodes(parseExpression(source))) expect(known.has(code), `${indicator.code}: ${code}`).toBe(true);
      }
    }
    expect(new Set(INDICATORS.map((i) => i.code)).size).toBe(INDICATORS.length);
  });

  it('covers every target of the gold files, and suggests the right indicator first from its subject', () => {
    const files = fs.readdirSync(GOLD).filter((f) => f.endsWith('.gold.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    let targets = 0;
    for (const file of files) {
      const gold = JSON.parse(fs.readFileSync(new URL(file, GOLD), 'utf8'));
      for (const target of gold.targets as { subject: string; unit: 'count' | 'percent' }[]) {
        targets++;
        const expected = EXPECTED[target.subject];
        expect(expected, `no catalogue mapping for "${target.subject}"`).toBeDefined();
        expect(INDICATORS.some((i) => i.code === expected)).toBe(true);
        expect(suggestIndicators(target.subject, target.unit)[0]?.code, target.subject).toBe(expected);
      }
    }
    expect(targets).toBe(23);
  });
});
