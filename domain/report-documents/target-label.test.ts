import { describe, expect, it } from 'vitest';
import { sentenceOf, targetLabel } from './target-label.ts';

describe('targetLabel', () => {
  it('finishes a subject the extractor cut at 30 words from the sentence it came from, never inside a word', () => {
    const quote =
      'Đến năm 2028, phấn đấu 90% trở lên số vụ việc về lao động khởi kiện tại tòa án được công đoàn hỗ trợ, tham gia tố tụng bảo vệ khi đoàn viên có yêu cầu.';
    const cut = 'vụ việc về lao động khởi kiện tại tòa án được công đoàn hỗ trợ, tham gia tố tụng bảo vệ khi đoàn viên có yêu';
    expect(targetLabel(cut, quote, 'Tỷ lệ vụ án lao động được hỗ trợ')).toBe(
      'Vụ việc về lao động khởi kiện tại tòa án được công đoàn hỗ trợ, tham gia tố tụng bảo vệ khi đoàn viên có yêu cầu',
    );
    const women =
      'Hàng năm, ít nhất 80% công đoàn cơ sở doanh nghiệp ngoài khu vực nhà nước có đủ điều kiện thành lập ban nữ công quần chúng theo quy định của Điều lệ Công đoàn Việt Nam.';
    expect(
      targetLabel(
        'công đoàn cơ sở doanh nghiệp ngoài khu vực nhà nước có đủ điều kiện thành lập ban nữ công quần chúng theo quy định của Điều lệ Công',
        women,
        'x',
      ),
    ).toMatch(/Điều lệ Công đoàn Việt Nam$/);
    const reached =
      'Hàng năm, có trên 90% đoàn viên, người lao động được tuyên truyền, phổ biến, học tập, quán triệt chủ trương, nghị quyết của Đảng, chính sách, pháp luật của Nhà nước liên quan đến lao động và công đoàn; Công đoàn tham gia thúc đẩy để ít nhất 65% công nhân lao động tại các doanh nghiệp tham gia học tập.';
    expect(
      targetLabel(
        'đoàn viên, người lao động được tuyên truyền, phổ biến, học tập, quán triệt chủ trương, nghị quyết của Đảng, chính sách, pháp luật của Nhà nước liên quan',
        reached,
        'x',
      ),
    ).toMatch(/liên quan đến lao động và công đoàn$/);
  });

  it('keeps a long subject that ends where its clause ends', () => {
    const quote =
      'Đến cuối nhiệm kỳ, có 85% trở lên doanh nghiệp, đơn vị có tổ chức công đoàn đủ điều kiện đại diện, thương lượng và ký kết được thỏa ước lao động tập thể.';
    const subject =
      'doanh nghiệp, đơn vị có tổ chức công đoàn đủ điều kiện đại diện, thương lượng và ký kết được thỏa ước lao động tập thể';
    expect(targetLabel(subject, quote, 'x')).toBe(
      'Doanh nghiệp, đơn vị có tổ chức công đoàn đủ điều kiện đại diện, thương lượng và ký kết được thỏa ước lao động tập thể',
    );
    expect(
      targetLabel(
        'đoàn viên công đoàn',
        'Đến cuối nhiệm kỳ, có trên 140.000 đoàn viên công đoàn, thành lập Công đoàn cơ sở ở 100% doanh nghiệp.',
        'Số đoàn viên',
      ),
    ).toBe('Đoàn viên công đoàn');
  });

  it('says what a bare noun counts with the words the programme puts before the figure', () => {
    expect(targetLabel('đoàn viên', 'Hằng năm, phấn đấu kết nạp mới 1.500 đoàn viên.', 'Số đoàn viên kết nạp mới')).toBe(
      'Kết nạp mới đoàn viên',
    );
    expect(
      targetLabel(
        'đoàn viên',
        'Đến năm 2028, phát triển thêm ít nhất 4.000 đoàn viên trong khu vực doanh nghiệp.',
        'Số đoàn viên kết nạp mới',
      ),
    ).toBe('Phát triển thêm đoàn viên');
    // Nothing before the figure: the subject as it stands.
    expect(targetLabel('CĐCS', 'Hằng năm, 100% CĐCS được kiểm tra.', 'Tỷ lệ CĐCS được kiểm tra')).toBe('CĐCS');
  });

  it('falls back to the subject without a quote, and to the indicator without a subject', () => {
    expect(targetLabel('đoàn viên', null, 'Số đoàn viên')).toBe('Đoàn viên');
    expect(targetLabel('  ', null, 'Số đoàn viên')).toBe('Số đoàn viên');
  });
});

describe('sentenceOf', () => {
  it('carries the extractor’s quote on to the end of its sentence in the document, across line breaks', () => {
    const text =
      'II. NỘI DUNG\n\n- Đến năm 2028, phấn đấu 90% trở lên số vụ việc về lao động khởi kiện tại tòa án được công đoàn hỗ trợ, tham gia tố tụng bảo vệ khi đoàn viên có yêu cầu.\n\n- Hàng năm, 100% chủ tịch công đoàn cơ sở bầu mới được đào tạo, bồi\n\ndưỡng với hình thức phù hợp.';
    expect(
      sentenceOf(
        text,
        'Đến năm 2028, phấn đấu 90% trở lên số vụ việc về lao động khởi kiện tại tòa án được công đoàn hỗ trợ, tham gia tố tụng bảo vệ khi đoàn viên có yêu',
      ),
    ).toBe(
      'Đến năm 2028, phấn đấu 90% trở lên số vụ việc về lao động khởi kiện tại tòa án được công đoàn hỗ trợ, tham gia tố tụng bảo vệ khi đoàn viên có yêu cầu',
    );
    expect(sentenceOf(text, 'Hàng năm, 100% chủ tịch công đoàn cơ sở bầu mới được đào tạo, bồi dưỡng')).toBe(
      'Hàng năm, 100% chủ tịch công đoàn cơ sở bầu mới được đào tạo, bồi dưỡng với hình thức phù hợp',
    );
    expect(sentenceOf(text, 'không có trong văn bản (1.500)')).toBeNull();
  });
});
