import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { composeCccd } from '../../domain/registry/identity-codes.ts';
import { writeTable } from '../../server/tabular/table-writer.ts';

export const MEMBER_FILE_COLUMNS = [
  { key: 'stt', title: 'STT' },
  { key: 'fullName', title: 'Họ và tên' },
  { key: 'gender', title: 'Giới tính' },
  { key: 'birthDate', title: 'Ngày sinh' },
  { key: 'cccd', title: 'Số CCCD' },
  { key: 'phone', title: 'Số điện thoại' },
  { key: 'joinedOn', title: 'Ngày vào Công đoàn' },
  { key: 'cdcsCode', title: 'Mã CĐCS' },
];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Võ', 'Đặng', 'Bùi'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Đức', 'Thu'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dung',
  'Giang',
  'Hà',
  'Khánh',
  'Lan',
  'Minh',
  'Nam',
  'Oanh',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Uyên',
  'Vinh',
  'Yến',
];

export interface MemberFileRow {
  [key: string]: string | number | null;
}

/** `count` valid member rows spread over the given CĐCS codes; deterministic for a serial offset. */
export function validMemberRows(count: number, cdcsCodes: string[], serialOffset = 0): MemberFileRow[] {
  const rows: MemberFileRow[] = [];
  for (let i = 0; i < count; i++) {
    const n = serialOffset + i;
    const gender = n % 3 === 0 ? 'male' : 'female';
    const year = 1965 + (n % 40);
    rows.push({
      stt: i + 1,
      fullName: `${FAMILY[n % FAMILY.length]} ${MIDDLE[(n >> 3) % MIDDLE.length]} ${GIVEN[(n >> 5) % GIVEN.length]}`,
      gender: gender === 'male' ? 'Nam' : 'Nữ',
      birthDate: `${String(1 + (n % 28)).padStart(2, '0')}/${String(1 + (n % 12)).padStart(2, '0')}/${year}`,
      cccd: composeCccd(n % 2 ? '072' : '080', gender, year, 100000 + n),
      phone: `09${String(10000000 + n).slice(-8)}`,
      joinedOn: `15/0${1 + (n % 9)}/${Math.max(year + 18, 2005 + (n % 18))}`,
      cdcsCode: cdcsCodes[n % cdcsCodes.length]!,
    });
  }
  return rows;
}

export async function writeMemberFile(
  rows: MemberFileRow[],
  format: 'xlsx' | 'csv' = 'xlsx',
  columns = MEMBER_FILE_COLUMNS,
): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-members-'));
  const file = path.join(dir, `doan-vien.${format}`);
  const out = fs.createWriteStream(file);
  const done = finished(out);
  await writeTable(out, { format, sheetName: 'Danh sách', columns, rows });
  if (!out.writableEnded) out.end(); // the XLSX writer ends its stream itself, the CSV writer does not
  await done;
  return file;
}
