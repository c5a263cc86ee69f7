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
    await expect(refused).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Quá nhiều lần thử từ địa chỉ này. Vui lòng thử lại sau 15 phút.',
    });
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

  it('lets concurrent successes beyond the bound wait for a place, never refuses them (an office logging in at 8:00)', async () => {
    const limit = new LoginFailuresPerAddress(3);
    let running = 0;
    let mostAtOnce = 0;
    const gates: Array<() => void> = [];
    const gatedSuccess = () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      return new Promise<string>((resolve) =>
        gates.push(() => {
          running -= 1;
          resolve('ok');
        }),
      );
    };
    const all = Promise.all(Array.from({ length: 40 }, () => outcome(limit.attempt('10.0.0.5', gatedSuccess))));
    // Open the gates one by one as attempts arrive at them, until all forty have passed.
    for (let opened = 0; opened < 40; opened++) {
      await vi.waitFor(() => expect(gates.length).toBeGreaterThan(0));
      gates.shift()!();
    }
    expect(await all).toEqual(Array.from({ length: 40 }, () => 'ok'));
    expect(mostAtOnce).toBe(3);
    // Nothing counted: the address starts the next attempt with a clean slate.
    for (let i = 0; i < 3; i++) expect(await outcome(limit.attempt('10.0.0.5', fail))).toBe('INVALID_CREDENTIALS');
    expect(await outcome(limit.attempt('10.0.0.5', succeed))).toBe('RATE_LIMITED');
  });

  it('refuses everyone waiting once the running attempts have failed up to the bound', async () => {
    const limit = new LoginFailuresPerAddress(2);
    const gates: Array<() => void> = [];
    const gatedFail = () =>
      new Promise<string>((_, reject) => gates.push(() => reject(new AppError('INVALID_CREDENTIALS', 'unauthenticated', 'sai'))));
    const all = Promise.all(Array.from({ length: 6 }, () => outcome(limit.attempt('10.0.0.6', gatedFail))));
    await vi.waitFor(() => expect(gates).toHaveLength(2));
    gates.shift()!();
    gates.shift()!();
    expect(await all).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    expect(gates).toHaveLength(0);
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
