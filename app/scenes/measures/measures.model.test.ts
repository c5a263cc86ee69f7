import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-client.ts';
import {
  allowsMinWorkers,
  codeFromName,
  CODE_PATTERN,
  definitionSentence,
  listOrder,
  versionLines,
  matchesQuery,
  sourceLabel,
  toDefinition,
  usageCount,
  usageLine,
  usageOfError,
} from './measures.model.ts';

describe('a code proposed from the name', () => {
  it('is accent-free snake case, đ included', () => {
    expect(codeFromName('Số doanh nghiệp tổ chức đối thoại')).toBe('so_doanh_nghiep_to_chuc_doi_thoai');
    expect(codeFromName('  Đoàn viên (nữ) — kết nạp mới!  ')).toBe('doan_vien_nu_ket_nap_moi');
    expect(codeFromName('CĐCS có Tết Sum vầy')).toBe('cdcs_co_tet_sum_vay');
  });

  it('starts with a letter and fits #{…}', () => {
    expect(codeFromName('25 lao động trở lên')).toBe('ma_25_lao_dong_tro_len');
    expect(codeFromName('!!!')).toBe('');
    const long = codeFromName('Số cán bộ công đoàn cơ sở được tập huấn nghiệp vụ thương lượng tập thể và đối thoại tại nơi làm việc');
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(CODE_PATTERN);
    expect(long.endsWith('_')).toBe(false);
  });

  it('is numbered when taken', () => {
    expect(codeFromName('Mô hình hoạt động', new Set(['mo_hinh_hoat_dong']))).toBe('mo_hinh_hoat_dong_2');
    expect(codeFromName('Mô hình hoạt động', new Set(['mo_hinh_hoat_dong', 'mo_hinh_hoat_dong_2']))).toBe('mo_hinh_hoat_dong_3');
  });
});

describe('a derived element', () => {
  it('reads as the server’s sentence, live', () => {
    expect(definitionSentence({})).toBeNull();
    expect(definitionSentence({ registry: 'employers' })).toBeNull();
    expect(definitionSentence({ registry: 'employers', measure: 'with_cdcs', sectors: ['fdi', 'private'], minWorkers: 25 })).toBe(
      'Đơn vị sử dụng lao động có CĐCS, từ 25 lao động trở lên, khu vực ngoài nhà nước (tư nhân, FDI)',
    );
    expect(definitionSentence({ registry: 'members', measure: 'women', sectors: [] })).toBe('Đoàn viên nữ đang sinh hoạt');
    expect(definitionSentence({ registry: 'employers', measure: 'workers', minWorkers: 1000 })).toBe(
      'Người lao động tại đơn vị sử dụng lao động từ 1.000 lao động trở lên',
    );
  });

  it('takes "từ N lao động" only where the measure allows it', () => {
    expect(allowsMinWorkers({ registry: 'employers', measure: 'with_cdcs' })).toBe(true);
    expect(allowsMinWorkers({ registry: 'cdcs', measure: 'all' })).toBe(false);
    expect(toDefinition({ registry: 'cdcs', measure: 'all', sectors: null, minWorkers: 25 })).toEqual({
      registry: 'cdcs',
      measure: 'all',
      sectors: null,
      minWorkers: null,
    });
    expect(toDefinition({ registry: 'cdcs', measure: 'nope' })).toBeNull();
    // Sectors in the catalogue's order, whatever order they were ticked in.
    expect(toDefinition({ registry: 'members', measure: 'active', sectors: ['fdi', 'hcsn'] })?.sectors).toEqual(['hcsn', 'fdi']);
  });

  it('names its source', () => {
    expect(sourceLabel({ code: 'x', source: 'reported', definition: null })).toBe('Nhập qua biểu mẫu');
    expect(
      sourceLabel({
        code: 'x',
        source: 'derived',
        definition: { registry: 'agreements', measure: 'in_force', sectors: null, minWorkers: null },
      }),
    ).toBe('Tính từ sổ Thỏa ước lao động tập thể');
    expect(sourceLabel({ code: 'members_active', source: 'derived', definition: null })).toBe('Tính từ sổ Đoàn viên');
    expect(sourceLabel({ code: 'upper_units', source: 'derived', definition: null })).toBe('Tính từ cây tổ chức');
  });
});

