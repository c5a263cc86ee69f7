// Refusals of periodic reporting: templates and their versions, reports and their workflow, the Excel form.
import { AppError, type ErrorIssue } from '../../domain/errors/app-error.ts';

export const reportingErrors = {
  reportNotFound: () => new AppError('REPORT_NOT_FOUND', 'not_found', 'Không tìm thấy báo cáo.'),
  templateNotFound: (code: string) => new AppError('TEMPLATE_NOT_FOUND', 'not_found', `Không có biểu mẫu "${code}".`),
  templateAdminOnly: () =>
    new AppError(
      'TEMPLATE_ADMIN_ONLY',
      'forbidden',
      'Biểu mẫu dùng chung cho nhiều đơn vị: chỉ quản trị của Tổng Liên đoàn hoặc LĐLĐ tỉnh, thành phố mới sửa được quy tắc.',
    ),
  /** The rules of the template in force, edited by an administrator; `issues` one per problem. */
  rulesInvalid: (issues: ErrorIssue[]) =>
    new AppError('TEMPLATE_INVALID', 'bad_request', `Quy tắc chưa hợp lệ: ${issues[0]!.message}`, issues),
  /** A form version's draft; `problems` as the domain found them (the app marks each field). */
  formInvalid: (issues: ErrorIssue[], problems: unknown[]) =>
    new AppError('TEMPLATE_INVALID', 'bad_request', `Biểu mẫu chưa hợp lệ: ${issues[0]!.message}`, issues, { problems }),
  notForUnit: (templateName: string, unitName: string) =>
    new AppError('TEMPLATE_NOT_FOR_UNIT', 'bad_request', `Biểu mẫu «${templateName}» không dành cho ${unitName}.`),
  /** `message` is the calendar's own sentence on the period code. */
  periodInvalid: (message: string, issues: ErrorIssue[] = []) => new AppError('PERIOD_INVALID', 'bad_request', message, issues),
  periodNotOpen: (periodLabel: string, opensOnLabel: string) =>
    new AppError('PERIOD_NOT_OPEN', 'bad_request', `Kỳ báo cáo ${periodLabel} mở từ ngày ${opensOnLabel}.`),
  ownReview: () =>
    new AppError('REPORT_OWN_REVIEW', 'forbidden', 'Báo cáo của đơn vị mình do cấp trên duyệt: không tự duyệt, trả lại hay mở lại được.'),
  /** `verb` is what the errors block: 'gửi' or 'lưu'. */
  reportInvalid: (issues: ErrorIssue[], verb: string) =>
    new AppError(
      'REPORT_INVALID',
      'bad_request',
      `Báo cáo còn ${issues.length} lỗi cần sửa trước khi ${verb}: ${issues[0]!.message}`,
      issues,
    ),
  warningsUnexplained: (issues: ErrorIssue[]) =>
    new AppError(
      'REPORT_WARNINGS_UNEXPLAINED',
      'bad_request',
      `Có ${issues.length} số liệu biến động bất thường cần giải thích trước khi gửi: ${issues[0]!.message}`,
      issues,
    ),
  versionConflict: (updatedBy: string, time: string) =>
    new AppError(
      'REPORT_VERSION_CONFLICT',
      'conflict',
      `Báo cáo vừa được ${updatedBy} cập nhật lúc ${time}. Thay đổi của bạn chưa được lưu để không ghi đè lên họ: hãy tải lại báo cáo, xem số liệu mới rồi nhập lại.`,
    ),

  // Form versions (issue 19).
  versionNotFound: () => new AppError('TEMPLATE_VERSION_NOT_FOUND', 'not_found', 'Không tìm thấy phiên bản biểu mẫu này.'),
  versionPublished: (version: number) =>
    new AppError(
      'TEMPLATE_VERSION_PUBLISHED',
      'conflict',
      `Phiên bản ${version} đã áp dụng nên không sửa được (các báo cáo dùng nó phải giữ nguyên biểu mẫu): hãy tạo phiên bản mới.`,
    ),
  draftExists: () =>
    new AppError('TEMPLATE_DRAFT_EXISTS', 'conflict', 'Đơn vị đã có một bản nháp của biểu mẫu này: hãy sửa hoặc xóa bản nháp đó trước.'),
  /** `inForceFrom` reads "kỳ 6 tháng đầu năm 2026" or "trước". */
  periodTooEarly: (version: number, inForceFrom: string) =>
    new AppError(
      'TEMPLATE_PERIOD_TOO_EARLY',
      'bad_request',
      `Phiên bản ${version} đã áp dụng từ ${inForceFrom}: chỉ áp dụng phiên bản mới từ kỳ đó trở đi.`,
    ),
  periodHasReports: (count: number, periodLabel: string) =>
    new AppError(
      'TEMPLATE_PERIOD_HAS_REPORTS',
      'conflict',
      `Đã có ${count.toLocaleString('vi-VN')} báo cáo từ kỳ ${periodLabel} trở đi lập theo phiên bản trước: chọn một kỳ sau các kỳ đó.`,
    ),

  // The Excel form, one report's or many at once.
  multipartRequired: () => new AppError('MULTIPART_REQUIRED', 'bad_request', 'Hãy gửi tệp dưới dạng multipart/form-data.'),
  fileTooLarge: () => new AppError('FILE_TOO_LARGE', 'too_large', 'Tệp vượt quá 2 MB: không phải biểu mẫu báo cáo.'),
  fileMissing: () => new AppError('FILE_MISSING', 'bad_request', 'Chưa chọn tệp nào.'),
  /** `message` names what in the file is wrong (its identity sheet, its layout, the unit or period it is for). */
  workbookInvalid: (message: string) => new AppError('WORKBOOK_INVALID', 'bad_request', message),
  workbookOutdated: () =>
    new AppError(
      'WORKBOOK_OUTDATED',
      'bad_request',
      'Báo cáo đã được sửa trên hệ thống sau khi tệp này được tải về: nạp tệp sẽ ghi đè những thay đổi đó. Hãy tải biểu mẫu mới (có số liệu hiện tại) rồi nhập lại.',
    ),
  workbookValuesInvalid: (issues: ErrorIssue[]) =>
    new AppError('WORKBOOK_VALUES_INVALID', 'bad_request', `Tệp có ${issues.length} ô số liệu không hợp lệ: ${issues[0]!.message}`, issues),
};
