// Refusals of the collective agreements registry.
import { AppError, type ErrorIssue } from '../../domain/errors/app-error.ts';

export const agreementErrors = {
  notFound: () => new AppError('AGREEMENT_NOT_FOUND', 'not_found', 'Không tìm thấy thỏa ước lao động tập thể.'),
  invalid: (message: string, issues: ErrorIssue[]) => new AppError('AGREEMENT_INVALID', 'bad_request', message, issues),
  endedOutsideTerm: () =>
    new AppError('AGREEMENT_INVALID', 'bad_request', 'Ngày chấm dứt phải nằm trong thời hạn của thỏa ước.', [
      { path: 'endedOn', message: 'Ngày chấm dứt phải nằm trong thời hạn của thỏa ước.' },
    ]),
  afterIdWithSort: () =>
    new AppError('CURSOR_INVALID', 'bad_request', 'afterId chỉ dùng với thứ tự mặc định; hãy dùng after (nextCursor).'),
  employerUnknown: () => new AppError('EMPLOYER_UNKNOWN', 'bad_request', 'Không tìm thấy đơn vị sử dụng lao động đã chọn.'),
  renewalTooEarly: () =>
    new AppError('RENEWAL_TOO_EARLY', 'bad_request', 'Thỏa ước gia hạn phải có hiệu lực sau ngày có hiệu lực của thỏa ước cũ.'),
  noFile: () => new AppError('FILE_NOT_FOUND', 'not_found', 'Thỏa ước này chưa có tệp đính kèm.'),
};
