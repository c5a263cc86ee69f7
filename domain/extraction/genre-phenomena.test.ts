// Each way the genre writes a target (issue 17), on sentences written for this test — never
// copied from a real document. A short plan is wrapped around each so the extractor sees what it
// sees in practice: a header with the issue date, a targets section, and the sentence.
import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.ts';
import type { ExtractedTarget } from './extraction-types.ts';

const plan = (body: string, title = 'KẾ HOẠCH\nThực hiện nhiệm vụ công tác công đoàn') => `LIÊN ĐOÀN LAO ĐỘNG TỈNH HÒA BÌNH
Số: 12/KH-LĐLĐ
Hòa Bình, ngày 05 tháng 3 năm 2026

${title}

I. MỤC TIÊU, CHỈ TIÊU
${body}

II. TỔ CHỨC THỰC HIỆN
Các cấp công đoàn triển khai thực hiện kế hoạch này.
`;

type Seen = Pick<ExtractedTarget, 'value' | 'unit' | 'comparator' | 'deadlineYear' | 'recurrence'>;
const seen = (text: string): Seen[] =>
  extractDocument(text).targets.map(({ value, unit, comparator, deadlineYear, recurrence }) => ({
    value,
    unit,
    comparator,
    deadlineYear,
    recurrence,
  }));
const one = (
  value: number,
  unit: Seen['unit'],
  comparator: Seen['comparator'],
  deadlineYear: number | null,
  recurrence: 'annual' | null = null,
): Seen => ({ value, unit, comparator, deadlineYear, recurrence });

describe('numbers as Vietnamese writes them', () => {
  it.each([
    ['- Đến năm 2028, phấn đấu kết nạp mới 12 nghìn đoàn viên.', one(12000, 'count', '=', 2028)],
    ['- Đến năm 2028, phấn đấu có 35 ngàn người lao động được tư vấn pháp luật.', one(35000, 'count', '=', 2028)],
    ['- Đến năm 2028, phấn đấu có trên 1.250 đoàn viên công đoàn.', one(1250, 'count', '>', 2028)],
    ['- Đến năm 2028, tỷ lệ công đoàn cơ sở ký thỏa ước đạt 62,5%.', one(62.5, 'percent', '=', 2028)],
    ['- Đến năm 2028, có ít nhất 3/4 số công đoàn cơ sở tổ chức hội nghị người lao động.', one(75, 'percent', '>=', 2028)],
    ['- Đến năm 2028, phấn đấu ba phần tư số đoàn viên nữ được tập huấn về bình đẳng giới.', one(75, 'percent', '=', 2028)],
    ['- Đến năm 2028, mỗi công đoàn cơ sở xây dựng ít nhất hai mô hình “Dân vận khéo”.', one(2, 'count', '>=', 2028)],
    ['- Đến năm 2028, phấn đấu xây dựng mười lăm công trình thanh niên.', one(15, 'count', '=', 2028)],
    ['- Đến năm 2028, thành lập mới 01 nghiệp đoàn nghề cá.', one(1, 'count', '=', 2028)],
    ['- Đến năm 2028, chín mươi phần trăm đoàn viên được phổ biến pháp luật.', one(90, 'percent', '=', 2028)],
    ['- Đến năm 2028, phấn đấu hỗ trợ xây mới 25 Mái ấm công đoàn, tổng kinh phí 2,5 tỷ đồng.', one(2500000000, 'money', '=', 2028)],
  ])('%s', (sentence, expected) => {
    expect(seen(plan(sentence))).toContainEqual(expected);
  });

  it('a range gives its two bounds', () => {
    expect(seen(plan('- Đến năm 2028, tỷ lệ thất nghiệp trong đoàn viên giảm còn 1,5–2%.'))).toEqual([
      one(1.5, 'percent', '>=', 2028),
      one(2, 'percent', '<=', 2028),
    ]);
    expect(
      seen(plan('- Đến năm 2028, mỗi năm tăng từ 2 đến 3 công đoàn cơ sở vững mạnh ở mỗi khu công nghiệp.')).map((t) => [
        t.value,
        t.comparator,
      ]),
    ).toEqual([
      [2, '>='],
      [3, '<='],
    ]);
  });

  it('money keeps its unit, and the per-person, per-year qualifier stays in the subject', () => {
    const [t] = extractDocument(plan('- Đến năm 2028, thu nhập bình quân của đoàn viên đạt trên 96 triệu đồng/người/năm.')).targets;
    expect(t).toMatchObject({ value: 96000000, unit: 'money', comparator: '>', deadlineYear: 2028, recurrence: null, currency: 'VND' });
    expect(t!.subject).toContain('/người/năm');
    expect(t!.subject).toContain('thu nhập bình quân');
  });

  it('"đồng chí" are people, not money', () => {
    expect(seen(plan('- Đến năm 2028, giới thiệu ít nhất 15 đồng chí đoàn viên ưu tú cho Đảng.'))).toEqual([one(15, 'count', '>=', 2028)]);
  });
});

