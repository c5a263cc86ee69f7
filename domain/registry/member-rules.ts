import { cccdProblem, normalizePhone, type Gender } from './identity-codes.ts';

/**
 * What makes a member record acceptable, whether it comes from a form, an import row or an
 * API client. Pure: dates are ISO strings, "today" is given.
 */
export interface MemberFields {
  fullName: string;
  gender: Gender | null;
  birthDate: string | null;
  cccd: string;
  phone: string | null;
  ethnicity: string | null;
  cardNumber: string | null;
  joinedOn: string | null;
}

export interface FieldIssue {
  field: keyof MemberFields | 'cdcs' | 'row';
  message: string;
}

export const MEMBER_FIELD_LABELS: Record<FieldIssue['field'], string> = {
  fullName: 'Họ và tên',
  gender: 'Giới tính',
  birthDate: 'Ngày sinh',
  cccd: 'Số CCCD',
  phone: 'Số điện thoại',
  ethnicity: 'Dân tộc',
  cardNumber: 'Số thẻ đoàn viên',
  joinedOn: 'Ngày vào Công đoàn',
  cdcs: 'Công đoàn cơ sở',
  row: 'Dòng',
};

/** Công đoàn admits workers from 15 (Luật Công đoàn 2024; minors work from 15). */
export const MIN_MEMBER_AGE = 15;

/** Whole years from one ISO date to another. Hot in imports (three calls a row): no splitting. */
function yearsBetween(fromIso: string, toIso: string): number {
  const years = Number(toIso.slice(0, 4)) - Number(fromIso.slice(0, 4));
  // 'MM-DD' strings compare like the dates they are.
  return toIso.slice(5) < fromIso.slice(5) ? years - 1 : years;
}

export function memberIssues(m: MemberFields, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const name = m.fullName.trim();
  if (!name) issues.push({ field: 'fullName', message: 'Thiếu họ và tên.' });
  else if (name.length > 120) issues.push({ field: 'fullName', message: 'Họ và tên dài quá 120 ký tự.' });
  else if (/\d/.test(name)) issues.push({ field: 'fullName', message: 'Họ và tên không được chứa chữ số.' });
  if (!m.gender) issues.push({ field: 'gender', message: 'Thiếu giới tính (Nam hoặc Nữ).' });
  if (!m.birthDate) issues.push({ field: 'birthDate', message: 'Thiếu ngày sinh.' });
  else if (m.birthDate > today) issues.push({ field: 'birthDate', message: 'Ngày sinh ở tương lai.' });
  else if (yearsBetween(m.birthDate, today) < MIN_MEMBER_AGE)
    issues.push({ field: 'birthDate', message: `Người dưới ${MIN_MEMBER_AGE} tuổi không thể là đoàn viên.` });
  else if (yearsBetween(m.birthDate, today) > 100) issues.push({ field: 'birthDate', message: 'Ngày sinh không hợp lý (trên 100 tuổi).' });
  if (!m.cccd) issues.push({ field: 'cccd', message: 'Thiếu số CCCD.' });
  else {
    const problem = cccdProblem(m.cccd, { gender: m.gender, birthDate: m.birthDate });
    if (problem) issues.push({ field: 'cccd', message: problem });
  }
  if (m.phone !== null && normalizePhone(m.phone) === null)
    issues.push({ field: 'phone', message: 'Số điện thoại không hợp lệ (10–11 chữ số, bắt đầu bằng 0 hoặc +84).' });
  if (!m.joinedOn) issues.push({ field: 'joinedOn', message: 'Thiếu ngày vào Công đoàn.' });
  else if (m.joinedOn > today) issues.push({ field: 'joinedOn', message: 'Ngày vào Công đoàn ở tương lai.' });
  else if (m.birthDate && m.birthDate <= today && yearsBetween(m.birthDate, m.joinedOn) < MIN_MEMBER_AGE) {
    issues.push({ field: 'joinedOn', message: `Ngày vào Công đoàn khi chưa đủ ${MIN_MEMBER_AGE} tuổi.` });
  }
  if (m.cardNumber !== null && !/^[\p{L}\d./-]{1,30}$/u.test(m.cardNumber))
    issues.push({ field: 'cardNumber', message: 'Số thẻ đoàn viên không hợp lệ.' });
  return issues;
}
