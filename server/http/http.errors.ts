// Refusals of the HTTP layer itself: a request the framework could not take (error-handler.ts),
// an upload that is not a whole file (file-upload.ts), an id in a body outside the caller's
// subtree (body-references.ts). The refusals every module gives alike are in common.errors.ts.
import { AppError, type ErrorIssue } from '../../domain/errors/app-error.ts';

function formatMegabytes(bytes: number): string {
  const mb = bytes / 1048576;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} MB`;
}

/** A referenced record that is not there or not the caller's, naming the body field. */
const notFoundAt = (code: string, message: string, path: string) => new AppError(code, 'not_found', message, [{ path, message }]);

export const httpErrors = {
  validationFailed: (issues: ErrorIssue[]) =>
    new AppError('VALIDATION_FAILED', 'bad_request', issues.map((i) => i.message).join(' '), issues),
  payloadTooLarge: () => new AppError('PAYLOAD_TOO_LARGE', 'too_large', 'Dữ liệu gửi lên vượt quá dung lượng cho phép.'),
  unsupportedMediaType: () => new AppError('UNSUPPORTED_MEDIA_TYPE', 'bad_request', 'Kiểu dữ liệu gửi lên không được hỗ trợ.'),
  malformedJson: () => new AppError('MALFORMED_JSON', 'bad_request', 'Dữ liệu JSON gửi lên không đọc được.'),
  /** PostgreSQL refused a value (class 22); the value is not echoed. */
  valueOutOfRange: () =>
    new AppError(
      'VALUE_OUT_OF_RANGE',
      'bad_request',
      'Giá trị gửi lên không hợp lệ hoặc vượt quá giới hạn cho phép (ví dụ số quá lớn, ngày không tồn tại).',
    ),
  rateLimited: () => new AppError('RATE_LIMITED', 'rate_limited', 'Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.'),
  badRequest: () => new AppError('BAD_REQUEST', 'bad_request', 'Yêu cầu không hợp lệ.'),
  internal: () => new AppError('INTERNAL', 'internal', 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo quản trị viên.'),

  /** `what` names the file ("Tệp kế hoạch", "Tệp thỏa ước"…). */
  fileTooLarge: (max: number, what = 'Tệp') =>
    new AppError(
      'FILE_TOO_LARGE',
      'too_large',
      `${what} vượt quá ${formatMegabytes(max)} (giới hạn cho phép); hệ thống không nhận tệp này và không lưu một phần nào của tệp. Hãy tải lên tệp nhỏ hơn.`,
    ),
  multipartRequired: () => new AppError('MULTIPART_REQUIRED', 'bad_request', 'Hãy gửi tệp dưới dạng multipart/form-data (trường "file").'),
  fileMissing: (message = 'Chưa chọn tệp.') => new AppError('FILE_MISSING', 'bad_request', message),

  /** Ids in a request body (body-references.ts): the same 404 as reading the record. */
  unitReferenceNotFound: (path: string) =>
    notFoundAt('UNIT_NOT_FOUND', 'Không tìm thấy đơn vị (hoặc đơn vị nằm ngoài phạm vi quản lý của bạn).', path),
  employerReferenceNotFound: (path: string) => notFoundAt('EMPLOYER_NOT_FOUND', 'Không tìm thấy đơn vị sử dụng lao động.', path),
  documentReferenceNotFound: (path: string) => notFoundAt('DOCUMENT_NOT_FOUND', 'Không tìm thấy văn bản.', path),
  targetReferenceNotFound: (path: string) => notFoundAt('TARGET_NOT_FOUND', 'Không tìm thấy chỉ tiêu.', path),
  memberReferenceNotFound: (path: string) => notFoundAt('MEMBER_NOT_FOUND', 'Không tìm thấy đoàn viên.', path),
};
