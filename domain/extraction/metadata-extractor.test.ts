// Metadata read only where the document states it. Every text here is invented for the test
// (organisations, places, numbers and dates are made up); none is copied from a real document.
import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.ts';

function meta(text: string) {
  const d = extractDocument(text).document;
  return {
    kind: d.kind,
    symbol: d.symbol?.value ?? null,
    issuer: d.issuer?.value ?? null,
    place: d.place?.value ?? null,
    date: d.date?.value ?? null,
    term: d.term ? [d.term.from, d.term.to] : null,
    signer: d.signer ? { capacity: d.signer.capacity, title: d.signer.title, name: d.signer.name } : null,
    title: d.title?.value ?? null,
  };
}

const EMPTY = { kind: null, symbol: null, issuer: null, place: null, date: null, signer: null };

describe('a news write-up without a header gives empty fields', () => {
  it('takes nothing from the headline or the first sentence', () => {
    const text = [
      'Công đoàn tỉnh Sóc Trăng đặt mục tiêu kết nạp 9.000 đoàn viên',
      '',
      'Thứ Tư, ngày 16/04/2025 09:30',
      '',
      'Ngày 3/4/2025, Ban Thường vụ Liên đoàn Lao động tỉnh Sóc Trăng ban hành Kế hoạch số 41/KH-LĐLĐ về phát triển đoàn viên năm 2025. Theo kế hoạch, toàn tỉnh phấn đấu kết nạp mới 9.000 đoàn viên và thành lập 35 công đoàn cơ sở.',
      '',
      'Kế hoạch cũng yêu cầu các công đoàn cấp trên trực tiếp cơ sở báo cáo kết quả hằng quý.',
      '',
      'THANH TÂM',
    ].join('\n');
    expect(meta(text)).toMatchObject(EMPTY);
  });

  it('does not read a headline in capitals that starts with an organisation as the issuer', () => {
    const text = [
      'CÔNG ĐOÀN XÃ TÂN PHÚ ĐỀ RA NĂM CHỈ TIÊU CHO NHIỆM KỲ 2025 – 2030',
      '',
      'Đại hội Công đoàn xã Tân Phú lần thứ I, nhiệm kỳ 2025 – 2030 đã biểu quyết thông qua các chỉ tiêu, trong đó có việc phát triển thêm 250 đoàn viên và giới thiệu 12 đoàn viên ưu tú cho Đảng.',
    ].join('\n');
    expect(meta(text)).toMatchObject({ ...EMPTY, term: [2025, 2030] });
  });

  it('does not take a news dateline for the place and date of issue', () => {
    const text = [
      'Cà Mau, ngày 7/5/2025 – Sáng nay, Hội Liên hiệp Phụ nữ tỉnh Cà Mau tổ chức hội nghị sơ kết và đề ra chỉ tiêu 95% chi hội có mô hình tiết kiệm trong năm.',
      '',
      'Hội nghị đã khen thưởng 20 tập thể có thành tích xuất sắc.',
    ].join('\n');
    expect(meta(text)).toMatchObject(EMPTY);
  });

  it('names the term the write-up plans for, not a past one it recalls', () => {
    const text = [
      'Nhiệm kỳ 2018 - 2023, Công đoàn Khu kinh tế đã kết nạp 4.100 đoàn viên, vượt chỉ tiêu Đại hội đề ra.',
      '',
      'Bước vào nhiệm kỳ 2023 - 2028, Công đoàn Khu kinh tế phấn đấu mỗi năm kết nạp ít nhất 1.000 đoàn viên mới.',
    ].join('\n');
    expect(meta(text)).toMatchObject({ ...EMPTY, term: [2023, 2028] });
  });
});

