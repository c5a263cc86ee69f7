import { describe, expect, it } from 'vitest';
import { subtractIntervals } from './intervals.ts';

describe('subtractIntervals', () => {
  it('keeps what is not covered, cuts what is', () => {
    expect(subtractIntervals({ from: '2020-01-01', to: '2024-01-01' }, [{ from: '2021-01-01', to: '2022-01-01' }])).toEqual([
      { from: '2020-01-01', to: '2021-01-01' },
      { from: '2022-01-01', to: '2024-01-01' },
    ]);
  });

  it('handles open intervals on both sides', () => {
    expect(subtractIntervals({ from: '2020-01-01', to: null }, [{ from: '2023-06-01', to: null }])).toEqual([
      { from: '2020-01-01', to: '2023-06-01' },
    ]);
    expect(subtractIntervals({ from: '2024-01-01', to: null }, [{ from: '2020-01-01', to: null }])).toEqual([]);
    expect(subtractIntervals({ from: '2020-01-01', to: '2021-01-01' }, [{ from: '2021-01-01', to: null }])).toEqual([
      { from: '2020-01-01', to: '2021-01-01' },
    ]);
  });
});