describe('what uses a measure', () => {
  const refs = [
    { kind: 'indicator' as const, code: 'a', label: 'Tỷ lệ A' },
    { kind: 'form' as const, id: 3, label: 'Báo cáo 6 tháng (CĐCS)' },
  ];

  it('is counted and listed in words', () => {
    expect(usageCount([])).toBe('Chưa dùng');
    expect(usageCount(refs)).toBe('2 nơi');
    expect(refs.map(usageLine)).toEqual(['Chỉ số: Tỷ lệ A', 'Biểu mẫu: Báo cáo 6 tháng (CĐCS)']);
    // The server's labels already say what they are.
    expect(usageLine({ kind: 'indicator', code: 'a', label: 'Chỉ số «Tỷ lệ A»' })).toBe('Chỉ số «Tỷ lệ A»');
    expect(usageLine({ kind: 'data', label: '12 số liệu đã báo cáo' })).toBe('12 số liệu đã báo cáo');
  });

  it('comes from a 409 MEASURE_IN_USE', () => {
    expect(usageOfError(new ApiError(409, 'MEASURE_IN_USE', 'Đang dùng', [], { usedBy: refs }))).toEqual(refs);
    expect(usageOfError(new ApiError(400, 'MEASURE_INVALID', 'Sai'))).toEqual([]);
    expect(usageOfError(new Error('x'))).toEqual([]);
  });
});

describe('the lists', () => {
  it('show the unions’ own measures first, the last changed on top, then the catalogue by name', () => {
    const items = [
      { name: 'Đoàn viên nữ', builtin: true, updatedAt: '2026-01-01T00:00:00Z' },
      { name: 'Sáng kiến', builtin: false, updatedAt: '2026-12-01T00:00:00Z' },
      { name: 'Công đoàn cơ sở', builtin: true, updatedAt: '2026-01-01T00:00:00Z' },
      { name: 'Mô hình', builtin: false, updatedAt: '2026-12-05T00:00:00Z' },
    ];
    expect(listOrder(items).map((i) => i.name)).toEqual(['Mô hình', 'Sáng kiến', 'Công đoàn cơ sở', 'Đoàn viên nữ']);
  });
});

describe('search', () => {
  it('ignores accents and case', () => {
    expect(matchesQuery('doi thoai', 'Số doanh nghiệp tổ chức đối thoại')).toBe(true);
    expect(matchesQuery('ĐOÀN', 'Đoàn viên nữ')).toBe(true);
    expect(matchesQuery('members_w', 'Đoàn viên nữ', 'members_women')).toBe(true);
    expect(matchesQuery('thoa uoc', 'Đoàn viên nữ')).toBe(false);
    expect(matchesQuery('  ', 'anything')).toBe(true);
  });
});

describe('the history of a measure', () => {
  it('says what each version changed, in words', () => {
    const v1 = { name: 'Số DN đối thoại', unit: 'count', numerator: '#{a}', denominator: null, description: '', keywords: [] };
    const v2 = { ...v1, name: 'Số doanh nghiệp tổ chức đối thoại', keywords: ['đối thoại định kỳ'] };
    const v3 = { ...v2, unit: 'percent', numerator: '100 * #{a}', denominator: '#{b}' };
    expect(versionLines(null, v1)).toEqual(['Tạo mới «Số DN đối thoại»']);
    expect(versionLines(v1, v2)).toEqual([
      'Tên: Số DN đối thoại → Số doanh nghiệp tổ chức đối thoại',
      'Từ khóa: (trống) → đối thoại định kỳ',
    ]);
    expect(versionLines(v2, v3)).toEqual(['Đơn vị tính: Số lượng → Tỷ lệ %', 'Tử số: #{a} → 100 * #{a}', 'Mẫu số: (trống) → #{b}']);
    expect(versionLines(v3, v3)).toEqual(['Không đổi nội dung']);
  });

  it('reads a derived definition as its sentence', () => {
    const before = { name: 'DN có CĐCS', definition: { registry: 'employers', measure: 'with_cdcs', sectors: null, minWorkers: null } };
    const after = { ...before, definition: { ...before.definition, minWorkers: 25 } };
    expect(versionLines(before, after)).toEqual([
      'Cách đếm: Đơn vị sử dụng lao động có CĐCS → Đơn vị sử dụng lao động có CĐCS, từ 25 lao động trở lên',
    ]);
  });
});
