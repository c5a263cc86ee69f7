/**
 * The 34 provinces and centrally-run cities after the 1 July 2025 reform (Nghị quyết
 * 202/2025/QH15), each with the pre-merger provinces' CCCD codes it absorbed (a CCCD keeps the
 * code of the province where the birth was registered, so a merged province has several), its
 * number of commune-level units (xã/phường/đặc khu) and a rough weight of union membership
 * (thousands of members) used only to size the demo data.
 */
export interface ProvinceSpec {
  /** Unit code of the province union (three letters, unique). */
  code: string;
  /** Name as written after "Liên đoàn Lao động" (e.g. "tỉnh Tây Ninh", "thành phố Hà Nội"). */
  unionName: string;
  /** Short place name (for employers' province_name). */
  place: string;
  /** Pre-merger CCCD province codes, the first one being the merged province's seat. */
  cccdCodes: readonly string[];
  /** Commune-level units after the reform (approximate). */
  communes: number;
  /** Relative union membership, thousands (approximate; drives CĐCS and member counts). */
  membersK: number;
  /** Has large industrial zones: more of its CĐCS sit under the industrial-zone union. */
  industrial: boolean;
}

const P = (
  code: string,
  unionName: string,
  place: string,
  cccdCodes: string[],
  communes: number,
  membersK: number,
  industrial = false,
): ProvinceSpec => ({ code, unionName, place, cccdCodes, communes, membersK, industrial });

export const PROVINCES_2025: readonly ProvinceSpec[] = [
  P('HNI', 'thành phố Hà Nội', 'Hà Nội', ['001'], 126, 950, true),
  P('HUE', 'thành phố Huế', 'Huế', ['046'], 40, 120),
  P('LCU', 'tỉnh Lai Châu', 'Lai Châu', ['012'], 38, 45),
  P('DBN', 'tỉnh Điện Biên', 'Điện Biên', ['011'], 45, 55),
  P('SLA', 'tỉnh Sơn La', 'Sơn La', ['014'], 75, 90),
  P('LSN', 'tỉnh Lạng Sơn', 'Lạng Sơn', ['020'], 65, 80),
  P('QNH', 'tỉnh Quảng Ninh', 'Quảng Ninh', ['022'], 54, 260, true),
  P('THA', 'tỉnh Thanh Hóa', 'Thanh Hóa', ['038'], 166, 340, true),
  P('NAN', 'tỉnh Nghệ An', 'Nghệ An', ['040'], 130, 280, true),
  P('HTH', 'tỉnh Hà Tĩnh', 'Hà Tĩnh', ['042'], 69, 130),
  P('CBG', 'tỉnh Cao Bằng', 'Cao Bằng', ['004'], 56, 60),
  P('TQG', 'tỉnh Tuyên Quang', 'Tuyên Quang', ['008', '002'], 124, 130),
  P('LCI', 'tỉnh Lào Cai', 'Lào Cai', ['010', '015'], 99, 150),
  P('TNG', 'tỉnh Thái Nguyên', 'Thái Nguyên', ['019', '006'], 92, 330, true),
  P('PTO', 'tỉnh Phú Thọ', 'Phú Thọ', ['025', '026', '017'], 148, 400, true),
  P('BNH', 'tỉnh Bắc Ninh', 'Bắc Ninh', ['027', '024'], 99, 650, true),
  P('HYN', 'tỉnh Hưng Yên', 'Hưng Yên', ['033', '034'], 104, 350, true),
  P('HPG', 'thành phố Hải Phòng', 'Hải Phòng', ['031', '030'], 114, 600, true),
  P('NBH', 'tỉnh Ninh Bình', 'Ninh Bình', ['037', '035', '036'], 129, 350, true),
  P('QTI', 'tỉnh Quảng Trị', 'Quảng Trị', ['045', '044'], 78, 130),
  P('DNG', 'thành phố Đà Nẵng', 'Đà Nẵng', ['048', '049'], 94, 280, true),
  P('QNI', 'tỉnh Quảng Ngãi', 'Quảng Ngãi', ['051', '062'], 96, 170, true),
  P('GLI', 'tỉnh Gia Lai', 'Gia Lai', ['064', '052'], 135, 220),
  P('KHA', 'tỉnh Khánh Hòa', 'Khánh Hòa', ['056', '058'], 65, 170),
  P('LDG', 'tỉnh Lâm Đồng', 'Lâm Đồng', ['068', '067', '060'], 124, 220),
  P('DLK', 'tỉnh Đắk Lắk', 'Đắk Lắk', ['066', '054'], 102, 180),
  P('HCM', 'Thành phố Hồ Chí Minh', 'TP. Hồ Chí Minh', ['079', '074', '077'], 168, 1900, true),
  P('DNI', 'tỉnh Đồng Nai', 'Đồng Nai', ['075', '070'], 95, 750, true),
  P('TNI', 'tỉnh Tây Ninh', 'Tây Ninh', ['072', '080'], 96, 500, true),
  P('CTO', 'thành phố Cần Thơ', 'Cần Thơ', ['092', '094', '093'], 103, 220),
  P('VLG', 'tỉnh Vĩnh Long', 'Vĩnh Long', ['086', '083', '084'], 124, 230),
  P('DTP', 'tỉnh Đồng Tháp', 'Đồng Tháp', ['087', '082'], 102, 200),
  P('CMU', 'tỉnh Cà Mau', 'Cà Mau', ['096', '095'], 64, 130),
  P('AGG', 'tỉnh An Giang', 'An Giang', ['089', '091'], 102, 220),
];

