// Every refusal of the tabular module, with a stable English code and the Vietnamese sentence
// the user reads. Kept in one place so the messages stay consistent across readers.
import { AppError } from '../../domain/errors/app-error.ts';

export const tableErrors = {
  notSpreadsheet: () => new AppError('TABLE_NOT_SPREADSHEET', 'bad_request', 'Tệp không phải bảng tính Excel (.xlsx) hoặc CSV hợp lệ.'),
  legacyXls: () =>
    new AppError(
      'TABLE_LEGACY_XLS',
      'bad_request',
      'Tệp là bảng tính Excel cũ (.xls), hệ thống không đọc được. Hãy mở tệp bằng Excel và chọn "Lưu thành" định dạng .xlsx rồi tải lên lại.',
    ),
  empty: () => new AppError('TABLE_EMPTY', 'bad_request', 'Tệp rỗng, không có dữ liệu.'),
  encoding: () =>
    new AppError(
      'TABLE_ENCODING',
      'bad_request',
      'Tệp CSV không dùng bảng mã UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI). Hãy mở bằng Excel và lưu lại dạng "CSV UTF-8".',
    ),
  tooLarge: (what: string) => new AppError('TABLE_TOO_LARGE', 'too_large', `Tệp quá lớn: ${what} vượt giới hạn cho phép.`),
  tooManyRows: (limit: number) =>
    new AppError('TABLE_TOO_MANY_ROWS', 'too_large', `Bảng có nhiều hơn ${limit.toLocaleString('vi-VN')} dòng, vượt giới hạn cho phép.`),
  rowTooLarge: (rowNumber: number) => new AppError('TABLE_ROW_TOO_LARGE', 'too_large', `Dòng ${rowNumber} quá lớn, không thể đọc.`),
  corrupt: (detail: string) => new AppError('TABLE_CORRUPT', 'bad_request', `Tệp Excel bị hỏng hoặc không đúng cấu trúc (${detail}).`),
  sheetNotFound: (name: string) => new AppError('TABLE_SHEET_NOT_FOUND', 'bad_request', `Không tìm thấy trang tính "${name}" trong tệp.`),
  unknownField: (key: string) =>
    new AppError('TABLE_MAPPING_UNKNOWN_FIELD', 'bad_request', `Trường "${key}" không có trong danh sách cột cần nhập.`),
  badColumn: (index: number) => new AppError('TABLE_MAPPING_BAD_COLUMN', 'bad_request', `Cột số ${index + 1} không có trong tệp.`),
};
