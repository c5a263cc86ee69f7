import { sql, type Selectable } from 'kysely';
import { isSector, SECTOR_LABELS, type Sector } from '../../domain/org/org-unit.ts';
import { employerIssues } from '../../domain/registry/employer-rules.ts';
import type { EmployerTable } from '../db/schema.ts';
import { parseDateCell, parseIntegerCell } from '../tabular/cell-parsers.ts';
import type { FieldSpec } from '../tabular/header-detector.ts';
import { looseKey } from '../tabular/text-normalizer.ts';
import type { BatchOutcome, ImportDefinition } from './import-runner.ts';

export const EMPLOYER_IMPORT_FIELDS: FieldSpec[] = [
  { key: 'taxCode', label: 'Mã số thuế', synonyms: ['mst', 'mã số doanh nghiệp', 'mã số thuế doanh nghiệp'], required: true },
  {
    key: 'name',
    label: 'Tên đơn vị',
    synonyms: ['tên doanh nghiệp', 'tên đơn vị sử dụng lao động', 'tên công ty', 'đơn vị'],
    required: true,
  },
  { key: 'sector', label: 'Khu vực', synonyms: ['loại hình', 'khu vực kinh tế', 'loại hình doanh nghiệp'], required: true },
  { key: 'industry', label: 'Ngành nghề', synonyms: ['ngành', 'ngành nghề kinh doanh', 'lĩnh vực'] },
  { key: 'address', label: 'Địa chỉ', synonyms: ['địa chỉ trụ sở'] },
  { key: 'communeName', label: 'Xã, phường', synonyms: ['xã/phường', 'phường xã', 'xã'] },
  { key: 'areaCode', label: 'Mã công đoàn cấp trên', synonyms: ['mã cđ cấp trên', 'mã công đoàn xã phường', 'mã đơn vị quản lý'] },
  { key: 'cdcsCode', label: 'Mã CĐCS', synonyms: ['mã công đoàn cơ sở'] },
  { key: 'workers', label: 'Số lao động', synonyms: ['tổng số lao động', 'số công nhân lao động', 'lao động'] },
  { key: 'womenWorkers', label: 'Số lao động nữ', synonyms: ['lao động nữ', 'nữ'] },
  { key: 'workersCountedOn', label: 'Ngày thống kê', synonyms: ['ngày thống kê lao động', 'thời điểm thống kê'] },
];

/** How staff write the sector in their sheets, folded (no accents, lower case). */
const SECTOR_WORDS: [RegExp, Sector][] = [
  [/fdi|von dau tu nuoc ngoai|nuoc ngoai/, 'fdi'],
  [/ngoai nha nuoc|tu nhan|dan doanh|ngoai quoc doanh|ngoai khu vuc nha nuoc/, 'private'],
  [/hcsn|hanh chinh|su nghiep|co quan/, 'hcsn'],
  [/dnnn|nha nuoc|quoc doanh/, 'dnnn'],
];

export function parseSector(text: string | null): Sector | null {
  if (!text) return null;
  if (isSector(text.toLowerCase())) return text.toLowerCase() as Sector;
  const folded = looseKey(text);
  return SECTOR_WORDS.find(([re]) => re.test(folded))?.[1] ?? null;
}

interface EmployerRecord {
  taxCode: string;
  name: string;
  sector: Sector;
  industry: string | null;
  address: string | null;
  communeName: string | null;
  areaUnitId: number;
  cdcsUnitId: number | null;
  workers: number | null;
  womenWorkers: number | null;
  workersCountedOn: string | null;
}

interface EmployerContext {
  scopePath: string;
  defaultAreaId: number | null;
  units: Map<string, { id: number; kind: string }>;
  seen: Map<string, number>;
}

const AREA_KINDS = new Set(['province', 'commune', 'industrial_zone', 'local_sector', 'central_sector', 'corporation']);

