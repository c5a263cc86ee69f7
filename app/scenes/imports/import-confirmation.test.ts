import { describe, expect, it } from 'vitest';
import { importConfirmation } from './import-confirmation.ts';

describe('importConfirmation', () => {
  it('names the count written, the file, the list and the unit, and the rows left out', () => {
    const { title, content } = importConfirmation({
      dryRun: { fileName: 'doan-vien.xlsx', rowsRead: 1246, inserted: 1200, updated: 34, unchanged: 0, rejected: 12 },
      noun: 'đoàn viên',
      listName: 'sổ đoàn viên',
      unitName: 'Công đoàn cơ sở Công ty TNHH Dệt Gia Lộc',
    });
    expect(title).toBe(
      'Nhập chính thức 1.234 đoàn viên từ tệp doan-vien.xlsx vào sổ đoàn viên của Công đoàn cơ sở Công ty TNHH Dệt Gia Lộc?',
    );
    expect(content).toBe(
      'Theo kết quả chạy thử: thêm mới 1.200, cập nhật 34, giữ nguyên 0. 34 bản ghi đã có sẽ được thay bằng thông tin trong tệp. ' +
        '12 dòng bị từ chối sẽ không được nhập; tải các dòng này về để sửa rồi nhập lại. Dữ liệu được ghi ngay vào sổ đoàn viên.',
    );
  });

  it('says nothing of updates or rejections when there are none', () => {
    const { content } = importConfirmation({
      dryRun: { fileName: 'cdcs.csv', rowsRead: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 },
      noun: 'công đoàn cơ sở',
      listName: 'danh sách công đoàn cơ sở',
      unitName: 'Công đoàn phường Trảng Bàng',
    });
    expect(content).toBe(
      'Theo kết quả chạy thử: thêm mới 3, cập nhật 0, giữ nguyên 0. Dữ liệu được ghi ngay vào danh sách công đoàn cơ sở.',
    );
  });
});
