/**
 * Masking of personal data (Nghị định 13/2023/NĐ-CP): shown in full only to roles with
 * `personal_data.view`. Enough stays visible to tell two people apart on a list.
 */
export function maskCccd(value: string | null): string | null {
  if (value === null) return null;
  if (value.length < 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 6) + value.slice(-2);
}

export function maskPhone(value: string | null): string | null {
  if (value === null) return null;
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 6) + digits.slice(-3);
}