/** Central sector unions (Công đoàn ngành Trung ương), directly under the confederation. */
export const CENTRAL_SECTORS: readonly { code: string; name: string }[] = [
  { code: 'NTW-VC', name: 'Công đoàn Viên chức Việt Nam' },
  { code: 'NTW-NH', name: 'Công đoàn Ngân hàng Việt Nam' },
  { code: 'NTW-GT', name: 'Công đoàn Giao thông vận tải Việt Nam' },
  { code: 'NTW-XD', name: 'Công đoàn Xây dựng Việt Nam' },
  { code: 'NTW-CT', name: 'Công đoàn Công Thương Việt Nam' },
];

/** Corporation unions (Công đoàn tập đoàn, tổng công ty), directly under the confederation. */
export const CORPORATIONS: readonly { code: string; name: string }[] = [
  { code: 'TCT-EVN', name: 'Công đoàn Tập đoàn Điện lực Việt Nam' },
  { code: 'TCT-PVN', name: 'Công đoàn Dầu khí Việt Nam' },
  { code: 'TCT-TKV', name: 'Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam' },
  { code: 'TCT-VNPT', name: 'Công đoàn Tập đoàn Bưu chính Viễn thông Việt Nam' },
  { code: 'TCT-VRG', name: 'Công đoàn Tập đoàn Công nghiệp Cao su Việt Nam' },
  { code: 'TCT-VNA', name: 'Công đoàn Tổng công ty Hàng không Việt Nam' },
];

/** The demo province's first communes keep their names, so the demo accounts' units exist at every scale. */
export const TAY_NINH_FIRST_COMMUNES = ['phường Tân Ninh', 'phường Bình Minh', 'phường Long Hoa', 'phường Hòa Thành'];

/** Place words for generated commune names ("phường Phú Thịnh", "xã Tân Hưng"). */
export const COMMUNE_WORDS = [
  'An Bình',
  'An Phú',
  'Bình An',
  'Bình Minh',
  'Bình Thạnh',
  'Cẩm Giang',
  'Đông Hòa',
  'Đông Sơn',
  'Hòa An',
  'Hòa Bình',
  'Hòa Hiệp',
  'Hòa Lợi',
  'Hòa Phú',
  'Hưng Long',
  'Hưng Phú',
  'Long Bình',
  'Long Hòa',
  'Long Phước',
  'Minh Đức',
  'Minh Tân',
  'Mỹ Hòa',
  'Mỹ Phước',
  'Nam Sơn',
  'Phú Hòa',
  'Phú Lợi',
  'Phú Mỹ',
  'Phú Thịnh',
  'Phước Long',
  'Quang Trung',
  'Tân An',
  'Tân Bình',
  'Tân Hiệp',
  'Tân Hưng',
  'Tân Lập',
  'Tân Phú',
  'Tân Thành',
  'Thạnh Phú',
  'Thanh Sơn',
  'Thuận An',
  'Tiên Phong',
  'Trung Hòa',
  'Trường Xuân',
  'Vĩnh Hưng',
  'Vĩnh Phúc',
  'Xuân Hòa',
  'Xuân Lộc',
  'Yên Bình',
  'Yên Thế',
  'Đồng Tâm',
  'Kim Sơn',
] as const;
