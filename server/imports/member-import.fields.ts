import type { FieldSpec } from '../tabular/header-detector.ts';

/** The columns a members file may have, with the titles union staff actually write. */
export const MEMBER_IMPORT_FIELDS: FieldSpec[] = [
  { key: 'fullName', label: 'Họ và tên', synonyms: ['họ tên', 'tên đoàn viên', 'họ tên đoàn viên', 'họ và tên đoàn viên'], required: true },
  { key: 'gender', label: 'Giới tính', synonyms: ['nam/nữ', 'nam nữ', 'giới'], required: true },
  { key: 'birthDate', label: 'Ngày sinh', synonyms: ['ngày tháng năm sinh', 'sinh ngày', 'ngày, tháng, năm sinh'], required: true },
  {
    key: 'cccd',
    label: 'Số CCCD',
    synonyms: ['cccd', 'cmnd/cccd', 'số cmnd/cccd', 'số định danh cá nhân', 'số định danh', 'căn cước công dân', 'số căn cước', 'số cmnd'],
    required: true,
  },
  { key: 'phone', label: 'Số điện thoại', synonyms: ['điện thoại', 'sđt', 'số đt', 'di động', 'điện thoại di động'] },
  { key: 'ethnicity', label: 'Dân tộc', synonyms: [] },
  { key: 'cardNumber', label: 'Số thẻ đoàn viên', synonyms: ['số thẻ', 'mã thẻ', 'thẻ đoàn viên', 'số thẻ đv'] },
  {
    key: 'joinedOn',
    label: 'Ngày vào Công đoàn',
    synonyms: ['ngày kết nạp', 'ngày vào cđ', 'ngày gia nhập', 'ngày vào công đoàn', 'ngày kết nạp đoàn viên'],
    required: true,
  },
  { key: 'cdcsCode', label: 'Mã CĐCS', synonyms: ['mã công đoàn cơ sở', 'mã đơn vị', 'mã cđcs'] },
];

export const MEMBER_FIELD_TITLE: Record<string, string> = Object.fromEntries(MEMBER_IMPORT_FIELDS.map((f) => [f.key, f.label]));
