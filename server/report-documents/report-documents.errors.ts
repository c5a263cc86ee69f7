// Refusals of the six-month and annual report (báo cáo kết quả thực hiện) as a document.
import { AppError } from '../../domain/errors/app-error.ts';

export const reportDocumentErrors = {
  /** This route's own sentence: the report names a unit the caller picked from their tree. */
  unitNotFound: () => new AppError('UNIT_NOT_FOUND', 'not_found', 'Không tìm thấy đơn vị.'),
  documentNotFound: () =>
    new AppError('DOCUMENT_NOT_FOUND', 'not_found', 'Không tìm thấy văn bản (chương trình, kế hoạch) áp dụng cho đơn vị này.'),
  documentNotConfirmed: () =>
    new AppError(
      'DOCUMENT_NOT_CONFIRMED',
      'conflict',
      'Văn bản này đang chờ rà soát chỉ tiêu; hãy xác nhận chỉ tiêu trước khi lập báo cáo.',
    ),
  /** `periodLabel` and the dates as the report writes them ("6 tháng đầu năm 2026", "01/01/2026"). */
  periodNotStarted: (periodLabel: string, startLabel: string, reportDateLabel: string) =>
    new AppError(
      'PERIOD_NOT_STARTED',
      'bad_request',
      `Kỳ ${periodLabel.toLocaleLowerCase('vi-VN')} bắt đầu từ ${startLabel}, chưa thể lập báo cáo vào ngày ${reportDateLabel}.`,
    ),
  periodUnreadable: (code: string) =>
    new AppError(
      'PERIOD_INVALID',
      'bad_request',
      'Kỳ báo cáo "' + code + '" không hợp lệ. Dùng dạng 2026 (cả năm), 2026-H1 (6 tháng đầu năm) hoặc 2026-H2 (6 tháng cuối năm).',
    ),
  periodNotHalfOrYear: (code: string) =>
    new AppError(
      'PERIOD_INVALID',
      'bad_request',
      `Báo cáo kết quả được lập theo 6 tháng hoặc theo năm, không theo kỳ "${code}". Dùng dạng 2026, 2026-H1 hoặc 2026-H2.`,
    ),
};
