import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../domain/errors/app-error.ts';
import { LoginFailuresPerAddress } from './auth.service.ts';

const fail = () => Promise.reject(new AppError('INVALID_CREDENTIALS', 'unauthenticated', 'sai'));
const succeed = () => Promise.resolve('ok');

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (error) {
    return (error as AppError).code;
  }
}

describe('LoginFailuresPerAddress', () => {
  afterEach(() => vi.useRealTimers());

  it('counts failures only: successes never use up the bound', async () => {
    const limit = new LoginFailuresPerAddress(3);
    for (let i = 0; i < 50; i++) expect(await limit.attempt('10.0.0.1', succeed)).toBe('ok');
    for (let i = 0; i < 3; i++) expect(await outcome(limit.attempt('10.0.0.1', fail))).toBe('INVALID_CREDENTIALS');
    const refused = limit.attempt('10.0.0.1', succeed);
    await expect(refused).rejects.toMatchObject({ code: 'RATE_LIMITED', message: 'Quá nhiều lần thử từ địa chỉ này. Vui lòng thử lại sau 15 phút.' });
    expect(await limit.attempt('10.0.0.2', succeed)).toBe('ok'); // another address is not affected
  });

  it('counts attempts in flight, so concurrent failures cannot all pass the bound', async () => {
    const limit = new LoginFailuresPerAddress(3);
    let checked = 0;
    const slowFail = async () => {
      checked += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return fail();
    };
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => outcome(limit.attempt('10.0.0.3', slowFail))));
    expect(checked).toBe(3);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(5);
  });

  it('forgets the failures when the window ends, and says how long is left', async () => {
    vi.useFakeTimers();
    const limit = new LoginFailuresPerAddress(2, 15);
    await outcome(limit.attempt('10.0.0.4', fail));
    await outcome(limit.attempt('10.0.0.4', fail));
    vi.advanceTimersByTime(11 * 60_000 + 1);
    await expect(limit.attempt('10.0.0.4', succeed)).rejects.toThrow('Vui lòng thử lại sau 4 phút.');
    vi.advanceTimersByTime(4 * 60_000);
    expect(await limit.attempt('10.0.0.4', succeed)).toBe('ok');
  });
});
