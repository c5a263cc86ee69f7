// Refusals of a target set by hand (POST /api/targets): where it may sit and what it needs.
import { badRequest } from '../../domain/errors/app-error.ts';

export const progressErrors = {
  unitOutsideDocument: () =>
    badRequest('TARGET_UNIT_OUTSIDE_DOCUMENT', 'Văn bản chỉ đặt chỉ tiêu cho đơn vị ban hành và các đơn vị trực thuộc.', [
      { path: 'unitId', message: 'Đơn vị không thuộc đơn vị ban hành văn bản.' },
    ]),
  parentNotAbove: () =>
    badRequest('PARENT_TARGET_NOT_ABOVE', 'Chỉ tiêu cấp trên phải là chỉ tiêu của một đơn vị cấp trên của đơn vị nhận chỉ tiêu.', [
      { path: 'parentTargetId', message: 'Chỉ tiêu cấp trên không thuộc đơn vị cấp trên.' },
    ]),
  baselineIncomplete: () =>
    badRequest('BASELINE_INCOMPLETE', 'Số liệu gốc cần cả giá trị và ngày.', [
      { path: 'baselineDate', message: 'Cần cả giá trị và ngày.' },
    ]),
};
