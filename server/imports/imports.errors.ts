// Refusals of the registry imports (see server/http/common.errors.ts for the shared ones).
import { AppError, type ErrorIssue } from '../../domain/errors/app-error.ts';

export const importErrors = {
  notFound: () => new AppError('IMPORT_NOT_FOUND', 'not_found', 'Không tìm thấy lượt nhập dữ liệu.'),
  /** The unit the rows go to (the import's own sentence: "receiving" unit). */
  scopeUnitNotFound: () => new AppError('UNIT_NOT_FOUND', 'not_found', 'Không tìm thấy đơn vị nhận dữ liệu.'),
  fileTooLarge: () => new AppError('FILE_TOO_LARGE', 'too_large', 'Tệp vượt quá dung lượng cho phép (200 MB).'),
  mappingInvalid: () => new AppError('MAPPING_INVALID', 'bad_request', 'Cách ghép cột gửi lên không đọc được.'),
  /** `issues` list the file's columns (path `column:<index>`, message its title), for the mapping step. */
  headerNotFound: (required: string, issues: ErrorIssue[]) =>
    new AppError(
      'IMPORT_COLUMNS_MISSING',
      'bad_request',
      `Không nhận ra dòng tiêu đề của danh sách. Dòng tiêu đề cần có các cột ${required}.`,
      issues,
    ),
  columnsMissing: (missing: string, issues: ErrorIssue[]) =>
    new AppError(
      'IMPORT_COLUMNS_MISSING',
      'bad_request',
      `Tệp thiếu cột bắt buộc: ${missing}. Hãy thêm cột, hoặc chọn cột tương ứng ở bước ghép cột.`,
      issues,
    ),
};
