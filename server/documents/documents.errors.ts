// Refusals of the documents module: uploads, reviews, links and the metadata an officer types.
import { AppError, type ErrorIssue } from '../../domain/errors/app-error.ts';

export const documentErrors = {
  notFound: () => new AppError('DOCUMENT_NOT_FOUND', 'not_found', 'Không tìm thấy văn bản.'),
  /** The intake's own refusal (unreadable, too large, …), under its code prefixed DOCUMENT_. */
  intake: (code: string, message: string) => new AppError(`DOCUMENT_${code}`, code === 'TOO_LARGE' ? 'too_large' : 'bad_request', message),
  reviewVersionConflict: (who: string, when: string) =>
    new AppError(
      'REVIEW_VERSION_CONFLICT',
      'conflict',
      `Bản rà soát vừa được ${who} lưu${when}. Thay đổi của bạn chưa được lưu để không ghi đè lên họ: hãy tải lại bản rà soát rồi làm tiếp.`,
    ),
  targetsIncomplete: (issues: ErrorIssue[]) =>
    new AppError('TARGETS_INCOMPLETE', 'bad_request', issues.map((i) => i.message).join(' '), issues),
  alreadyConfirmed: () =>
    new AppError(
      'DOCUMENT_ALREADY_CONFIRMED',
      'conflict',
      'Văn bản này đã được lưu cùng các chỉ tiêu (không còn là bản rà soát): hãy thêm hoặc sửa chỉ tiêu ở danh sách văn bản.',
    ),
  noFile: () => new AppError('DOCUMENT_FILE_NOT_FOUND', 'not_found', 'Văn bản này được nhập bằng tay, không có tệp đính kèm.'),
  linkToSelf: () => new AppError('LINK_TO_SELF', 'bad_request', 'Một văn bản không thể thực hiện chính nó.'),
  linkNotFound: () => new AppError('LINK_NOT_FOUND', 'not_found', 'Không tìm thấy liên kết (văn bản dẫn chiếu) này.'),
  titleMissing: () =>
    new AppError('TITLE_MISSING', 'bad_request', 'Hãy nhập trích yếu (tên) của văn bản.', [
      { path: 'metadata.title', message: 'Cần trích yếu.' },
    ]),
  termInvalid: (from: number, to: number) =>
    new AppError('TERM_INVALID', 'bad_request', `Nhiệm kỳ ${from}–${to} không hợp lệ: năm kết thúc trước năm bắt đầu.`, [
      { path: 'metadata.termTo', message: 'Năm kết thúc trước năm bắt đầu.' },
    ]),
  duplicateFile: (name: string, issuer: string, state: string, details: Record<string, unknown>) =>
    new AppError(
      'DOCUMENT_DUPLICATE',
      'conflict',
      `Tệp này đã được tải lên: ${name} (${issuer}, ${state}). Hãy mở văn bản đã có thay vì tạo một bản trùng.`,
      [],
      details,
    ),
  sameSymbol: (issuer: string, symbol: string, date: string, title: string, state: string, details: Record<string, unknown>) =>
    new AppError(
      'DOCUMENT_SAME_SYMBOL',
      'conflict',
      `${issuer} đã có văn bản số ${symbol}${date}: ${title} (${state}). Nếu là cùng văn bản, hãy mở văn bản đã có; nếu là văn bản khác trùng số ký hiệu, bạn vẫn có thể tải lên.`,
      [],
      details,
    ),
};
