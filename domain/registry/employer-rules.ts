import { taxCodeProblem } from './identity-codes.ts';

export interface EmployerFields {
  taxCode: string;
  name: string;
  sector: string | null;
  workers: number | null;
  womenWorkers: number | null;
  workersCountedOn: string | null;
}

export interface EmployerIssue {
  field: keyof EmployerFields | 'areaUnit' | 'cdcs';
  message: string;
}

export const EMPLOYER_FIELD_LABELS: Record<EmployerIssue['field'], string> = {
  taxCode: 'Mã số thuế',
  name: 'Tên đơn vị',
  sector: 'Khu vực',
  workers: 'Số lao động',
  womenWorkers: 'Số lao động nữ',
  workersCountedOn: 'Ngày thống kê lao động',
  areaUnit: 'Công đoàn cấp trên',
  cdcs: 'Công đoàn cơ sở',
};

export function employerIssues(e: EmployerFields, today: string): EmployerIssue[] {
  const issues: EmployerIssue[] = [];
  const taxProblem = taxCodeProblem(e.taxCode);
  if (taxProblem) issues.push({ field: 'taxCode', message: taxProblem });
  if (!e.name.trim()) issues.push({ field: 'name', message: 'Thiếu tên đơn vị sử dụng lao động.' });
  if (!e.sector) issues.push({ field: 'sector', message: 'Thiếu khu vực (HCSN, DNNN, ngoài nhà nước, FDI).' });
  if (e.workers !== null && (!Number.isInteger(e.workers) || e.workers < 0))
    issues.push({ field: 'workers', message: 'Số lao động phải là số nguyên không âm.' });
  if (e.womenWorkers !== null && (!Number.isInteger(e.womenWorkers) || e.womenWorkers < 0))
    issues.push({ field: 'womenWorkers', message: 'Số lao động nữ phải là số nguyên không âm.' });
  if (e.workers !== null && e.womenWorkers !== null && e.womenWorkers > e.workers)
    issues.push({ field: 'womenWorkers', message: 'Số lao động nữ lớn hơn tổng số lao động.' });
  if (e.workersCountedOn !== null && e.workersCountedOn > today)
    issues.push({ field: 'workersCountedOn', message: 'Ngày thống kê lao động ở tương lai.' });
  if (e.workers !== null && e.workersCountedOn === null)
    issues.push({ field: 'workersCountedOn', message: 'Cần ghi ngày thống kê số lao động.' });
  return issues;
}

export interface AgreementFields {
  kind: string;
  signedOn: string;
  effectiveFrom: string;
  expiresOn: string;
  qualityClass: string | null;
}

export function agreementIssues(a: AgreementFields, today: string): { field: keyof AgreementFields; message: string }[] {
  const issues: { field: keyof AgreementFields; message: string }[] = [];
  if (a.signedOn > today) issues.push({ field: 'signedOn', message: 'Ngày ký ở tương lai.' });
  if (a.effectiveFrom < a.signedOn) issues.push({ field: 'effectiveFrom', message: 'Ngày có hiệu lực trước ngày ký.' });
  if (a.expiresOn < a.effectiveFrom) issues.push({ field: 'expiresOn', message: 'Ngày hết hạn trước ngày có hiệu lực.' });
  // Bộ luật Lao động 2019, Điều 78: a collective agreement runs from 1 to 3 years.
  const years = (Date.parse(a.expiresOn) - Date.parse(a.effectiveFrom)) / (365.25 * 86400_000);
  if (years > 3.01)
    issues.push({ field: 'expiresOn', message: 'Thời hạn thỏa ước lao động tập thể không quá 3 năm (Bộ luật Lao động, Điều 78).' });
  if (a.qualityClass !== null && !['A', 'B', 'C', 'D'].includes(a.qualityClass))
    issues.push({ field: 'qualityClass', message: 'Xếp loại chất lượng phải là A, B, C hoặc D.' });
  return issues;
}

/** In force on `date`: from the day it takes effect through its last day (expiry, or an earlier end). */
export function isInForce(a: { effectiveFrom: string; expiresOn: string; endedOn: string | null }, date: string): boolean {
  return a.effectiveFrom <= date && date <= (a.endedOn ?? a.expiresOn);
}
