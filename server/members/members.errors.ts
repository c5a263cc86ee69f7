// Refusals of the member registry (see server/http/common.errors.ts for the shared ones).
import { AppError, type ErrorIssue } from '../../domain/errors/app-error.ts';

export const memberErrors = {
  notFound: () => new AppError('MEMBER_NOT_FOUND', 'not_found', 'Không tìm thấy đoàn viên.'),
  /** The CĐCS a member is placed in (the registry's own sentence, naming a CĐCS). */
  grassrootsNotFound: () =>
    new AppError('UNIT_NOT_FOUND', 'not_found', 'Không tìm thấy công đoàn cơ sở (hoặc nằm ngoài phạm vi quản lý của bạn).'),
  notGrassroots: (name: string) =>
    new AppError('NOT_GRASSROOTS', 'bad_request', `"${name}" không phải là công đoàn cơ sở: đoàn viên chỉ sinh hoạt tại công đoàn cơ sở.`),
  /** `message` joins the issues' sentences, each after its field's label. */
  invalid: (message: string, issues: ErrorIssue[]) => new AppError('MEMBER_INVALID', 'bad_request', message, issues),
  cccdExistsOnCreate: () =>
    new AppError(
      'CCCD_EXISTS',
      'conflict',
      'Số CCCD này đã có trong sổ đoàn viên. Nếu người này chuyển sinh hoạt, hãy dùng chức năng chuyển sinh hoạt tại công đoàn cơ sở đang quản lý.',
    ),
  cccdExistsOnUpdate: () =>
    new AppError('CCCD_EXISTS', 'conflict', 'Số CCCD này đã thuộc một hồ sơ đoàn viên khác. Nếu là cùng một người, hãy gộp hai hồ sơ.'),
  transferInFuture: () => new AppError('DATE_IN_FUTURE', 'bad_request', 'Ngày chuyển sinh hoạt không được ở tương lai.'),
  leaveInFuture: () => new AppError('DATE_IN_FUTURE', 'bad_request', 'Ngày ra khỏi tổ chức không được ở tương lai.'),
  notActiveToTransfer: () => new AppError('MEMBER_NOT_ACTIVE', 'bad_request', 'Đoàn viên này không còn sinh hoạt nên không thể chuyển.'),
  notActive: () => new AppError('MEMBER_NOT_ACTIVE', 'bad_request', 'Đoàn viên này đã không còn sinh hoạt.'),
  sameUnit: () => new AppError('SAME_UNIT', 'bad_request', 'Đoàn viên đang sinh hoạt tại chính công đoàn cơ sở này.'),
  transferBeforeMembership: (validFrom: string) =>
    new AppError('DATE_BEFORE_MEMBERSHIP', 'bad_request', `Ngày chuyển phải sau ngày bắt đầu sinh hoạt hiện tại (${validFrom}).`),
  leaveBeforeMembership: (validFrom: string) =>
    new AppError('DATE_BEFORE_MEMBERSHIP', 'bad_request', `Ngày ra khỏi tổ chức phải sau ngày bắt đầu sinh hoạt (${validFrom}).`),
  mergeSame: () => new AppError('MERGE_SAME', 'bad_request', 'Hãy chọn hai hồ sơ khác nhau để gộp.'),
  alreadyMerged: () => new AppError('ALREADY_MERGED', 'bad_request', 'Hồ sơ này đã được gộp trước đó.'),
  searchTooBroad: () =>
    new AppError(
      'SEARCH_TOO_BROAD',
      'bad_request',
      'Các từ tìm kiếm quá phổ biến trong phạm vi này nên chưa thể liệt kê hết kịp thời. Hãy gõ họ và tên theo đúng thứ tự (ví dụ "Nguyễn Văn An"), thêm từ, hoặc chọn một đơn vị nhỏ hơn.',
    ),
};
