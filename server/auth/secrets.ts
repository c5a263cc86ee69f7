import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Algorithm is an ambient const enum (not importable under verbatimModuleSyntax): 2 = Argon2id.
const ARGON2ID = 2;

/** argon2id with the library's defaults (19 MiB, t=2): the OWASP baseline, ~50 ms here. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** Verifying against this keeps "no such user" as slow as "wrong password". */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('khong-co-tai-khoan-nay-0');
  return dummyHash;
}

export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Session and API tokens are high-entropy, so a fast hash is enough (no salt or stretching needed). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The CSRF token is derived from the session token: nothing more to store, useless without the cookie. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A temporary password an administrator reads out once: no look-alike characters. */
export function temporaryPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 10; i++) out += letters[bytes[i]! % letters.length];
  return `${out}${digits[bytes[10]! % digits.length]}${digits[bytes[11]! % digits.length]}`;
}
