// Refusals of the measures module (data elements and indicators the unions define).
import { AppError } from '../../domain/errors/app-error.ts';
import type { UsageRef } from './measures.repository.ts';

export const measureErrors = {
  elementNotFound: () => new AppError('ELEMENT_NOT_FOUND', 'not_found', 'Không tìm thấy thành phần số liệu.'),
  indicatorNotFound: () => new AppError('INDICATOR_NOT_FOUND', 'not_found', 'Không tìm thấy chỉ số.'),
  notEditable: () =>
    new AppError(
      'MEASURE_NOT_EDITABLE',
      'forbidden',
      'Bạn chỉ sửa được thành phần số liệu, chỉ số của đơn vị mình và cấp dưới; danh mục chung do cấp cao nhất quản lý.',
    ),
  inUse: (what: string, usedBy: UsageRef[]) =>
    new AppError(
      'MEASURE_IN_USE',
      'conflict',
      `${what} đang được dùng ở ${usedBy.length} nơi: ${usedBy
        .slice(0, 5)
        .map((u) => u.label)
        .join('; ')}${usedBy.length > 5 ? '; …' : ''}.`,
      [],
      { usedBy },
    ),
  invalid: (message: string, problems: unknown[]) => new AppError('MEASURE_INVALID', 'bad_request', message, [], { problems }),
  nameRequired: () => new AppError('MEASURE_NAME_REQUIRED', 'bad_request', 'Hãy nhập tên.'),
  codeInvalid: () =>
    new AppError(
      'MEASURE_CODE_INVALID',
      'bad_request',
      'Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ, tối đa 64 ký tự.',
    ),
  codeTaken: (code: string) => new AppError('MEASURE_CODE_TAKEN', 'conflict', `Mã "${code}" đã có trong danh mục: chọn mã khác.`),
  codeRequired: () => new AppError('MEASURE_CODE_REQUIRED', 'conflict', 'Không tạo được mã tự động từ tên này: hãy nhập mã.'),
  nameTaken: (what: string, name: string, code: string) =>
    new AppError('MEASURE_NAME_TAKEN', 'conflict', `Đã có ${what} «${name}» (mã ${code}): hãy dùng nó, hoặc đặt tên khác.`),
  builtinMeaning: () =>
    new AppError('MEASURE_BUILTIN_MEANING', 'conflict', 'Thành phần có sẵn được đếm theo cách cố định: chỉ đổi được tên và mô tả.'),
};