describe("the issue date is the document's own, never that of a resolution it cites", () => {
  it('reads the header line, not the date of the resolution in the preamble or title', () => {
    const text = [
      'LIÊN ĐOÀN LAO ĐỘNG TỈNH LÂM ĐỒNG',
      'Số: 58/KH-LĐLĐ',
      'Lâm Đồng, ngày 02 tháng 6 năm 2025',
      '',
      'KẾ HOẠCH',
      'Thực hiện Nghị quyết số 07-NQ/TU, ngày 14/3/2025 của Ban Thường vụ Tỉnh ủy',
      '',
      'Ngày 14 tháng 3 năm 2025, Ban Thường vụ Tỉnh ủy ban hành Nghị quyết số 07-NQ/TU; Ban Thường vụ Liên đoàn Lao động tỉnh xây dựng kế hoạch thực hiện như sau:',
      '',
      'I. MỤC ĐÍCH, YÊU CẦU',
    ].join('\n');
    expect(meta(text)).toMatchObject({ date: '2025-06-02', place: 'Lâm Đồng', symbol: '58/KH-LĐLĐ', kind: 'ke_hoach' });
  });

  it('leaves the date empty when the header lost its place-date line and only cited dates remain', () => {
    const text = [
      'Số: 19/CTr-CĐN',
      '',
      'CHƯƠNG TRÌNH',
      'Thực hiện Kết luận số 12-KL/TW, ngày 5 tháng 7 năm 2023 của Bộ Chính trị',
      '',
      'Căn cứ Hướng dẫn số 30/HD-TLĐ, ngày 08/01/2024 của Tổng Liên đoàn, Ban Chấp hành Công đoàn ngành Xây dựng ban hành chương trình như sau:',
      '',
      'I. MỤC TIÊU',
    ].join('\n');
    expect(meta(text)).toMatchObject({ date: null, place: null, symbol: '19/CTr-CĐN', kind: 'chuong_trinh' });
  });

  it('keeps the month when the day was left blank, as drafts do', () => {
    const text = [
      'Số: 07/KH-CĐCS',
      'Vĩnh Long, ngày      tháng 9 năm 2024',
      '',
      'KẾ HOẠCH',
      'Tổ chức Hội nghị người lao động năm 2024',
      '',
      'I. MỤC ĐÍCH',
    ].join('\n');
    expect(meta(text)).toMatchObject({ date: '2024-09', place: 'Vĩnh Long' });
  });
});

describe('headers with emphasis marks from a conversion', () => {
  it('reads stars and underscores around the header lines', () => {
    const text = [
      '**ĐẢNG BỘ TỈNH LONG AN**',
      '',
      '**ĐẢNG ỦY XÃ MỸ YÊN**',
      '',
      '\\*',
      '',
      '**Số: 09-CTr/ĐU**',
      '',
      '_Mỹ Yên, ngày 11 tháng 3 năm 2024_',
      '',
      '**ĐẢNG CỘNG SẢN VIỆT NAM**',
      '',
      '## **CHƯƠNG TRÌNH HÀNH ĐỘNG**',
      '',
      '**thực hiện Nghị quyết Đại hội Đảng bộ xã lần thứ IV, nhiệm kỳ 2020 - 2025**',
      '',
      '### I. MỤC TIÊU',
      '',
      '**T/M BAN THƯỜNG VỤ**',
      '**BÍ THƯ**',
      '',
      '*Võ Minh Khoa*',
    ].join('\n');
    expect(meta(text)).toMatchObject({
      kind: 'chuong_trinh_hanh_dong',
      symbol: '09-CTr/ĐU',
      place: 'Mỹ Yên',
      date: '2024-03-11',
      term: [2020, 2025],
      issuer: 'Ban Thường vụ Đảng ủy xã Mỹ Yên',
      signer: { capacity: 'T/M Ban Thường vụ', title: 'Bí thư', name: 'Võ Minh Khoa' },
    });
  });

  it('reads a place-date line whose words are emphasised one by one', () => {
    const text = [
      'Số: 4/KH-CĐ',
      '*Bến* *Lức*, *ngày* 5 tháng 8 năm 2024',
      '',
      'KẾ HOẠCH',
      'Tập huấn cán bộ công đoàn',
      '',
      'I. MỤC ĐÍCH',
    ].join('\n');
    expect(meta(text)).toMatchObject({ place: 'Bến Lức', date: '2024-08-05' });
  });
});

