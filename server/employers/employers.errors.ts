// Refusals of the employers registry.
import { AppError, type ErrorIssue } from '../../domain/errors/app-error.ts';

export const employerErrors = {
  notFound: () => new AppError('EMPLOYER_NOT_FOUND', 'not_found', 'Không tìm thấy đơn vị sử dụng lao động.'),
  invalid: (message: string, issues: ErrorIssue[]) => new AppError('EMPLOYER_INVALID', 'bad_request', message, issues),
  areaUnitKind: (name: string) =>
    new AppError('AREA_UNIT_KIND', 'bad_request', `"${name}" không phải là công đoàn cấp trên trực tiếp cơ sở.`),
  taxCodeExists: (taxCode: string) =>
    new AppError('TAX_CODE_EXISTS', 'conflict', `Mã số thuế ${taxCode} đã có trong danh sách đơn vị sử dụng lao động.`),
};
