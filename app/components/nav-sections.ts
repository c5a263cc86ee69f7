/**
 * The product's sections, in the order a union officer works through them. Paths are Vietnamese
 * without accents so they can be read aloud and typed; later issues replace a placeholder by
 * setting `isReady` and adding the screen to app.routes.tsx.
 */
export interface NavSection {
  key: string;
  path: string;
  label: string;
  /** One honest sentence on what the section will do, shown until it is built. */
  summary: string;
  isReady: boolean;
  /** Shown only to callers holding this permission (the server refuses the rest anyway). */
  permission?: string;
}

export const NAV_SECTIONS: readonly NavSection[] = [
  {
    key: 'overview',
    path: '/tong-quan',
    label: 'Tổng quan',
    summary: 'Tổng hợp tiến độ thực hiện các chỉ tiêu nghị quyết của đơn vị và các đơn vị trực thuộc trên một màn hình.',
    isReady: true,
  },
  {
    key: 'org',
    path: '/co-cau-to-chuc',
    label: 'Cơ cấu tổ chức',
    summary: 'Tra cứu cây tổ chức công đoàn theo từng thời điểm.',
    isReady: true,
  },
  {
    key: 'members',
    path: '/doan-vien',
    label: 'Đoàn viên',
    summary: 'Quản lý đoàn viên theo từng công đoàn cơ sở: kết nạp, chuyển sinh hoạt, nhập danh sách từ tệp Excel.',
    isReady: true,
  },
  {
    key: 'grassroots',
    path: '/cong-doan-co-so',
    label: 'Công đoàn cơ sở',
    summary: 'Theo dõi việc thành lập, giải thể công đoàn cơ sở, số đoàn viên và khu vực của từng đơn vị.',
    isReady: true,
  },
  {
    key: 'employers',
    path: '/doanh-nghiep',
    label: 'Doanh nghiệp',
    summary: 'Danh sách đơn vị sử dụng lao động trên địa bàn, số lao động và tình trạng thành lập công đoàn.',
    isReady: true,
  },
  {
    key: 'agreements',
    path: '/thoa-uoc',
    label: 'Thỏa ước',
    summary: 'Theo dõi thỏa ước lao động tập thể: ngày ký kết, thời hạn hiệu lực và đánh giá chất lượng.',
    isReady: true,
  },
  {
    key: 'documents',
    path: '/van-ban-chi-tieu',
    label: 'Văn bản & chỉ tiêu',
    summary: 'Đưa nghị quyết, chương trình, kế hoạch vào hệ thống, trích xuất chỉ tiêu và giao chỉ tiêu cho từng cấp.',
    isReady: true,
  },
  {
    key: 'tasks',
    path: '/nhiem-vu',
    label: 'Nhiệm vụ',
    summary: 'Theo dõi nhiệm vụ của nghị quyết, chương trình, kế hoạch: chủ trì, thời hạn, trạng thái từng kỳ và minh chứng.',
    isReady: true,
    permission: 'targets.read',
  },
  {
    key: 'reports',
    path: '/bao-cao-dinh-ky',
    label: 'Báo cáo định kỳ',
    summary: 'Lập và tổng hợp báo cáo 6 tháng, năm về kết quả thực hiện chỉ tiêu theo cây tổ chức.',
    isReady: true,
  },
  {
    key: 'admin',
    path: '/quan-tri',
    label: 'Quản trị',
    summary: 'Quản lý tài khoản người dùng, phân quyền theo đơn vị và nhật ký hoạt động của hệ thống.',
    isReady: true,
  },
];

export const HOME_PATH = '/tong-quan';

/**
 * The sections a caller with these permissions sees in the menu. Quản trị only with at least one
 * administration page to open: a "Quản trị" holding nothing but one's own password change misled
 * officers into thinking they administered something (issue 22; Đổi mật khẩu is in the user menu).
 */
export function sectionsFor(permissions: readonly string[], options: { adminPageCount?: number } = {}): NavSection[] {
  return NAV_SECTIONS.filter((section) => {
    if (section.key === 'admin' && options.adminPageCount === 0) return false;
    return !section.permission || permissions.includes(section.permission);
  });
}

/** The section a URL belongs to (its own page or any page below it), for the menu highlight. */
export function sectionForPath(pathname: string): NavSection | undefined {
  return NAV_SECTIONS.find((section) => pathname === section.path || pathname.startsWith(`${section.path}/`));
}
