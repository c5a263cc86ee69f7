// Generated member registries for the memory test and the benchmark script.
import type { TableColumn } from './table-writer.ts';

export const MEMBER_COLUMNS: TableColumn[] = [
  { key: 'stt', title: 'STT', type: 'integer', width: 8 },
  { key: 'name', title: 'Họ và tên', width: 28 },
  { key: 'gender', title: 'Giới tính' },
  { key: 'birth', title: 'Ngày sinh', type: 'date' },
  { key: 'cccd', title: 'Số CCCD', width: 16 },
  { key: 'phone', title: 'Điện thoại' },
  { key: 'ethnicity', title: 'Dân tộc' },
  { key: 'unit', title: 'CĐCS', width: 30 },
  { key: 'joined', title: 'Ngày vào Công đoàn', type: 'date' },
  { key: 'card', title: 'Số thẻ đoàn viên' },
  { key: 'address', title: 'Địa chỉ', width: 40 },
  { key: 'note', title: 'Ghi chú' },
];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];

export function* memberRecords(count: number): Generator<Record<string, unknown>> {
  for (let i = 1; i <= count; i++) {
    yield {
      stt: i,
      name: `${FAMILY[i % 8]} Thị Ánh ${i}`,
      gender: i % 2 ? 'Nam' : 'Nữ',
      birth: `${1965 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      cccd: String(1_000_000 + i).padStart(12, '0'),
      phone: '09' + String(i).padStart(8, '0'),
      ethnicity: 'Kinh',
      unit: `CĐCS Công ty TNHH số ${i % 700}`,
      joined: `${2000 + (i % 24)}-0${1 + (i % 9)}-15`,
      card: `TD${String(i).padStart(9, '0')}`,
      address: `Số ${i} đường Lê Lợi, phường Bến Thành, TP. Hồ Chí Minh`,
      note: i % 10 === 0 ? 'Chuyển đến' : null,
    };
  }
}
