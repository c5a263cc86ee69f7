import type { Random } from './random.ts';

/** Family names with their rough frequency in Vietnam (Nguyễn alone is about 38%). */
const FAMILY: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5.1], ['Huỳnh', 4], ['Phan', 4.5], ['Vũ', 3.9], ['Võ', 3.5],
  ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Trương', 0.8], ['Đinh', 0.6],
  ['Lâm', 0.5], ['Mai', 0.4], ['Tô', 0.3], ['Châu', 0.3], ['Thái', 0.3], ['Lương', 0.4],
];
const MALE_MIDDLE = ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Ngọc', 'Hoàng', 'Xuân', 'Trọng', 'Thành'];
const FEMALE_MIDDLE = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Hồng', 'Bích', 'Phương', 'Diệu', 'Hoài'];
const MALE_GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Đức', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khang', 'Khoa', 'Long', 'Lộc', 'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thịnh', 'Tiến', 'Toàn', 'Trung', 'Tuấn', 'Việt', 'Vinh', 'Vũ'];
const FEMALE_GIVEN = ['Anh', 'Ánh', 'Châu', 'Chi', 'Diệp', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hồng', 'Hương', 'Huyền', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Thảo', 'Thu', 'Thủy', 'Trang', 'Tuyết', 'Vân', 'Yến'];

export function personName(rng: Random, gender: 'male' | 'female'): string {
  const family = rng.weighted(FAMILY);
  const middle = rng.pick(gender === 'male' ? MALE_MIDDLE : FEMALE_MIDDLE);
  const given = rng.pick(gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
  return `${family} ${middle} ${given}`;
}

export const ETHNICITIES: readonly (readonly [string, number])[] = [['Kinh', 93], ['Khmer', 3], ['Hoa', 2], ['Chăm', 1], ['Tày', 0.5], ['Nùng', 0.5]];
