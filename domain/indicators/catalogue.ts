/**
 * The catalogue of data elements and indicators the targets of action programmes are measured
 * with (docs/domain.md §4). Derived elements are counted from the registries as of a date (and take
 * the target's scope: sector, employer-size threshold); reported elements come from periodic
 * reports. Indicators are expressions over elements (see expression.ts).
 */
import { rankIndicators, type SuggestionUnit } from './indicator-suggestion.ts';

export type { SuggestionUnit } from './indicator-suggestion.ts';
export type ElementUnit = 'count' | 'money';
export type ElementSource = 'derived' | 'reported';

export interface DataElementDef {
  code: string;
  name: string;
  unit: ElementUnit;
  source: ElementSource;
  description: string;
}

export interface IndicatorDef {
  code: string;
  name: string;
  unit: 'count' | 'percent' | 'ratio';
  numerator: string;
  denominator: string | null;
  description: string;
  /**
   * Phrases of plan texts that name this indicator's topic (accent-free, abbreviations expanded:
   * see indicator-suggestion.ts, whose profiles add the heads and features an indicator needs).
   */
  keywords: string[];
  /** For indicators split by sector group: which group (decided by the subject's wording). */
  sectorGroup?: 'state' | 'nonstate';
}

const derived = (code: string, name: string, description: string): DataElementDef => ({
  code,
  name,
  unit: 'count',
  source: 'derived',
  description,
});
const reported = (code: string, name: string, description: string, unit: ElementUnit = 'count'): DataElementDef => ({
  code,
  name,
  unit,
  source: 'reported',
  description,
});

