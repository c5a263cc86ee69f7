import { describe, expect, it } from 'vitest';
import { passwordProblem, PASSWORD_POLICY_TEXT } from './password-policy.ts';
import { PERMISSIONS, ROLE_SEEDS } from './permission.ts';
import { maskCccd, maskPhone } from './personal-data.ts';

describe('personal data masking', () => {
  it('masks a CCCD to its first four and last two digits', () => {
    expect(maskCccd('001089012389')).toBe('0010******89');
    expect(maskCccd(null)).toBeNull();
  });

  it('masks a phone number to its first and last three digits', () => {
    expect(maskPhone('0912345678')).toBe('091****678');
    expect(maskPhone('+84 912 345 678')).toBe('849*****678');
  });
});

describe('password policy', () => {
  it('accepts a long password with letters and digits', () => {
    expect(passwordProblem('Hoa sen nở 2026', 'canbo')).toBeNull();
  });

  it.each([
    ['short1', 'too short'],
    ['chicochuthoi', 'no digit'],
    ['12345678901', 'no letter'],
    ['canbo.tinh2026', 'contains the username'],
    ['Matkhau2026!', 'a common word'],
  ])('refuses %s (%s) with the policy sentence', (password) => {
    expect(passwordProblem(password, 'canbo.tinh')).toMatch(new RegExp(PASSWORD_POLICY_TEXT.slice(0, 20)));
  });

  it('refuses reusing the current password', () => {
    expect(passwordProblem('Hoa sen nở 2026', 'canbo', 'Hoa sen nở 2026')).toBe(PASSWORD_POLICY_TEXT);
  });
});

describe('role seeds', () => {
  it('grant only known permissions, and read-only roles grant no write', () => {
    for (const role of ROLE_SEEDS) for (const p of role.permissions) expect(PERMISSIONS).toContain(p);
    const viewer = ROLE_SEEDS.find((r) => r.code === 'viewer')!;
    expect(viewer.permissions.some((p) => p.endsWith('.write') || p.endsWith('.manage'))).toBe(false);
  });
});