describe('the place is the words before ", ngày" in the header', () => {
  it('keeps "Tỉnh X" as written', () => {
    const text = [
      'ỦY BAN NHÂN DÂN',
      'TỈNH HẬU GIANG',
      'Số: 215/KH-UBND',
      'Tỉnh Hậu Giang, ngày 20 tháng 7 năm 2024',
      '',
      'KẾ HOẠCH',
      'Phát triển nguồn nhân lực năm 2025',
      '',
      'I. MỤC TIÊU',
    ].join('\n');
    expect(meta(text)).toMatchObject({ place: 'Tỉnh Hậu Giang', date: '2024-07-20', issuer: 'Ủy ban nhân dân tỉnh Hậu Giang' });
  });

  it('stops at the symbol when the conversion put both on one line', () => {
    const text = [
      'CÔNG ĐOÀN NGÀNH Y TẾ',
      'Số: 15/KH-CĐN Tỉnh Hậu Giang, ngày 3 tháng 2 năm 2025',
      'KẾ HOẠCH',
      'Chăm lo Tết cho đoàn viên',
      'I. MỤC ĐÍCH',
    ].join('\n');
    expect(meta(text)).toMatchObject({ place: 'Tỉnh Hậu Giang', date: '2025-02-03', symbol: '15/KH-CĐN' });
  });

  it('reads city names with a lower-case unit word, abbreviations and joined names', () => {
    const place = (line: string) => meta(['Số: 3/KH-CĐ', line, '', 'KẾ HOẠCH', 'Công tác nữ công', '', 'I. MỤC ĐÍCH'].join('\n')).place;
    expect(place('Thành phố Đà Nẵng, ngày 4 tháng 4 năm 2024')).toBe('Thành phố Đà Nẵng');
    expect(place('TP. Cần Thơ, ngày 4 tháng 4 năm 2024')).toBe('TP. Cần Thơ');
    expect(place('Bà Rịa - Vũng Tàu, ngày 4 tháng 4 năm 2024')).toBe('Bà Rịa - Vũng Tàu');
    expect(place('Quận 3, ngày 04/4/2024')).toBe('Quận 3');
  });

  it('does not read a place out of a sentence that cites a date', () => {
    const text = [
      'KẾ HOẠCH',
      'Tổ chức tháng hành động',
      '',
      'Hội nghị tại Hà Nội, ngày 5 tháng 3 năm 2024 đã thống nhất các nội dung chính của kế hoạch năm nay.',
      '',
      'I. MỤC ĐÍCH',
    ].join('\n');
    expect(meta(text)).toMatchObject({ place: null, date: null });
  });
});

