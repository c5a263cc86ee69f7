// Refusals every module gives alike: a unit that is not there (or not in the caller's part of the
// tree, which the caller must not be able to tell apart), a date that is not in the calendar.
// One code, one sentence: the same refusal reads the same on every screen.
import { AppError } from '../../domain/errors/app-error.ts';
import { isIsoDate, todayInVietnam } from '../../domain/time/calendar-date.ts';

export const commonErrors = {
  unitNotFound: () =>
    new AppError(
      'UNIT_NOT_FOUND',
      'not_found',
      'Không tìm thấy đơn vị (hoặc đơn vị nằm ngoài phạm vi quản lý của bạn, hoặc không tồn tại vào ngày đã chọn).',
    ),
  /** A unit named by its code where the caller typed it (the CLI's --unit). */
  unitCodeNotFound: (code: string) => new AppError('UNIT_CODE_NOT_FOUND', 'bad_request', `Không tìm thấy đơn vị có mã "${code}".`),
  invalidDate: (value: string, path?: string) =>
    new AppError(
      'INVALID_DATE',
      'bad_request',
      `Ngày "${value}" không tồn tại trong lịch.`,
      path ? [{ path, message: 'Ngày không tồn tại trong lịch.' }] : [],
    ),
  notGrassroots: (name: string) => new AppError('NOT_GRASSROOTS', 'bad_request', `"${name}" không phải là công đoàn cơ sở.`),
};

/** A YYYY-MM-DD date that exists in the calendar (2025-02-30 does not), or INVALID_DATE. */
export function requireIsoDate(value: string, path?: string): string {
  if (!isIsoDate(value)) throw commonErrors.invalidDate(value, path);
  return value;
}

/** The day a request asks about: the one it names, or today in Vietnam. */
export function resolveAsOf(asOf: string | undefined): string {
  return asOf === undefined ? todayInVietnam() : requireIsoDate(asOf);
}
