// Refusals of the organisation tree module (see server/http/common.errors.ts for the shared ones).
import { AppError } from '../../domain/errors/app-error.ts';

export const orgErrors = {
  searchTooShort: () => new AppError('SEARCH_TOO_SHORT', 'bad_request', 'Từ khóa tìm kiếm cần ít nhất 2 ký tự.'),
  successorRequired: () => new AppError('SUCCESSOR_REQUIRED', 'bad_request', 'Gộp chỉ tiêu cần nêu đơn vị kế thừa.'),
  reasonRequired: () => new AppError('REASON_REQUIRED', 'bad_request', 'Đóng chỉ tiêu cần ghi lý do.'),
};