describe('the issuer is the left column of the header', () => {
  it('splits two columns set side by side with spaces', () => {
    const text = [
      'LIÊN ĐOÀN LAO ĐỘNG TỈNH TRÀ VINH            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'BAN CHẤP HÀNH                                Độc lập - Tự do - Hạnh phúc',
      'Số: 31/CTr-LĐLĐ                              Trà Vinh, ngày 9 tháng 10 năm 2023',
      '',
      'CHƯƠNG TRÌNH HÀNH ĐỘNG',
      'Thực hiện Nghị quyết Đại hội Công đoàn tỉnh, nhiệm kỳ 2023 - 2028',
      '',
      'I. MỤC TIÊU',
    ].join('\n');
    expect(meta(text)).toMatchObject({
      issuer: 'Ban Chấp hành Liên đoàn Lao động tỉnh Trà Vinh',
      place: 'Trà Vinh',
      date: '2023-10-09',
      symbol: '31/CTr-LĐLĐ',
      kind: 'chuong_trinh_hanh_dong',
      term: [2023, 2028],
    });
  });

  it('splits columns joined by a single space', () => {
    const text = [
      'LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'BAN THƯỜNG VỤ Độc lập - Tự do - Hạnh phúc',
      'Số: 17/KH-LĐLĐ Hà Tĩnh, ngày 09 tháng 4 năm 2025',
      'KẾ HOẠCH',
      'Tổ chức Tháng Công nhân năm 2025',
      'Căn cứ Chương trình công tác năm 2025 của Liên đoàn Lao động tỉnh, Ban Thường vụ ban hành kế hoạch như sau:',
      'I. MỤC ĐÍCH',
    ].join('\n');
    expect(meta(text)).toMatchObject({
      issuer: 'Ban Thường vụ Liên đoàn Lao động tỉnh Hà Tĩnh',
      place: 'Hà Tĩnh',
      date: '2025-04-09',
      symbol: '17/KH-LĐLĐ',
      title: 'Tổ chức Tháng Công nhân năm 2025',
    });
  });

  it('joins a name broken over two lines when the columns were read line by line', () => {
    const text = [
      'LIÊN ĐOÀN LAO ĐỘNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH BÌNH ĐỊNH',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 05/KH-LĐLĐ',
      'Quy Nhơn, ngày 8 tháng 3 năm 2024',
      'KẾ HOẠCH',
      'Phát triển đoàn viên năm 2024',
      'I. MỤC TIÊU',
    ].join('\n');
    expect(meta(text)).toMatchObject({ issuer: 'Liên đoàn Lao động tỉnh Bình Định', place: 'Quy Nhơn', date: '2024-03-08' });
  });

  it('reads a header converted to a markdown table', () => {
    const text = [
      '| TỔNG LĐLĐ VIỆT NAM<br>LĐLĐ TỈNH GIA LAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |',
      '|---|---|',
      '| Số: 88/CTr-LĐLĐ | Gia Lai, ngày 14 tháng 11 năm 2023 |',
      '',
      'CHƯƠNG TRÌNH',
      'Công tác tuyên giáo năm 2024',
      '',
      'I. MỤC TIÊU',
    ].join('\n');
    expect(meta(text)).toMatchObject({
      issuer: 'Liên đoàn Lao động tỉnh Gia Lai',
      place: 'Gia Lai',
      date: '2023-11-14',
      symbol: '88/CTr-LĐLĐ',
    });
  });

  it('names the body that signs for a Party committee, and does not double a place that folds like a unit word', () => {
    const text = [
      'ĐẢNG BỘ TỈNH QUẢNG TRỊ            ĐẢNG CỘNG SẢN VIỆT NAM',
      'HUYỆN ỦY CAM LỘ',
      '*',
      'Số 45-KH/HU                       Cam Lộ, ngày 03 tháng 5 năm 2022',
      '',
      'KẾ HOẠCH',
      'về công tác dân vận năm 2022',
      '',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '',
      'T/M BAN THƯỜNG VỤ',
      'PHÓ BÍ THƯ',
      '',
      'Lê Thị Hoa',
    ].join('\n');
    expect(meta(text)).toMatchObject({ issuer: 'Ban Thường vụ Huyện ủy Cam Lộ', place: 'Cam Lộ', date: '2022-05-03', symbol: '45-KH/HU' });
    const tinh = [
      'LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ TĨNH',
      'Số: 2/KH-LĐLĐ',
      'Hà Tĩnh, ngày 1 tháng 2 năm 2025',
      '',
      'KẾ HOẠCH',
      'Công tác nữ công',
      '',
      'I. MỤC ĐÍCH',
    ].join('\n');
    expect(meta(tinh).issuer).toBe('Liên đoàn Lao động tỉnh Hà Tĩnh');
  });

  it('names a department with the organisation above it, and a school union with its school', () => {
    const union = [
      'LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'BAN TUYÊN GIÁO - NỮ CÔNG               Độc lập - Tự do - Hạnh phúc',
      'Số: 14/HD-TG                            Bắc Giang, ngày 2 tháng 3 năm 2025',
      '',
      'HƯỚNG DẪN',
      'Tổ chức các hoạt động kỷ niệm ngày Quốc tế Phụ nữ',
      '',
      'I. MỤC ĐÍCH',
    ].join('\n');
    expect(meta(union)).toMatchObject({ issuer: 'Ban Tuyên giáo - Nữ công Liên đoàn Lao động tỉnh Bắc Giang', kind: 'huong_dan' });
    const party = [
      'TỈNH ỦY BẮC KẠN                    ĐẢNG CỘNG SẢN VIỆT NAM',
      'BAN TUYÊN GIÁO',
      '*',
      'Số 88-HD/BTGTU                     Bắc Kạn, ngày 5 tháng 4 năm 2024',
      '',
      'HƯỚNG DẪN',
      'tuyên truyền kỷ niệm ngày truyền thống',
      '',
      'I. MỤC ĐÍCH',
    ].join('\n');
    expect(meta(party)).toMatchObject({ issuer: 'Ban Tuyên giáo Tỉnh ủy Bắc Kạn', place: 'Bắc Kạn', date: '2024-04-05' });
    const school = [
      'CÔNG ĐOÀN GIÁO DỤC HUYỆN ĐẠI TỪ',
      'CÔNG ĐOÀN CƠ SỞ TRƯỜNG THCS HÙNG SƠN',
      'Số: 03/KH-CĐCS                 Hùng Sơn, ngày 10 tháng 9 năm 2024',
      'KẾ HOẠCH',
      'Hoạt động công đoàn năm học 2024 - 2025',
      'I. MỤC TIÊU',
    ].join('\n');
    expect(meta(school)).toMatchObject({ issuer: 'Công đoàn cơ sở Trường THCS Hùng Sơn', place: 'Hùng Sơn', date: '2024-09-10' });
  });

  it("does not take the youth union's motto for the issuer", () => {
    const text = [
      'BCH ĐOÀN TỈNH KON TUM          ĐOÀN TNCS HỒ CHÍ MINH',
      '***',
      'Số: 301-KH/TĐTN-PT           Kon Tum, ngày 02 tháng 02 năm 2024',
      '',
      'KẾ HOẠCH',
      'Tổ chức Tháng Thanh niên năm 2024',
      '',
      'I. MỤC ĐÍCH',
    ].join('\n');
    expect(meta(text)).toMatchObject({ issuer: 'Ban Chấp hành Đoàn tỉnh Kon Tum', place: 'Kon Tum', date: '2024-02-02' });
  });

  it("reads the lowest level of a women's union and of a union header", () => {
    const women = [
      'HỘI LHPN VIỆT NAM',
      'HỘI LHPN HUYỆN ĐỊNH HÓA',
      'Số: 12/KH-HPN',
      'Định Hóa, ngày 6 tháng 1 năm 2025',
      '',
      'KẾ HOẠCH',
      'Công tác Hội năm 2025',
      '',
      'I. MỤC TIÊU',
    ].join('\n');
    expect(meta(women)).toMatchObject({ issuer: 'Hội Liên hiệp Phụ nữ huyện Định Hóa', place: 'Định Hóa', date: '2025-01-06' });
    const congress = [
      'CÔNG ĐOÀN VIỆT NAM',
      'LĐLĐ TỈNH NINH BÌNH',
      'CÔNG ĐOÀN PHƯỜNG HOA LƯ',
      '',
      'NGHỊ QUYẾT',
      'ĐẠI HỘI CÔNG ĐOÀN PHƯỜNG HOA LƯ LẦN THỨ I, NHIỆM KỲ 2025 - 2030',
      '',
      'Đại hội họp ngày 14 tháng 10 năm 2025 tại hội trường phường đã thảo luận và thống nhất quyết nghị các nội dung sau đây.',
      '',
      'I. MỤC TIÊU',
    ].join('\n');
    // The congress resolution states no place-date line: the meeting date in its body is not read.
    expect(meta(congress)).toMatchObject({
      issuer: 'Công đoàn phường Hoa Lư',
      kind: 'nghi_quyet',
      date: null,
      place: null,
      term: [2025, 2030],
    });
  });
});

