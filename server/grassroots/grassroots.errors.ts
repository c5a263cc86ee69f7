// Refusals of the CĐCS profile (see server/http/common.errors.ts for the shared ones).
import { AppError } from '../../domain/errors/app-error.ts';

export const grassrootsErrors = {
  notFound: () => new AppError('CDCS_NOT_FOUND', 'not_found', 'Không tìm thấy công đoàn cơ sở.'),
  dissolvedInFuture: () => new AppError('DATE_IN_FUTURE', 'bad_request', 'Ngày giải thể không được ở tương lai.'),
  hasMembers: (count: number) =>
    new AppError(
      'CDCS_HAS_MEMBERS',
      'bad_request',
      `Công đoàn cơ sở còn ${count} đoàn viên đang sinh hoạt: hãy chuyển sinh hoạt hoặc ghi nhận ra khỏi tổ chức trước khi giải thể.`,
    ),
};
