// Refusals of /metrics: a scraper without the token, or from another machine when there is none.
import { AppError } from '../../domain/errors/app-error.ts';

export const metricsErrors = {
  tokenRequired: () =>
    new AppError(
      'METRICS_TOKEN_REQUIRED',
      'unauthenticated',
      'Cần khóa METRICS_TOKEN hợp lệ (tiêu đề Authorization: Bearer …) để đọc số đo.',
    ),
  localOnly: () =>
    new AppError('METRICS_LOCAL_ONLY', 'forbidden', 'Chưa cấu hình METRICS_TOKEN: số đo chỉ đọc được từ chính máy chủ (127.0.0.1).'),
};
