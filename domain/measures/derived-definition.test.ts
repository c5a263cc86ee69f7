import { describe, expect, it } from 'vitest';
import { DATA_ELEMENTS } from '../indicators/catalogue.ts';
import {
  baseElementOf,
  DERIVED_MEASURES,
  DERIVED_REGISTRIES,
  describeDerived,
  parseDerivedDefinition,
  scopeWithin,
  type DerivedDefinition,
} from './derived-definition.ts';

const problemsOf = (input: unknown) => {
  const r = parseDerivedDefinition(input);
  return r.ok ? [] : r.problems;
};
const def = (
  registry: DerivedDefinition['registry'],
  measure: string,
  sectors: DerivedDefinition['sectors'] = null,
  minWorkers: number | null = null,
): DerivedDefinition => ({ registry, measure, sectors, minWorkers });

describe('derived measures', () => {
  it('each map onto a built-in derived element of the catalogue', () => {
    const derived = new Set(DATA_ELEMENTS.filter((e) => e.source === 'derived').map((e) => e.code));
    for (const m of DERIVED_MEASURES) expect(derived.has(m.baseCode), m.baseCode).toBe(true);
    expect(new Set(DERIVED_MEASURES.map((m) => `${m.registry}/${m.measure}`)).size).toBe(DERIVED_MEASURES.length);
    expect(DERIVED_REGISTRIES.map((r) => r.label)).toEqual([
      'Đoàn viên',
      'Công đoàn cơ sở',
      'Đơn vị sử dụng lao động',
      'Thỏa ước lao động tập thể',
    ]);
  });

  it('count admissions over a period, the rest as of a date; only employer measures take a size threshold', () => {
    expect(DERIVED_MEASURES.filter((m) => m.timing === 'period').map((m) => m.baseCode)).toEqual(['members_new']);
    expect(DERIVED_MEASURES.filter((m) => m.filters.includes('minWorkers')).map((m) => m.registry)).toEqual([
      'employers',
      'employers',
      'employers',
      'employers',
    ]);
    expect(DERIVED_MEASURES.every((m) => m.filters.includes('sectors'))).toBe(true);
  });
});

describe('parseDerivedDefinition', () => {
  it('accepts a definition, normalising sectors to the canonical order and absent filters to null', () => {
    expect(parseDerivedDefinition({ registry: 'employers', measure: 'with_cdcs', sectors: ['fdi', 'private'], minWorkers: 25 })).toEqual({
      ok: true,
      definition: { registry: 'employers', measure: 'with_cdcs', sectors: ['private', 'fdi'], minWorkers: 25 },
    });
    expect(parseDerivedDefinition({ registry: 'members', measure: 'women' })).toEqual({ ok: true, definition: def('members', 'women') });
  });

  it('refuses unknown registries and measures in Vietnamese', () => {
    expect(problemsOf({ registry: 'tasks', measure: 'all' })[0]).toMatch(/^Không có sổ "tasks"/);
    expect(problemsOf({ registry: 'members', measure: 'with_cdcs' })).toEqual(['Sổ «Đoàn viên» không có phép đếm "with_cdcs".']);
    expect(problemsOf(null)).toHaveLength(1);
    expect(problemsOf([])).toHaveLength(1);
  });

  it('refuses a size threshold on a measure that is not about employers', () => {
    expect(problemsOf({ registry: 'members', measure: 'active', minWorkers: 10 })[0]).toMatch(
      /«Đoàn viên đang sinh hoạt» không lọc theo số lao động/,
    );
  });

  it('wants a whole threshold between 1 and 100,000', () => {
    for (const minWorkers of [0, -5, 2.5, 100_001, '25', Number.NaN]) {
      expect(problemsOf({ registry: 'employers', measure: 'all', minWorkers }), String(minWorkers)).toEqual([
        'Ngưỡng lao động phải là số nguyên từ 1 đến 100.000.',
      ]);
    }
    expect(problemsOf({ registry: 'employers', measure: 'all', minWorkers: 100_000 })).toEqual([]);
    expect(problemsOf({ registry: 'employers', measure: 'all', minWorkers: 1 })).toEqual([]);
  });

  it('wants sectors as a non-empty list of known sectors, each once', () => {
    expect(problemsOf({ registry: 'cdcs', measure: 'all', sectors: [] })[0]).toMatch(/ít nhất một khu vực/);
    expect(problemsOf({ registry: 'cdcs', measure: 'all', sectors: 'fdi' })[0]).toMatch(/ít nhất một khu vực/);
    expect(problemsOf({ registry: 'cdcs', measure: 'all', sectors: ['fdi', 'ngoai'] })).toEqual(['Không có khu vực "ngoai".']);
    expect(problemsOf({ registry: 'cdcs', measure: 'all', sectors: ['fdi', 'fdi'] })).toEqual(['Một khu vực được chọn hai lần.']);
  });

  it('refuses hành chính sự nghiệp for enterprise CĐCS, which it never has', () => {
    expect(problemsOf({ registry: 'cdcs', measure: 'enterprise', sectors: ['hcsn', 'dnnn'] })[0]).toMatch(
      /không có công đoàn cơ sở doanh nghiệp/,
    );
    expect(problemsOf({ registry: 'cdcs', measure: 'all', sectors: ['hcsn'] })).toEqual([]);
  });

  it('reports every problem of the filters at once', () => {
    expect(problemsOf({ registry: 'employers', measure: 'workers', sectors: [], minWorkers: 0 })).toHaveLength(2);
  });
});