export const DATA_ELEMENTS: DataElementDef[] = [
  derived('members_active', 'Đoàn viên đang sinh hoạt', 'Số đoàn viên có quá trình sinh hoạt tại một CĐCS trong phạm vi vào ngày tính.'),
  derived('members_women', 'Đoàn viên nữ', 'Số đoàn viên nữ đang sinh hoạt vào ngày tính.'),
  derived('members_new', 'Đoàn viên kết nạp mới', 'Số đoàn viên được kết nạp trong kỳ.'),
  derived('cdcs', 'Công đoàn cơ sở', 'Số CĐCS đang hoạt động vào ngày tính (lọc theo khu vực nếu chỉ tiêu có).'),
  derived('cdcs_enterprise', 'CĐCS doanh nghiệp', 'Số CĐCS thuộc doanh nghiệp (nhà nước, ngoài nhà nước, FDI).'),
  derived('upper_units', 'Công đoàn cấp trên trực tiếp cơ sở', 'Số công đoàn xã, phường, khu công nghiệp, ngành địa phương trong phạm vi.'),
  derived(
    'employers',
    'Doanh nghiệp, đơn vị sử dụng lao động',
    'Số đơn vị sử dụng lao động (từ N lao động trở lên nếu chỉ tiêu có ngưỡng).',
  ),
  derived('employers_with_cdcs', 'Doanh nghiệp có CĐCS', 'Số đơn vị sử dụng lao động (từ N lao động trở lên) đã có CĐCS.'),
  derived('workers', 'Người lao động', 'Tổng số lao động của các đơn vị sử dụng lao động trong phạm vi.'),
  derived('workers_in_cdcs_employers', 'Lao động tại đơn vị có CĐCS', 'Số lao động của các đơn vị đã có CĐCS.'),
  derived('cdcs_with_agreement', 'CĐCS có thỏa ước còn hiệu lực', 'Số CĐCS có thỏa ước lao động tập thể còn hiệu lực vào ngày tính.'),
  derived('agreements_b_or_better', 'CĐCS có thỏa ước loại B trở lên', 'Số CĐCS có thỏa ước còn hiệu lực xếp loại A hoặc B.'),
  derived(
    'agreements_better_than_law',
    'CĐCS có thỏa ước có lợi hơn luật',
    'Số CĐCS có thỏa ước còn hiệu lực có nội dung có lợi hơn quy định của pháp luật.',
  ),
  reported(
    'dissemination_reached',
    'Đoàn viên, người lao động được tuyên truyền',
    'Số đoàn viên, NLĐ được tuyên truyền, phổ biến, học tập nghị quyết trong kỳ.',
  ),
  reported(
    'dissemination_base',
    'Đoàn viên, người lao động thuộc diện tuyên truyền',
    'Tổng số đoàn viên, NLĐ thuộc diện được tuyên truyền.',
  ),
  reported(
    'skills_learners',
    'Công nhân lao động học tập nâng cao trình độ',
    'Số CNLĐ tham gia học tập nâng cao trình độ, kỹ năng nghề trong kỳ.',
  ),
  reported('skills_base', 'Công nhân lao động tại doanh nghiệp', 'Tổng số CNLĐ tại các doanh nghiệp thuộc diện.'),
  reported(
    'democracy_cdcs_state',
    'CĐCS khu vực nhà nước tham gia quy chế dân chủ',
    'Số CĐCS HCSN, DNNN tham gia ban hành, thực hiện quy chế dân chủ ở cơ sở.',
  ),
  reported(
    'democracy_cdcs_nonstate',
    'CĐCS ngoài nhà nước tham gia quy chế dân chủ',
    'Số CĐCS doanh nghiệp ngoài nhà nước, FDI tham gia ban hành, thực hiện quy chế dân chủ.',
  ),
  reported(
    'party_introduced',
    'Đoàn viên ưu tú giới thiệu cho Đảng',
    'Số đoàn viên ưu tú được giới thiệu cho Đảng xem xét kết nạp trong kỳ.',
  ),
  reported('party_admitted', 'Đoàn viên được kết nạp Đảng', 'Số đoàn viên được kết nạp vào Đảng trong kỳ.'),
  reported('chairs_new', 'Chủ tịch CĐCS bầu mới', 'Số chủ tịch CĐCS được bầu mới trong kỳ.'),
  reported('chairs_new_trained', 'Chủ tịch CĐCS bầu mới được đào tạo', 'Số chủ tịch CĐCS bầu mới được đào tạo, bồi dưỡng.'),
  reported(
    'rated_good_upper',
    'Công đoàn cấp trên cơ sở hoàn thành tốt nhiệm vụ',
    'Số công đoàn cấp trên trực tiếp cơ sở xếp loại hoàn thành tốt nhiệm vụ trở lên.',
  ),
  reported(
    'rated_good_cdcs_state',
    'CĐCS khu vực nhà nước hoàn thành tốt nhiệm vụ',
    'Số CĐCS HCSN, DNNN xếp loại hoàn thành tốt nhiệm vụ trở lên.',
  ),
  reported(
    'rated_good_cdcs_nonstate',
    'CĐCS ngoài nhà nước hoàn thành tốt nhiệm vụ',
    'Số CĐCS ngoài nhà nước, FDI xếp loại hoàn thành tốt nhiệm vụ trở lên.',
  ),
  reported(
    'women_committee_eligible',
    'CĐCS đủ điều kiện thành lập ban nữ công',
    'Số CĐCS doanh nghiệp ngoài nhà nước đủ điều kiện thành lập ban nữ công quần chúng.',
  ),
  reported('women_committee_formed', 'CĐCS có ban nữ công quần chúng', 'Số CĐCS đủ điều kiện đã thành lập ban nữ công quần chúng.'),
  reported(
    'fin_inspection_on_schedule',
    'Công đoàn cấp trên cơ sở kiểm tra tài chính đúng tiến độ',
    'Số công đoàn cấp trên trực tiếp cơ sở thực hiện kiểm tra tài chính cùng cấp đúng tiến độ.',
  ),
  reported(
    'cdcs_fin_inspected',
    'CĐCS doanh nghiệp được kiểm tra tài chính',
    'Số CĐCS doanh nghiệp được công đoàn cấp trên kiểm tra, giám sát tài chính trong kỳ.',
  ),
  reported(
    'lawsuits_requested',
    'Vụ việc lao động khởi kiện có yêu cầu hỗ trợ',
    'Số vụ việc lao động khởi kiện tại tòa án mà đoàn viên, NLĐ đề nghị công đoàn hỗ trợ.',
  ),
  reported('lawsuits_supported', 'Vụ việc lao động được công đoàn hỗ trợ', 'Số vụ việc lao động khởi kiện được công đoàn hỗ trợ.'),
  reported(
    'disputes',
    'Tranh chấp lao động tập thể, ngừng việc tập thể',
    'Số vụ tranh chấp lao động tập thể, ngừng việc tập thể, đình công.',
  ),
  reported('disputes_with_union', 'Tranh chấp có công đoàn tham gia giải quyết', 'Số vụ có công đoàn tham gia giải quyết.'),
  reported('worker_conferences', 'Hội nghị người lao động', 'Số hội nghị người lao động được tổ chức.'),
  reported('workplace_dialogues', 'Đối thoại tại nơi làm việc', 'Số cuộc đối thoại định kỳ tại nơi làm việc.'),
  reported('union_homes', 'Mái ấm Công đoàn', 'Số nhà Mái ấm Công đoàn xây mới, sửa chữa.'),
  reported('union_homes_money', 'Kinh phí Mái ấm Công đoàn', 'Số tiền hỗ trợ xây mới, sửa chữa Mái ấm Công đoàn.', 'money'),
  reported('innovations', 'Sáng kiến, giải pháp', 'Số sáng kiến, giải pháp của CNLĐ được công nhận.'),
  reported('union_fee_due', 'Kinh phí công đoàn phải thu', 'Kinh phí công đoàn (2% quỹ tiền lương đóng BHXH) phải thu trong kỳ.', 'money'),
  reported('union_fee_collected', 'Kinh phí công đoàn đã thu', 'Kinh phí công đoàn đã thu trong kỳ.', 'money'),
  reported('dues_due', 'Đoàn phí phải thu', 'Đoàn phí công đoàn phải thu trong kỳ.', 'money'),
  reported('dues_collected', 'Đoàn phí đã thu', 'Đoàn phí công đoàn đã thu trong kỳ.', 'money'),
];

