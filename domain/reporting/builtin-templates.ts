import { UNION_STATISTICS_CALENDAR } from '../periods/period.ts';
import type { TemplateDefinition, TemplateSection } from './report-template.ts';

/**
 * The templates every installation starts with: between them they cover every reported data
 * element the gold targets need. Each element is reported at exactly one level (CĐCS, commune
 * union, province), because progress sums reported values over a subtree: the same figure
 * reported by a CĐCS and again by its commune would be counted twice.
 * Calendar: the union statistics cut-offs (late May, late November, QĐ 1454/QĐ-TLĐ).
 */
const CDCS_SECTIONS: TemplateSection[] = [
  {
    title: 'I. Tuyên truyền, học tập',
    fields: [
      { element: 'dissemination_reached', label: 'Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết', hint: 'người' },
      { element: 'dissemination_base', label: 'Đoàn viên, NLĐ thuộc diện tuyên truyền', hint: 'người' },
      { element: 'skills_learners', label: 'CNLĐ học tập nâng cao trình độ, kỹ năng nghề', hint: 'người' },
      { element: 'skills_base', label: 'Tổng số CNLĐ tại đơn vị', hint: 'người' },
    ],
  },
  {
    title: 'II. Xây dựng Đảng',
    fields: [
      { element: 'party_introduced', label: 'Đoàn viên ưu tú giới thiệu cho Đảng', hint: 'người' },
      { element: 'party_admitted', label: 'Đoàn viên được kết nạp Đảng', hint: 'người' },
    ],
  },
  {
    title: 'III. Đại diện, bảo vệ quyền lợi',
    fields: [
      { element: 'worker_conferences', label: 'Hội nghị người lao động đã tổ chức', hint: 'hội nghị' },
      { element: 'workplace_dialogues', label: 'Đối thoại định kỳ tại nơi làm việc', hint: 'cuộc' },
      { element: 'lawsuits_requested', label: 'Vụ việc khởi kiện có yêu cầu công đoàn hỗ trợ', hint: 'vụ' },
      { element: 'lawsuits_supported', label: 'Vụ việc được công đoàn hỗ trợ', hint: 'vụ' },
      { element: 'disputes', label: 'Tranh chấp lao động tập thể, ngừng việc tập thể', hint: 'vụ' },
      { element: 'disputes_with_union', label: 'Tranh chấp có công đoàn tham gia giải quyết', hint: 'vụ' },
      { element: 'innovations', label: 'Sáng kiến, giải pháp của CNLĐ được công nhận', hint: 'sáng kiến' },
    ],
  },
  {
    title: 'IV. Tài chính công đoàn',
    fields: [
      { element: 'union_fee_due', label: 'Kinh phí công đoàn phải thu', hint: 'đồng' },
      { element: 'union_fee_collected', label: 'Kinh phí công đoàn đã thu', hint: 'đồng' },
      { element: 'dues_due', label: 'Đoàn phí phải thu', hint: 'đồng' },
      { element: 'dues_collected', label: 'Đoàn phí đã thu', hint: 'đồng' },
    ],
  },
];

const CDCS_RULES: TemplateDefinition['rules'] = [
  {
    id: 'bat-buoc',
    kind: 'required',
    elements: ['dissemination_reached', 'dissemination_base', 'union_fee_due', 'union_fee_collected', 'dues_due', 'dues_collected'],
  },
  { id: 'tuyen-truyen', kind: 'part_of', part: 'dissemination_reached', whole: 'dissemination_base' },
  { id: 'hoc-tap', kind: 'part_of', part: 'skills_learners', whole: 'skills_base' },
  { id: 'khoi-kien', kind: 'ratio', numerator: 'lawsuits_supported', denominator: 'lawsuits_requested' },
  { id: 'tranh-chap', kind: 'ratio', numerator: 'disputes_with_union', denominator: 'disputes' },
  { id: 'bien-dong', kind: 'jump', elements: ['dissemination_base', 'skills_base', 'union_fee_due', 'dues_due'], maxShare: 0.5 },
];