describe('baseElementOf', () => {
  it('names the built-in element the aggregates compute', () => {
    expect(baseElementOf(def('employers', 'workers_in_cdcs'))).toBe('workers_in_cdcs_employers');
    expect(baseElementOf(def('agreements', 'in_force'))).toBe('cdcs_with_agreement');
    expect(() => baseElementOf(def('members', 'gone'))).toThrow(RangeError);
  });
});

describe('scopeWithin', () => {
  const nonState = def('employers', 'with_cdcs', ['private', 'fdi'], 25);

  it('intersects the sectors and keeps the larger threshold', () => {
    expect(scopeWithin({ sectors: ['fdi', 'dnnn'], minWorkers: 50 }, nonState)).toEqual({ sectors: ['fdi'], minWorkers: 50 });
    expect(scopeWithin({ sectors: ['fdi'], minWorkers: 10 }, nonState)).toEqual({ sectors: ['fdi'], minWorkers: 25 });
  });

  it('takes whichever side has a filter when the other has none (an empty list is none)', () => {
    expect(scopeWithin({ sectors: null, minWorkers: null }, nonState)).toEqual({ sectors: ['private', 'fdi'], minWorkers: 25 });
    expect(scopeWithin({ sectors: [], minWorkers: null }, nonState)).toEqual({ sectors: ['private', 'fdi'], minWorkers: 25 });
    expect(scopeWithin({ sectors: ['hcsn'], minWorkers: 10 }, def('members', 'active'))).toEqual({ sectors: ['hcsn'], minWorkers: 10 });
    expect(scopeWithin({ sectors: null, minWorkers: null }, def('members', 'active'))).toEqual({ sectors: null, minWorkers: null });
  });

  it('is null when no sector is left to count', () => {
    expect(scopeWithin({ sectors: ['hcsn', 'dnnn'], minWorkers: null }, nonState)).toBeNull();
  });

  it('does not hand out the definition’s own array', () => {
    const scope = scopeWithin({ sectors: null, minWorkers: null }, nonState)!;
    scope.sectors!.push('hcsn');
    expect(nonState.sectors).toEqual(['private', 'fdi']);
  });
});

describe('describeDerived', () => {
  it('reads as one Vietnamese phrase', () => {
    expect(describeDerived(def('employers', 'with_cdcs', ['private', 'fdi'], 25))).toBe(
      'Đơn vị sử dụng lao động có CĐCS, từ 25 lao động trở lên, khu vực ngoài nhà nước (tư nhân, FDI)',
    );
    expect(describeDerived(def('members', 'women'))).toBe('Đoàn viên nữ đang sinh hoạt');
    expect(describeDerived(def('cdcs', 'all', ['hcsn', 'dnnn']))).toBe(
      'Công đoàn cơ sở đang hoạt động, khu vực nhà nước (hành chính sự nghiệp, doanh nghiệp nhà nước)',
    );
    expect(describeDerived(def('agreements', 'b_or_better', ['fdi']))).toBe('CĐCS có thỏa ước xếp loại B trở lên, khu vực FDI');
  });

  it('puts the threshold on the employers when counting their workers, with Vietnamese digit grouping', () => {
    expect(describeDerived(def('employers', 'workers', null, 1000))).toBe(
      'Người lao động tại đơn vị sử dụng lao động từ 1.000 lao động trở lên',
    );
    expect(describeDerived(def('employers', 'workers_in_cdcs', ['fdi'], 50))).toBe(
      'Người lao động tại đơn vị có CĐCS từ 50 lao động trở lên, khu vực FDI',
    );
  });
});