const share = (
  code: string,
  name: string,
  numerator: string,
  denominator: string,
  description: string,
  keywords: string[],
  sectorGroup?: 'state' | 'nonstate',
): IndicatorDef => ({
  code,
  name,
  unit: 'percent',
  numerator: `100 * #{${numerator}}`,
  denominator: `#{${denominator}}`,
  description,
  keywords,
  ...(sectorGroup && { sectorGroup }),
});

export const INDICATORS: IndicatorDef[] = [
  {
    code: 'members',
    name: 'Số đoàn viên công đoàn',
    unit: 'count',
    numerator: '#{members_active}',
    denominator: null,
    description: 'Đoàn viên đang sinh hoạt vào ngày tính.',
    keywords: ['doan vien cong doan', 'doan vien', 'tong so doan vien'],
  },
  {
    code: 'members_new',
    name: 'Số đoàn viên kết nạp mới',
    unit: 'count',
    numerator: '#{members_new}',
    denominator: null,
    description: 'Đoàn viên kết nạp trong kỳ.',
    keywords: [
      'ket nap moi',
      'ket nap',
      'phat trien doan vien',
      'phat trien moi',
      'phat trien them',
      'doan vien moi',
      'gia nhap cong doan',
      'gia nhap to chuc cong doan',
    ],
  },
  {
    code: 'cdcs_new_count',
    name: 'Số công đoàn cơ sở',
    unit: 'count',
    numerator: '#{cdcs}',
    denominator: null,
    description: 'CĐCS đang hoạt động.',
    keywords: ['cong doan co so', 'nghiep doan co so', 'thanh lap moi cong doan co so', 'thanh lap cong doan co so'],
  },
  share(
    'employers_with_cdcs_share',
    'Tỷ lệ doanh nghiệp (từ N lao động) có CĐCS',
    'employers_with_cdcs',
    'employers',
    'Doanh nghiệp có CĐCS trên tổng số doanh nghiệp cùng ngưỡng lao động.',
    [
      'thanh lap cong doan co so',
      'thanh lap moi cong doan co so',
      'thanh lap duoc cong doan co so',
      'da thanh lap cong doan co so',
      'thanh lap cong doan',
      'thanh lap to chuc cong doan',
      'thanh lap duoc to chuc cong doan',
      'co to chuc cong doan',
      'co cong doan co so',
      'co cong doan',
      'da co cong doan co so',
      'da co cong doan',
    ],
  ),
  share('workers_members_share', 'Tỷ lệ người lao động là đoàn viên', 'members_active', 'workers', 'Đoàn viên trên tổng số lao động.', [
    'la doan vien',
    'la doan vien cong doan',
    'gia nhap cong doan',
    'gia nhap to chuc cong doan',
    'tham gia cong doan',
    'tham gia to chuc cong doan',
    'vao cong doan',
    'vao to chuc cong doan',
  ]),
  share(
    'agreements_share',
    'Tỷ lệ đơn vị có tổ chức công đoàn ký được thỏa ước',
    'cdcs_with_agreement',
    'cdcs',
    'CĐCS có thỏa ước còn hiệu lực trên tổng số CĐCS.',
    ['thoa uoc lao dong tap the', 'thoa uoc', 'ky ket thoa uoc', 'ky duoc thoa uoc', 'ky ket duoc thoa uoc'],
  ),
  share(
    'agreements_b_share',
    'Tỷ lệ thỏa ước đạt loại B trở lên',
    'agreements_b_or_better',
    'cdcs_with_agreement',
    'Thỏa ước loại A, B trên số thỏa ước còn hiệu lực.',
    ['loai b tro len', 'loai b', 'loai a', 'chat luong thoa uoc', 'xep loai'],
  ),
  share(
    'agreements_better_share',
    'Tỷ lệ thỏa ước có lợi hơn luật',
    'agreements_better_than_law',
    'cdcs_with_agreement',
    'Thỏa ước có lợi hơn quy định pháp luật trên số thỏa ước còn hiệu lực.',
    ['co loi hon', 'co loi hon cho nguoi lao dong', 'cao hon quy dinh cua phap luat'],
  ),
  share(
    'lawsuits_supported_share',
    'Tỷ lệ vụ việc khởi kiện được công đoàn hỗ trợ',
    'lawsuits_supported',
    'lawsuits_requested',
    'Vụ việc được hỗ trợ trên số vụ việc có yêu cầu.',
    ['khoi kien', 'toa an', 'vu an lao dong', 'to tung'],
  ),
  share(
    'dissemination_share',
    'Tỷ lệ đoàn viên, NLĐ được tuyên truyền, phổ biến',
    'dissemination_reached',
    'dissemination_base',
    'Được tuyên truyền trên tổng số thuộc diện.',
    ['tuyen truyen', 'pho bien', 'quan triet', 'hoc tap nghi quyet', 'hoc tap quan triet', 'tiep can thong tin', 'giao duc phap luat'],
  ),
  share(
    'skills_share',
    'Tỷ lệ CNLĐ học tập nâng cao trình độ, kỹ năng nghề',
    'skills_learners',
    'skills_base',
    'Tham gia học tập trên tổng số CNLĐ.',
    [
      'nang cao trinh do',
      'ky nang nghe',
      'ky nang nghe nghiep',
      'nang cao ky nang',
      'tay nghe',
      'trinh do chuyen mon',
      'hoc nghe',
      'dao tao nghe',
      'dao tao lai',
    ],
  ),
  share(
    'democracy_state_share',
    'Tỷ lệ CĐCS khu vực nhà nước tham gia quy chế dân chủ',
    'democracy_cdcs_state',
    'cdcs',
    'Trên số CĐCS HCSN, DNNN (chỉ tiêu theo khu vực nhà nước).',
    ['quy che dan chu', 'dan chu o co so', 'dan chu co so', 'dan chu tai noi lam viec'],
    'state',
  ),
  share(
    'democracy_nonstate_share',
    'Tỷ lệ CĐCS ngoài nhà nước tham gia quy chế dân chủ',
    'democracy_cdcs_nonstate',
    'cdcs',
    'Trên số CĐCS doanh nghiệp ngoài nhà nước, FDI.',
    ['quy che dan chu', 'dan chu o co so', 'dan chu co so', 'dan chu tai noi lam viec'],
    'nonstate',
  ),
  {
    code: 'party_introduced_per_cdcs',
    name: 'Đoàn viên ưu tú giới thiệu cho Đảng bình quân mỗi CĐCS',
    unit: 'ratio',
    numerator: '#{party_introduced}',
    denominator: '#{cdcs}',
    description: 'Số giới thiệu trên số CĐCS.',
    keywords: ['gioi thieu', 'cho dang', 'doan vien uu tu', 'ket nap dang'],
  },
  share(
    'chairs_trained_share',
    'Tỷ lệ chủ tịch CĐCS bầu mới được đào tạo',
    'chairs_new_trained',
    'chairs_new',
    'Được đào tạo, bồi dưỡng trên số chủ tịch bầu mới.',
    ['dao tao', 'boi duong', 'tap huan', 'bau moi', 'moi duoc bau', 'moi bau'],
  ),
  share(
    'rated_good_upper_share',
    'Tỷ lệ công đoàn cấp trên cơ sở hoàn thành tốt nhiệm vụ',
    'rated_good_upper',
    'upper_units',
    'Trên số công đoàn cấp trên trực tiếp cơ sở.',
    ['hoan thanh tot nhiem vu', 'hoan thanh xuat sac nhiem vu', 'xep loai', 'dat loai', 'vung manh'],
  ),
  share(
    'rated_good_state_share',
    'Tỷ lệ CĐCS khu vực nhà nước hoàn thành tốt nhiệm vụ',
    'rated_good_cdcs_state',
    'cdcs',
    'Trên số CĐCS khu vực nhà nước.',
    ['hoan thanh tot nhiem vu', 'hoan thanh xuat sac nhiem vu', 'xep loai', 'dat loai', 'vung manh'],
    'state',
  ),
  share(
    'rated_good_nonstate_share',
    'Tỷ lệ CĐCS ngoài nhà nước hoàn thành tốt nhiệm vụ',
    'rated_good_cdcs_nonstate',
    'cdcs',
    'Trên số CĐCS ngoài khu vực nhà nước.',
    ['hoan thanh tot nhiem vu', 'hoan thanh xuat sac nhiem vu', 'xep loai', 'dat loai', 'vung manh'],
    'nonstate',
  ),
  share(
    'women_committee_share',
    'Tỷ lệ CĐCS đủ điều kiện có ban nữ công quần chúng',
    'women_committee_formed',
    'women_committee_eligible',
    'Đã thành lập trên số đủ điều kiện.',
    ['ban nu cong', 'ban nu cong quan chung'],
  ),
  share(
    'fin_inspection_share',
    'Tỷ lệ công đoàn cấp trên cơ sở kiểm tra tài chính đúng tiến độ',
    'fin_inspection_on_schedule',
    'upper_units',
    'Trên số công đoàn cấp trên trực tiếp cơ sở.',
    ['kiem tra tai chinh', 'kiem tra tai chinh cung cap', 'tu kiem tra tai chinh'],
  ),
  share(
    'cdcs_fin_inspected_share',
    'Tỷ lệ CĐCS doanh nghiệp được kiểm tra tài chính',
    'cdcs_fin_inspected',
    'cdcs_enterprise',
    'Trên số CĐCS doanh nghiệp.',
    ['kiem tra tai chinh', 'giam sat tai chinh', 'kiem tra giam sat tai chinh', 'kiem tra cong tac tai chinh'],
  ),
  share(
    'disputes_with_union_share',
    'Tỷ lệ tranh chấp có công đoàn tham gia',
    'disputes_with_union',
    'disputes',
    'Trên số vụ tranh chấp, ngừng việc.',
    ['tranh chap lao dong tap the', 'tranh chap', 'ngung viec', 'ngung viec tap the', 'dinh cong'],
  ),
  share('union_fee_share', 'Tỷ lệ thu kinh phí công đoàn', 'union_fee_collected', 'union_fee_due', 'Đã thu trên phải thu.', [
    'kinh phi cong doan',
    'thu kinh phi cong doan',
  ]),
  share('dues_share', 'Tỷ lệ thu đoàn phí', 'dues_collected', 'dues_due', 'Đã thu trên phải thu.', ['doan phi', 'thu doan phi']),
  {
    code: 'union_homes',
    name: 'Số Mái ấm Công đoàn',
    unit: 'count',
    numerator: '#{union_homes}',
    denominator: null,
    description: 'Nhà Mái ấm Công đoàn xây mới, sửa chữa.',
    keywords: ['mai am cong doan', 'mai am'],
  },
];