/** Employers, idempotent by tax code. */
export const employerImport: ImportDefinition<EmployerContext, EmployerRecord> = {
  registry: 'employers',
  noun: 'đơn vị sử dụng lao động',
  fields: EMPLOYER_IMPORT_FIELDS,
  unitHint:
    'Các Mã công đoàn cấp trên và Mã CĐCS trong tệp phải thuộc đơn vị này. Nếu chọn một công đoàn xã, phường hoặc khu công nghiệp, tệp không cần cột Mã công đoàn cấp trên.',
  identity: 'Đơn vị đã có (cùng mã số thuế) được cập nhật, không tạo trùng; nhập lại cùng một tệp không thay đổi gì.',

  async prepare(db, scope) {
    const rows = await sql<{ id: number; code: string; kind: string }>`
      SELECT u.id, u.code, u.kind FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL WHERE p.path <@ ${scope.path}::ltree`.execute(
      db,
    );
    return {
      scopePath: scope.path,
      defaultAreaId: AREA_KINDS.has(scope.kind) ? Number(scope.id) : null,
      units: new Map(rows.rows.map((r) => [r.code.toUpperCase(), { id: Number(r.id), kind: r.kind }])),
      seen: new Map(),
    };
  },

  parseRow(row, ctx, today) {
    const taxCode = (row.cell('taxCode') ?? '').replace(/\s/g, '');
    const name = (row.cell('name') ?? '').replace(/\s+/g, ' ').trim();
    const sectorText = row.cell('sector');
    const sector = parseSector(sectorText);
    if (sectorText && !sector) row.reject('sector', `Không hiểu khu vực "${sectorText}": dùng ${Object.values(SECTOR_LABELS).join(', ')}.`);
    const number = (key: string) => {
      const text = row.cell(key);
      if (text === null) return null;
      const parsed = parseIntegerCell(text);
      if (!parsed.ok) row.reject(key, parsed.reason);
      return parsed.ok ? parsed.value : null;
    };
    const workers = number('workers');
    const womenWorkers = number('womenWorkers');
    const countedText = row.cell('workersCountedOn');
    const counted = countedText ? parseDateCell(countedText) : null;
    if (counted && !counted.ok) row.reject('workersCountedOn', counted.reason);
    const unit = (key: string, kinds: (kind: string) => boolean, what: string) => {
      const code = row.cell(key);
      if (!code) return null;
      const found = ctx.units.get(code.toUpperCase());
      if (!found || !kinds(found.kind)) row.reject(key, `Không có ${what} mã "${code}" trong phạm vi đơn vị nhận dữ liệu.`);
      return found && kinds(found.kind) ? found.id : null;
    };
    const areaUnitId = unit('areaCode', (k) => AREA_KINDS.has(k), 'công đoàn cấp trên') ?? ctx.defaultAreaId;
    if (areaUnitId === null && !row.cell('areaCode')) row.reject('areaCode', 'Thiếu mã công đoàn cấp trên quản lý địa bàn.');
    const cdcsUnitId = unit('cdcsCode', (k) => k === 'grassroots', 'công đoàn cơ sở');
    const fields = { taxCode, name, sector, workers, womenWorkers, workersCountedOn: counted?.ok ? counted.value : null };
    for (const issue of employerIssues(fields, today)) {
      if (issue.field === 'sector' && sectorText) continue;
      if ((issue.field === 'workers' || issue.field === 'womenWorkers') && row.cell(issue.field) !== null && fields[issue.field] === null)
        continue;
      if (issue.field === 'workersCountedOn' && counted && !counted.ok) continue;
      row.reject(issue.field === 'areaUnit' ? 'areaCode' : issue.field === 'cdcs' ? 'cdcsCode' : issue.field, issue.message);
    }
    const first = ctx.seen.get(taxCode);
    if (first !== undefined) row.reject('taxCode', `Trùng mã số thuế với dòng ${first} trong cùng tệp.`);
    else if (taxCode) ctx.seen.set(taxCode, row.rowNumber);
    if (!sector || areaUnitId === null) return null;
    return {
      taxCode,
      name,
      sector,
      industry: row.cell('industry'),
      address: row.cell('address'),
      communeName: row.cell('communeName'),
      areaUnitId,
      cdcsUnitId,
      workers,
      womenWorkers,
      workersCountedOn: fields.workersCountedOn,
    };
  },

  async writeBatch(trx, rows, ctx) {
    // Every column of the employer (SELECT e.*), and whether it lies in the importer's scope.
    const found = await sql<Selectable<EmployerTable> & { in_scope: boolean }>`
      SELECT e.*, EXISTS (SELECT 1 FROM org_placement p WHERE p.unit_id = e.area_unit_id AND p.valid_to IS NULL AND p.path <@ ${ctx.scopePath}::ltree) AS in_scope
      FROM employer e WHERE e.tax_code = ANY(${rows.map((r) => r.record.taxCode)}::text[])`.execute(trx);
    const existing = new Map(found.rows.map((e) => [e.tax_code, e]));
    const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, rejections: [] };
    const writes: EmployerRecord[] = [];
    for (const row of rows) {
      const r = row.record;
      const e = existing.get(r.taxCode);
      if (e && !e.in_scope) {
        outcome.rejections.push({
          rowNumber: row.rowNumber,
          column: 'Mã số thuế',
          reason: 'Mã số thuế đã thuộc một đơn vị ngoài phạm vi nhập dữ liệu.',
          raw: row.raw,
        });
        continue;
      }
      const unchanged =
        e &&
        e.name === r.name &&
        e.sector === r.sector &&
        e.industry === r.industry &&
        e.address === r.address &&
        e.commune_name === r.communeName &&
        Number(e.area_unit_id) === r.areaUnitId &&
        (e.cdcs_unit_id === null ? null : Number(e.cdcs_unit_id)) === r.cdcsUnitId &&
        e.workers === r.workers &&
        e.women_workers === r.womenWorkers &&
        e.workers_counted_on === r.workersCountedOn;
      if (unchanged) outcome.unchanged++;
      else {
        writes.push(r);
        if (e) outcome.updated++;
        else outcome.inserted++;
      }
    }
    if (writes.length) {
      const col = <K extends keyof EmployerRecord>(k: K) => writes.map((w) => w[k]);
      await sql`
        INSERT INTO employer (tax_code, name, sector, industry, address, commune_name, area_unit_id, cdcs_unit_id, workers, women_workers, workers_counted_on)
        SELECT * FROM unnest(${col('taxCode')}::text[], ${col('name')}::text[], ${col('sector')}::text[], ${col('industry')}::text[], ${col('address')}::text[],
                             ${col('communeName')}::text[], ${col('areaUnitId')}::bigint[], ${col('cdcsUnitId')}::bigint[], ${col('workers')}::int[],
                             ${col('womenWorkers')}::int[], ${col('workersCountedOn')}::date[])
        ON CONFLICT (tax_code) DO UPDATE SET name = excluded.name, sector = excluded.sector, industry = excluded.industry, address = excluded.address,
          commune_name = excluded.commune_name, area_unit_id = excluded.area_unit_id, cdcs_unit_id = excluded.cdcs_unit_id, workers = excluded.workers,
          women_workers = excluded.women_workers, workers_counted_on = excluded.workers_counted_on, updated_at = now()`.execute(trx);
    }
    return outcome;
  },
};