describe('kind and title', () => {
  it('reads a congress resolution whose header was lost, from its kind line in capitals', () => {
    const text = [
      'NGHỊ QUYẾT ĐẠI HỘI ĐẠI BIỂU CÔNG ĐOÀN NGÀNH GIÁO DỤC HUYỆN LẦN THỨ X, NHIỆM KỲ 2023 - 2028',
      '',
      'Đại hội đại biểu Công đoàn ngành Giáo dục huyện lần thứ X đã họp trong hai ngày và thảo luận các văn kiện trình Đại hội.',
      '',
      'QUYẾT NGHỊ',
    ].join('\n');
    expect(meta(text)).toMatchObject({
      ...EMPTY,
      kind: 'nghi_quyet',
      term: [2023, 2028],
      title: 'ĐẠI HỘI ĐẠI BIỂU CÔNG ĐOÀN NGÀNH GIÁO DỤC HUYỆN LẦN THỨ X, NHIỆM KỲ 2023 - 2028',
    });
  });

  it('does not take a headline in capitals that begins with a kind word for a kind line', () => {
    const text = [
      'KẾ HOẠCH PHÁT TRIỂN ĐOÀN VIÊN NĂM 2024 ĐẠT KẾT QUẢ CAO',
      '',
      'Năm 2024, Liên đoàn Lao động huyện đã kết nạp được 1.200 đoàn viên, vượt 20% kế hoạch đề ra, theo báo cáo của Ban Tổ chức.',
    ].join('\n');
    expect(meta(text)).toMatchObject({ ...EMPTY, title: null });
  });

  it("ends a decision's title at the line naming its authority, and reads a date without its day", () => {
    const text = [
      'TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'ĐOÀN CHỦ TỊCH                            Độc lập - Tự do - Hạnh phúc',
      'Số:  977 /QĐ-TLĐ                        TP.HCM, tháng 8 năm 2024',
      '',
      'QUYẾT ĐỊNH',
      'Về việc ban hành quy chế thi đua',
      '',
      'ĐOÀN CHỦ TỊCH TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM',
      'Căn cứ Luật Công đoàn năm 2024;',
    ].join('\n');
    expect(meta(text)).toMatchObject({
      kind: 'quyet_dinh',
      symbol: '977/QĐ-TLĐ',
      place: 'TP.HCM',
      date: '2024-08',
      title: 'Về việc ban hành quy chế thi đua',
      issuer: 'Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam',
    });
  });
});