/** Accent-free, lower-case words, for matching plan texts against keywords. */
export function foldWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/** Which sector group a subject speaks of: "ngoài (khu vực) nhà nước" before "nhà nước". */
export function sectorGroupOf(subject: string): 'state' | 'nonstate' | null {
  const folded = ` ${foldWords(subject)} `;
  if (/ ngoai (khu vuc )?nha nuoc | fdi | von dau tu nuoc ngoai /.test(folded)) return 'nonstate';
  if (/ nha nuoc | hanh chinh | su nghiep /.test(folded)) return 'state';
  return null;
}

/**
 * Catalogue indicators for an extracted target, best first (see indicator-suggestion.ts for how
 * the text is read). Give the target's quote with its subject: the verb that makes "1.500 đoàn
 * viên" new members ("kết nạp mới …") often stands before the number, outside the subject.
 * `context` (the rest of the target's sentence) lends its predicate to a target that has none of
 * its own, as in coordinated targets. Units must agree: a count gets counts (and per-unit
 * ratios), a share gets shares, money gets money indicators — the catalogue has none yet, so
 * money gets no suggestion. An empty list means no catalogue indicator fits the subject.
 */
export function suggestIndicators(
  subject: string,
  unit: SuggestionUnit,
  options: number | { limit?: number; quote?: string; context?: string } = 3,
): IndicatorDef[] {
  const { limit = 3, quote = '', context = '' } = typeof options === 'number' ? { limit: options } : options;
  const text = !quote.trim() ? subject : foldWords(quote).includes(foldWords(subject)) ? quote : `${subject}; ${quote}`;
  return rankIndicators(INDICATORS, text, unit, context).slice(0, limit);
}
