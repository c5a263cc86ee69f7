// Refusals of a stored file judged by its bytes (file-content.ts). `what` names the file as the
// screen does ("Tệp kế hoạch", "Tệp thỏa ước"…).
import { AppError } from '../../domain/errors/app-error.ts';

export const fileErrors = {
  empty: (what: string) => new AppError('FILE_EMPTY', 'bad_request', `${what} rỗng (0 byte).`),
  /** `expected` lists the accepted kinds; `sent` says what the bytes are, when recognised (or is empty). */
  wrongType: (what: string, expected: string, sent: string) =>
    new AppError(
      'FILE_TYPE',
      'bad_request',
      `${what} phải là tệp ${expected}${sent}; hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp.`,
    ),
  bomb: (what: string) =>
    new AppError('FILE_BOMB', 'too_large', `${what} khi giải nén vượt quá giới hạn cho phép (nghi là "zip bomb"); hệ thống từ chối lưu.`),
  corrupt: (what: string, format: string) =>
    new AppError(
      'FILE_CORRUPT',
      'bad_request',
      `${what} bị hỏng hoặc không đúng định dạng ${format}; hãy mở và lưu lại tệp rồi tải lên lại.`,
    ),
};
