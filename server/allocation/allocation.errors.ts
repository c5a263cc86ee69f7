// Refusals of giao chỉ tiêu: sharing a target out to the units directly below.
import { AppError, type ErrorIssue } from '../../domain/errors/app-error.ts';

export const allocationErrors = {
  targetClosed: () =>
    new AppError('TARGET_CLOSED', 'conflict', 'Chỉ tiêu này đã đóng (rút hoặc chuyển cho đơn vị kế thừa); không giao tiếp được.'),
  /** `message` is every problem's sentence in turn; `issues` point each at its share. */
  invalid: (message: string, issues: ErrorIssue[]) => new AppError('ALLOCATION_INVALID', 'bad_request', message, issues),
  /** `issues` one per problem, at its row of the file. */
  fileInvalid: (issues: ErrorIssue[]) =>
    new AppError('ALLOCATION_FILE_INVALID', 'bad_request', `Tệp giao chỉ tiêu có ${issues.length} lỗi; chưa giao chỉ tiêu nào.`, issues),
};