describe('timing from wherever the document puts it', () => {
  it('a heading in any dress: bold stars, numbering, colon or none, a line of its own', () => {
    for (const heading of ['**Đến năm 2027:**', '1. Đến năm 2027', '*Giai đoạn 2025 - 2027*', 'a) Đến hết năm 2027:']) {
      const text = plan(`${heading}\n- Có 900 đoàn viên công đoàn.\n- 95% công đoàn cơ sở được xếp loại hoàn thành tốt nhiệm vụ.`);
      expect(seen(text), heading).toEqual([one(900, 'count', '=', 2027), one(95, 'percent', '=', 2027)]);
    }
  });

  it('the year after the value belongs to that value', () => {
    expect(seen(plan('- Tỷ lệ lao động phi nông nghiệp đạt 60% năm 2027, 70% năm 2030 và 80% năm 2035.'))).toEqual([
      one(60, 'percent', '=', 2027),
      one(70, 'percent', '=', 2030),
      one(80, 'percent', '=', 2035),
    ]);
  });

  it('terms, school years and periods end on their last year', () => {
    const congress = 'NGHỊ QUYẾT\nĐại hội đại biểu Công đoàn phường Tân An lần thứ II, nhiệm kỳ 2025 – 2030';
    expect(seen(plan('- Phát triển thêm ít nhất 400 đoàn viên.', congress))).toEqual([one(400, 'count', '>=', 2030)]);
    expect(seen(plan('- Trong năm học 2025 – 2026, 100% giáo viên là đoàn viên công đoàn.'))).toEqual([one(100, 'percent', '=', 2026)]);
    expect(seen(plan('- Giai đoạn 2026 - 2030, thành lập mới 40 công đoàn cơ sở.'))).toEqual([one(40, 'count', '=', 2030)]);
  });

  it('a plan for one year is due at its end', () => {
    expect(seen(plan('- Kết nạp mới 650 đoàn viên.', 'KẾ HOẠCH\nCông tác công đoàn năm 2027'))).toEqual([one(650, 'count', '=', 2027)]);
  });

  it('"hằng năm" governs its clause or the list it heads, and does not leak to the next item', () => {
    expect(
      seen(plan('- Hằng năm, mỗi công đoàn cơ sở tổ chức ít nhất 1 hội nghị người lao động; 100% đoàn viên được thăm hỏi khi ốm đau.')),
    ).toEqual([one(1, 'count', '>=', null, 'annual'), one(100, 'percent', '=', null, 'annual')]);
    expect(
      seen(
        plan(
          '- Đến năm 2029, có 3.000 đoàn viên; tỷ lệ nữ công nhân được khám sức khỏe tăng 5%/năm; tổ chức 12 lớp tập huấn cho cán bộ công đoàn.',
        ),
      ),
    ).toEqual([one(3000, 'count', '=', 2029), one(5, 'percent', '=', null, 'annual'), one(12, 'count', '=', 2029)]);
    expect(
      seen(plan('- Tổ chức hằng năm 2 đợt tuyên truyền pháp luật; thành lập 6 câu lạc bộ nữ công nhân.', 'KẾ HOẠCH\nCông tác nữ công')),
    ).toEqual([one(2, 'count', '=', null, 'annual'), one(6, 'count', '=', null)]);
  });

  it('no timing stated: no deadline and no recurrence, never the document’s date', () => {
    expect(seen(plan('- Phấn đấu 90% đoàn viên được tuyên truyền về chuyển đổi số.', 'KẾ HOẠCH\nTuyên truyền chuyển đổi số'))).toEqual([
      one(90, 'percent', '=', null),
    ]);
  });
});

describe('comparators', () => {
  it.each([
    ['trên 80%', '>'],
    ['hơn 80%', '>'],
    ['vượt 80%', '>'],
    ['từ 80% trở lên', '>='],
    ['ít nhất 80%', '>='],
    ['tối thiểu 80%', '>='],
    ['không dưới 80%', '>='],
    ['dưới 80%', '<'],
    ['giảm xuống dưới 80%', '<'],
    ['không quá 80%', '<='],
    ['tối đa 80%', '<='],
    ['không vượt 80%', '<='],
    ['80%', '='],
  ])('"%s" → %s', (phrase, comparator) => {
    const [t] = seen(plan(`- Đến năm 2028, tỷ lệ người lao động có việc làm ổn định đạt ${phrase}.`));
    expect(t).toMatchObject({ value: 80, comparator });
  });
});

describe('what is not a target', () => {
  it('results already reached, and how far a plan was met', () => {
    const report = `Ngày 20/01/2026 - 09:15\nNăm 2025, công đoàn tỉnh đã kết nạp 2.310 đoàn viên, đạt 115% kế hoạch năm; thành lập được 19 công đoàn cơ sở, vượt 26% chỉ tiêu. Đến nay toàn tỉnh có 41.200 đoàn viên.`;
    expect(seen(report)).toEqual([]);
  });

  it('a write-up of last year’s results gives none, even with target words', () => {
    const article = `THỨ BA, 13/01/2026 08:02\nTrong năm 2025, công đoàn ngành Giáo dục phát triển mới 640 đoàn viên, nâng tổng số lên 18.900 đoàn viên; 100% công đoàn cơ sở tổ chức hội nghị cán bộ, công chức.`;
    expect(seen(article)).toEqual([]);
  });

  it('counts of the document’s own parts, thresholds inside a target, dates and document numbers', () => {
    const text = plan(
      'Kế hoạch gồm 5 nhiệm vụ trọng tâm và 3 nhóm giải pháp, thực hiện Nghị quyết số 07-NQ/TU ngày 12/8/2025.\n- Đến năm 2028, 85% doanh nghiệp có từ 25 lao động trở lên thành lập công đoàn cơ sở.',
    );
    const result = extractDocument(text);
    expect(seen(text)).toEqual([one(85, 'percent', '=', 2028)]);
    expect(result.targets[0]!.scope.sizeThreshold).toMatchObject({ comparator: '>=', value: 25 });
  });

  it('tolerates a wrong diacritic in a cue word', () => {
    expect(seen(plan('- Phần đầu đến năm 2028 có 1.500 đoàn viên.'))).toEqual([one(1500, 'count', '=', 2028)]);
    expect(seen(plan('- Đến năm 2028, kêt nạp mới ít nhất 300 đoàn viên.'))).toEqual([one(300, 'count', '>=', 2028)]);
  });
});