describe('symbol, term and signer only where stated', () => {
  it('does not take "số …" in a short headline for the document\'s symbol', () => {
    const text = [
      'Triển khai Kế hoạch số 88/KH-LĐLĐ tại các khu công nghiệp',
      '',
      'Liên đoàn Lao động tỉnh vừa tổ chức hội nghị triển khai kế hoạch với sự tham dự của hơn 200 cán bộ công đoàn cơ sở trong tỉnh.',
    ].join('\n');
    expect(meta(text)).toMatchObject(EMPTY);
  });

  it('reads "nhiệm kỳ năm học" as the term', () => {
    const text = [
      'PHƯƠNG HƯỚNG HOẠT ĐỘNG CỦA CHI ĐOÀN LỚP K47',
      'NHIỆM KỲ NĂM HỌC 2024 - 2025',
      '',
      'I. MỤC TIÊU',
      '(1) 100% đoàn viên tham gia sinh hoạt chi đoàn.',
    ].join('\n');
    expect(meta(text)).toMatchObject({ ...EMPTY, term: [2024, 2025] });
  });

  it('reads a signature block flattened beside the recipients', () => {
    const text = [
      'CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH MAY SAO MAI',
      'Số: 6/KH-CĐCS                          Long Khánh, ngày 15 tháng 1 năm 2025',
      '',
      'KẾ HOẠCH',
      'Tổ chức đối thoại định kỳ năm 2025',
      '',
      'I. MỤC ĐÍCH',
      '- Nâng cao hiệu quả đối thoại.',
      '',
      'Nơi nhận:                              TM. BAN CHẤP HÀNH',
      '- Ban Giám đốc công ty;                CHỦ TỊCH',
      '- Lưu: VT.',
      '                                       Đỗ Thị Ngân',
    ].join('\n');
    expect(meta(text)).toMatchObject({
      issuer: 'Ban Chấp hành Công đoàn cơ sở Công ty TNHH May Sao Mai',
      place: 'Long Khánh',
      date: '2025-01-15',
      signer: { capacity: 'TM. Ban Chấp hành', title: 'Chủ tịch', name: 'Đỗ Thị Ngân' },
    });
  });
});
