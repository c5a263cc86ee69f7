// Refusals of the targets module: corrections, withdrawals and their dates.
import { AppError } from '../../domain/errors/app-error.ts';
import { formatVietnameseDate } from '../../domain/time/calendar-date.ts';

export const targetErrors = {
  notFound: () => new AppError('TARGET_NOT_FOUND', 'not_found', 'Không tìm thấy chỉ tiêu.'),
  reasonRequired: () =>
    new AppError('REASON_REQUIRED', 'bad_request', 'Cần ghi lý do thay đổi chỉ tiêu.', [{ path: 'reason', message: 'Hãy ghi lý do.' }]),
  effectiveInFuture: (today: string, field: string) =>
    new AppError('EFFECTIVE_DATE_IN_FUTURE', 'bad_request', `Ngày hiệu lực không được sau hôm nay (${formatVietnameseDate(today)}).`, [
      { path: field, message: 'Ngày hiệu lực không được sau hôm nay.' },
    ]),
  withdrawn: (closedOn: string, reason: string | null) =>
    new AppError(
      'TARGET_WITHDRAWN',
      'conflict',
      `Chỉ tiêu đã được rút (hoặc đã đóng) từ ngày ${formatVietnameseDate(closedOn)}: ${reason ?? ''}. Không sửa hay rút lại được nữa.`,
    ),
  beforeLastChange: (revisedFrom: string, field: string) => {
    const when = formatVietnameseDate(revisedFrom);
    return new AppError(
      'EFFECTIVE_DATE_BEFORE_LAST_CHANGE',
      'bad_request',
      `Ngày hiệu lực phải từ ngày ${when} (ngày có hiệu lực của lần sửa gần nhất) trở đi.`,
      [{ path: field, message: `Chọn ngày từ ${when} trở đi.` }],
    );
  },
  indicatorUnknown: (code: string) =>
    new AppError('INDICATOR_UNKNOWN', 'bad_request', `Không có chỉ số "${code}" trong danh mục.`, [
      { path: 'indicatorCode', message: 'Chỉ số không có trong danh mục.' },
    ]),
  timingConflict: () =>
    new AppError('TIMING_CONFLICT', 'bad_request', 'Chỉ tiêu hoặc có năm hoàn thành, hoặc là chỉ tiêu hằng năm, không thể cả hai.', [
      { path: 'deadlineYear', message: 'Bỏ năm hoàn thành hoặc bỏ "hằng năm".' },
    ]),
  timingMissing: () =>
    new AppError('TIMING_MISSING', 'bad_request', 'Chỉ tiêu cần có năm hoàn thành, hoặc là chỉ tiêu hằng năm.', [
      { path: 'deadlineYear', message: 'Cần năm hoàn thành hoặc chọn "hằng năm".' },
    ]),
  percentOutOfRange: () =>
    new AppError('PERCENT_OUT_OF_RANGE', 'bad_request', 'Chỉ tiêu tỷ lệ phải từ 0 đến 100%.', [
      { path: 'value', message: 'Tỷ lệ phải từ 0 đến 100%.' },
    ]),
  versionConflict: (current: number) =>
    new AppError(
      'TARGET_VERSION_CONFLICT',
      'conflict',
      `Chỉ tiêu vừa được sửa (nay là phiên bản ${current}). Hãy mở lại và sửa trên phiên bản mới nhất.`,
    ),
  noChanges: () => new AppError('NO_CHANGES', 'bad_request', 'Không có thay đổi nào so với chỉ tiêu hiện hành.'),
};