export const BUILTIN_TEMPLATES: TemplateDefinition[] = [
  {
    code: 'cdcs-nam',
    name: 'Báo cáo tổng kết năm của công đoàn cơ sở',
    unitKinds: ['grassroots'],
    periodKind: 'year',
    calendar: UNION_STATISTICS_CALENDAR,
    opensBeforeEndDays: 45,
    deadlineDays: 15,
    sections: CDCS_SECTIONS,
    rules: CDCS_RULES,
  },
  {
    code: 'cdcs-6-thang',
    name: 'Báo cáo sơ kết 6 tháng của công đoàn cơ sở',
    unitKinds: ['grassroots'],
    periodKind: 'half',
    calendar: UNION_STATISTICS_CALENDAR,
    opensBeforeEndDays: 30,
    deadlineDays: 15,
    sections: CDCS_SECTIONS,
    rules: CDCS_RULES,
  },
  {
    code: 'cap-tren-co-so-nam',
    name: 'Báo cáo năm của công đoàn cấp trên trực tiếp cơ sở',
    unitKinds: ['commune', 'industrial_zone', 'local_sector', 'district'],
    periodKind: 'year',
    calendar: UNION_STATISTICS_CALENDAR,
    opensBeforeEndDays: 45,
    deadlineDays: 20,
    sections: [
      {
        title: 'I. Công đoàn cơ sở trực thuộc',
        fields: [
          { element: 'democracy_cdcs_state', label: 'CĐCS khu vực nhà nước tham gia quy chế dân chủ', hint: 'CĐCS' },
          { element: 'democracy_cdcs_nonstate', label: 'CĐCS ngoài nhà nước tham gia quy chế dân chủ', hint: 'CĐCS' },
          { element: 'women_committee_eligible', label: 'CĐCS đủ điều kiện thành lập ban nữ công', hint: 'CĐCS' },
          { element: 'women_committee_formed', label: 'CĐCS đã có ban nữ công quần chúng', hint: 'CĐCS' },
          { element: 'rated_good_cdcs_state', label: 'CĐCS khu vực nhà nước hoàn thành tốt nhiệm vụ trở lên', hint: 'CĐCS' },
          { element: 'rated_good_cdcs_nonstate', label: 'CĐCS ngoài nhà nước hoàn thành tốt nhiệm vụ trở lên', hint: 'CĐCS' },
          { element: 'cdcs_fin_inspected', label: 'CĐCS doanh nghiệp được kiểm tra tài chính', hint: 'CĐCS' },
        ],
      },
      {
        title: 'II. Cán bộ công đoàn cơ sở',
        fields: [
          { element: 'chairs_new', label: 'Chủ tịch CĐCS bầu mới', hint: 'người' },
          { element: 'chairs_new_trained', label: 'Chủ tịch CĐCS bầu mới được đào tạo, bồi dưỡng', hint: 'người' },
        ],
      },
    ],
    rules: [
      { id: 'bat-buoc', kind: 'required', elements: ['rated_good_cdcs_state', 'rated_good_cdcs_nonstate'] },
      { id: 'nu-cong', kind: 'part_of', part: 'women_committee_formed', whole: 'women_committee_eligible' },
      { id: 'chu-tich', kind: 'part_of', part: 'chairs_new_trained', whole: 'chairs_new' },
      { id: 'bien-dong', kind: 'jump', elements: ['women_committee_eligible'], maxShare: 0.5 },
    ],
  },
  {
    code: 'tinh-nam',
    name: 'Báo cáo năm của Liên đoàn Lao động tỉnh, thành phố',
    unitKinds: ['province', 'central_sector', 'corporation'],
    periodKind: 'year',
    calendar: UNION_STATISTICS_CALENDAR,
    opensBeforeEndDays: 45,
    deadlineDays: 30,
    sections: [
      {
        title: 'I. Công đoàn cấp trên trực tiếp cơ sở',
        fields: [
          { element: 'rated_good_upper', label: 'Công đoàn cấp trên cơ sở hoàn thành tốt nhiệm vụ trở lên', hint: 'đơn vị' },
          {
            element: 'fin_inspection_on_schedule',
            label: 'Công đoàn cấp trên cơ sở kiểm tra tài chính cùng cấp đúng tiến độ',
            hint: 'đơn vị',
          },
        ],
      },
      {
        title: 'II. Chăm lo đoàn viên',
        fields: [
          { element: 'union_homes', label: 'Mái ấm Công đoàn xây mới, sửa chữa', hint: 'nhà' },
          { element: 'union_homes_money', label: 'Kinh phí hỗ trợ Mái ấm Công đoàn', hint: 'đồng' },
        ],
      },
    ],
    rules: [
      { id: 'bat-buoc', kind: 'required', elements: ['rated_good_upper', 'fin_inspection_on_schedule'] },
      { id: 'bien-dong', kind: 'jump', elements: ['union_homes_money'], maxShare: 1 },
    ],
  },
];
