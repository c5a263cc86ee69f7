import { sql } from 'kysely';
import { canBeChildOf, isUnitKind, SECTOR_LABELS, type Sector } from '../../domain/org/org-unit.ts';
import { normalizePhone } from '../../domain/registry/identity-codes.ts';
import { parseDateCell } from '../tabular/cell-parsers.ts';
import type { FieldSpec } from '../tabular/header-detector.ts';
import { parseSector } from './employer-import.ts';
import type { BatchOutcome, ImportDefinition, ParsedRow } from './import-runner.ts';

export const GRASSROOTS_IMPORT_FIELDS: FieldSpec[] = [
  { key: 'code', label: 'Mã CĐCS', synonyms: ['mã công đoàn cơ sở', 'mã cđcs', 'mã đơn vị'], required: true },
  { key: 'name', label: 'Tên công đoàn cơ sở', synonyms: ['tên cđcs', 'tên công đoàn', 'tên đơn vị', 'công đoàn cơ sở'], required: true },
  {
    key: 'parentCode',
    label: 'Mã công đoàn cấp trên',
    synonyms: ['mã cđ cấp trên', 'mã công đoàn cấp trên trực tiếp', 'mã công đoàn xã phường', 'mã đơn vị quản lý'],
  },
  { key: 'sector', label: 'Khu vực', synonyms: ['loại hình', 'khu vực kinh tế', 'loại hình doanh nghiệp'], required: true },
  {
    key: 'employerTaxCode',
    label: 'Mã số thuế đơn vị sử dụng lao động',
    synonyms: ['mã số thuế', 'mst', 'mst doanh nghiệp', 'mã số thuế doanh nghiệp'],
  },
  { key: 'foundingDecision', label: 'Quyết định thành lập', synonyms: ['số quyết định thành lập', 'qđ thành lập', 'số qđ thành lập'] },
  { key: 'foundedOn', label: 'Ngày thành lập', synonyms: ['ngày quyết định thành lập', 'ngày thành lập cđcs'] },
  { key: 'chairName', label: 'Chủ tịch CĐCS', synonyms: ['chủ tịch', 'họ tên chủ tịch', 'chủ tịch công đoàn'] },
  { key: 'chairPhone', label: 'Điện thoại chủ tịch', synonyms: ['sđt chủ tịch', 'số điện thoại chủ tịch', 'điện thoại'] },
  { key: 'dissolvedOn', label: 'Ngày giải thể', synonyms: ['giải thể ngày', 'ngày giải thể cđcs'] },
];

interface GrassrootsRecord {
  code: string;
  name: string;
  parentId: number;
  sector: Sector;
  employerTaxCode: string | null;
  /** Resolved from the tax code with the batch (one query). */
  employerId: number | null;
  foundingDecision: string | null;
  foundedOn: string | null;
  chairName: string | null;
  chairPhone: string | null;
  dissolvedOn: string | null;
}

interface GrassrootsContext {
  scopePath: string;
  /** Importing into a commune or zone union needs no "Mã công đoàn cấp trên" column. */
  defaultParentId: number | null;
  /** Units of the scope that may hold a CĐCS, by upper-case code. */
  parents: Map<string, number>;
  seen: Map<string, number>;
}

interface ExistingUnit {
  id: number;
  code: string;
  kind: string;
  name: string;
  sector: string | null;
  parent_id: number | null;
  in_scope: boolean;
  employer_id: number | null;
  founding_decision: string | null;
  founded_on: string | null;
  chair_name: string | null;
  chair_phone: string | null;
  dissolved_on: string | null;
  members: number;
}

const clean = (text: string | null) => text?.replace(/\s+/g, ' ').trim() || null;

/**
 * Grassroots unions, idempotent by code. A new code creates the CĐCS as a unit of the tree under
 * its upper union (from its founding date, or from the day the upper union took its place if it
 * is younger) with its registry profile; a known code updates name, sector and profile. Moving a
 * CĐCS to another upper union is an effective-dated restructuring, not a side effect of a
 * spreadsheet, so a file that names another upper union for a known CĐCS is refused for that row.
 */
export const grassrootsImport: ImportDefinition<GrassrootsContext, GrassrootsRecord> = {
  registry: 'grassroots',
  noun: 'công đoàn cơ sở',
  fields: GRASSROOTS_IMPORT_FIELDS,
  unitHint:
    'Công đoàn cơ sở được tạo trong cây tổ chức dưới đơn vị này. Nếu chọn một công đoàn xã, phường hoặc khu công nghiệp, tệp không cần cột Mã công đoàn cấp trên.',
  identity: 'Công đoàn cơ sở đã có (cùng mã CĐCS) được cập nhật hồ sơ, không tạo trùng; nhập lại cùng một tệp không thay đổi gì.',
  personalFields: { chairPhone: 'phone' },

  async prepare(db, scope) {
    const rows = await sql<{ id: number; code: string; kind: string }>`
      SELECT u.id, u.code, u.kind FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL
      WHERE p.path <@ ${scope.path}::ltree AND u.kind <> 'grassroots'`.execute(db);
    const holds = (kind: string) => isUnitKind(kind) && canBeChildOf('grassroots', kind);
    return {
      scopePath: scope.path,
      defaultParentId: holds(scope.kind) ? Number(scope.id) : null,
      parents: new Map(rows.rows.filter((r) => holds(r.kind)).map((r) => [r.code.toUpperCase(), Number(r.id)])),
      seen: new Map(),
    };
  },

  extraMissing: (header, ctx) => (header.mapping.parentCode === undefined && ctx.defaultParentId === null ? ['Mã công đoàn cấp trên'] : []),

  parseRow(row, ctx, today) {
    const code = (row.cell('code') ?? '').replace(/\s/g, '').toUpperCase();
    const name = clean(row.cell('name')) ?? '';
    if (!code) row.reject('code', 'Thiếu mã công đoàn cơ sở.');
    else if (!/^[A-Z0-9][A-Z0-9._-]{0,39}$/.test(code))
      row.reject('code', `Mã "${code}" không hợp lệ: chỉ dùng chữ không dấu, chữ số, dấu chấm, gạch ngang (tối đa 40 ký tự).`);
    if (!name) row.reject('name', 'Thiếu tên công đoàn cơ sở.');
    else if (name.length > 200) row.reject('name', 'Tên công đoàn cơ sở dài quá 200 ký tự.');
    const sectorText = row.cell('sector');
    const sector = parseSector(sectorText);
    if (!sectorText) row.reject('sector', 'Thiếu khu vực của công đoàn cơ sở.');
    else if (!sector) row.reject('sector', `Không hiểu khu vực "${sectorText}": dùng ${Object.values(SECTOR_LABELS).join(', ')}.`);
    let parentId = ctx.defaultParentId;
    const parentCode = row.cell('parentCode');
    if (parentCode) {
      parentId = ctx.parents.get(parentCode.trim().toUpperCase()) ?? null;
      if (parentId === null)
        row.reject(
          'parentCode',
          `Không có công đoàn cấp trên mã "${parentCode}" (công đoàn xã, phường, khu công nghiệp, ngành…) trong phạm vi đơn vị nhận dữ liệu.`,
        );
    } else if (parentId === null) row.reject('parentCode', 'Thiếu mã công đoàn cấp trên trực tiếp.');
    const date = (key: 'foundedOn' | 'dissolvedOn', label: string) => {
      const text = row.cell(key);
      if (!text) return null;
      const parsed = parseDateCell(text);
      if (!parsed.ok) row.reject(key, parsed.reason);
      else if (parsed.value > today) row.reject(key, `${label} ở tương lai.`);
      return parsed.ok && parsed.value <= today ? parsed.value : null;
    };
    const foundedOn = date('foundedOn', 'Ngày thành lập');
    const dissolvedOn = date('dissolvedOn', 'Ngày giải thể');
    if (foundedOn && dissolvedOn && dissolvedOn < foundedOn) row.reject('dissolvedOn', 'Ngày giải thể trước ngày thành lập.');
    const phoneText = row.cell('chairPhone');
    if (phoneText && normalizePhone(phoneText) === null)
      row.reject('chairPhone', 'Số điện thoại không hợp lệ (10–11 chữ số, bắt đầu bằng 0 hoặc +84).'); // the value stays out: reasons are shown unmasked
    const first = code ? ctx.seen.get(code) : undefined;
    if (first !== undefined) row.reject('code', `Trùng mã CĐCS với dòng ${first} trong cùng tệp.`);
    else if (code) ctx.seen.set(code, row.rowNumber);
    if (!code || !name || !sector || parentId === null) return null;
    return {
      code,
      name,
      parentId,
      sector,
      employerTaxCode: row.cell('employerTaxCode')?.replace(/\s/g, '') || null,
      employerId: null,
      foundingDecision: clean(row.cell('foundingDecision')),
      foundedOn,
      chairName: clean(row.cell('chairName')),
      chairPhone: phoneText ? normalizePhone(phoneText) : null,
      dissolvedOn,
    };
  },

  async writeBatch(trx, rows, ctx, today) {
    const codes = rows.map((r) => r.record.code);
    const found = await sql<ExistingUnit>`
      SELECT u.id, u.code, u.kind, u.name, u.sector, p.parent_id, coalesce(p.path <@ ${ctx.scopePath}::ltree, false) AS in_scope,
             g.employer_id, g.founding_decision, g.founded_on, g.chair_name, g.chair_phone, g.dissolved_on,
             (SELECT count(*) FROM member m WHERE m.current_unit_id = u.id AND m.status = 'active')::int AS members
      FROM org_unit u
      LEFT JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL
      LEFT JOIN grassroots_profile g ON g.unit_id = u.id
      WHERE upper(u.code) = ANY(${codes}::text[])`.execute(trx);
    const existing = new Map(found.rows.map((e) => [e.code.toUpperCase(), e]));
    const taxCodes = rows.map((r) => r.record.employerTaxCode).filter((t): t is string => t !== null);
    const employers = taxCodes.length
      ? (
          await sql<{ id: number; tax_code: string; cdcs_unit_id: number | null; in_scope: boolean }>`
          SELECT e.id, e.tax_code, e.cdcs_unit_id,
                 EXISTS (SELECT 1 FROM org_placement p WHERE p.unit_id = e.area_unit_id AND p.valid_to IS NULL AND p.path <@ ${ctx.scopePath}::ltree) AS in_scope
          FROM employer e WHERE e.tax_code = ANY(${taxCodes}::text[])`.execute(trx)
        ).rows
      : [];
    const employerByTax = new Map(employers.map((e) => [e.tax_code, e]));
    const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, rejections: [] };
    const refuse = (row: ParsedRow<GrassrootsRecord>, column: string, reason: string) =>
      outcome.rejections.push({ rowNumber: row.rowNumber, column, reason, raw: row.raw });
    const inserts: GrassrootsRecord[] = [];
    const updates: { id: number; record: GrassrootsRecord }[] = [];
    for (const row of rows) {
      const r = row.record;
      const taxCode = r.employerTaxCode;
      if (taxCode) {
        const employer = employerByTax.get(taxCode);
        if (!employer || !employer.in_scope) {
          refuse(
            row,
            'Mã số thuế đơn vị sử dụng lao động',
            `Không có đơn vị sử dụng lao động mã số thuế "${taxCode}" trong phạm vi nhập dữ liệu: hãy nhập danh sách doanh nghiệp trước.`,
          );
          continue;
        }
        r.employerId = Number(employer.id);
      }
      const e = existing.get(r.code);
      if (!e) {
        inserts.push(r);
        continue;
      }
      if (!e.in_scope) refuse(row, 'Mã CĐCS', `Mã "${r.code}" đã là của một đơn vị ngoài phạm vi nhập dữ liệu.`);
      else if (e.kind !== 'grassroots') refuse(row, 'Mã CĐCS', `Mã "${r.code}" là của một đơn vị không phải công đoàn cơ sở.`);
      else if (Number(e.parent_id) !== r.parentId) {
        refuse(
          row,
          'Mã công đoàn cấp trên',
          'Công đoàn cơ sở này đang trực thuộc một công đoàn cấp trên khác: đổi cấp trên là một lần sắp xếp tổ chức có ngày hiệu lực, hãy dùng chức năng sắp xếp tổ chức.',
        );
      } else if (r.dissolvedOn && !e.dissolved_on && e.members > 0) {
        refuse(
          row,
          'Ngày giải thể',
          `Công đoàn cơ sở còn ${e.members} đoàn viên đang sinh hoạt: hãy chuyển sinh hoạt hoặc ghi nhận ra khỏi tổ chức trước khi giải thể.`,
        );
      } else if (
        e.name === r.name &&
        e.sector === r.sector &&
        (e.employer_id === null ? null : Number(e.employer_id)) === r.employerId &&
        e.founding_decision === r.foundingDecision &&
        e.founded_on === r.foundedOn &&
        e.chair_name === r.chairName &&
        e.chair_phone === r.chairPhone &&
        e.dissolved_on === r.dissolvedOn
      )
        outcome.unchanged++;
      else updates.push({ id: Number(e.id), record: r });
    }
    outcome.inserted = inserts.length;
    outcome.updated = updates.length;
    if (inserts.length) await insertGrassroots(trx, inserts, today);
    if (updates.length) {
      const u = updates.map((x) => x.record);
      await sql`
        UPDATE org_unit o SET name = v.name, sector = v.sector, updated_at = now()
        FROM unnest(${updates.map((x) => x.id)}::bigint[], ${u.map((x) => x.name)}::text[], ${u.map((x) => x.sector)}::text[]) AS v(id, name, sector)
        WHERE o.id = v.id AND (o.name, o.sector) IS DISTINCT FROM (v.name, v.sector)`.execute(trx);
      await upsertProfiles(
        trx,
        updates.map((x) => ({ ...x.record, id: x.id })),
      );
    }
    const linked = [...inserts, ...updates.map((x) => x.record)].filter((r) => r.employerId !== null);
    if (linked.length) {
      // The employer's "represented by" link follows the CĐCS's "employer" link, so both registries agree.
      await sql`
        UPDATE employer e SET cdcs_unit_id = o.id, updated_at = now()
        FROM unnest(${linked.map((r) => r.employerId)}::bigint[], ${linked.map((r) => r.code)}::text[]) AS v(employer_id, code)
        JOIN org_unit o ON o.code = v.code
        WHERE e.id = v.employer_id AND e.cdcs_unit_id IS DISTINCT FROM o.id`.execute(trx);
    }
    return outcome;
  },
};

async function insertGrassroots(
  trx: Parameters<typeof grassrootsImport.writeBatch>[0],
  rows: GrassrootsRecord[],
  today: string,
): Promise<void> {
  const col = <K extends keyof GrassrootsRecord>(k: K) => rows.map((r) => r[k]);
  const inserted = await sql<{ id: number; code: string }>`
    INSERT INTO org_unit (code, name, kind, sector, valid_from)
    SELECT code, name, 'grassroots', sector, coalesce(founded_on, ${today}::date)
    FROM unnest(${col('code')}::text[], ${col('name')}::text[], ${col('sector')}::text[], ${col('foundedOn')}::date[]) AS v(code, name, sector, founded_on)
    RETURNING id, code`.execute(trx);
  const idOf = new Map(inserted.rows.map((r) => [r.code, Number(r.id)]));
  // Placed under the upper union from the founding date, or from the day the upper union took its
  // current place if that is later: the tree has no place for it before then.
  await sql`
    INSERT INTO org_placement (unit_id, parent_id, path, depth, valid_from)
    SELECT v.id, v.parent_id, p.path || v.id::text, p.depth + 1, greatest(coalesce(v.founded_on, ${today}::date), p.valid_from)
    FROM unnest(${rows.map((r) => idOf.get(r.code)!)}::bigint[], ${col('parentId')}::bigint[], ${col('foundedOn')}::date[]) AS v(id, parent_id, founded_on)
    JOIN org_placement p ON p.unit_id = v.parent_id AND p.valid_to IS NULL`.execute(trx);
  await upsertProfiles(
    trx,
    rows.map((r) => ({ ...r, id: idOf.get(r.code)! })),
  );
}

async function upsertProfiles(
  trx: Parameters<typeof grassrootsImport.writeBatch>[0],
  rows: (GrassrootsRecord & { id: number })[],
): Promise<void> {
  const col = <K extends keyof (GrassrootsRecord & { id: number })>(k: K) => rows.map((r) => r[k]);
  await sql`
    INSERT INTO grassroots_profile (unit_id, employer_id, founding_decision, founded_on, chair_name, chair_phone, status, dissolved_on)
    SELECT id, employer_id, founding_decision, founded_on, chair_name, chair_phone, CASE WHEN dissolved_on IS NULL THEN 'active' ELSE 'dissolved' END, dissolved_on
    FROM unnest(${col('id')}::bigint[], ${col('employerId')}::bigint[], ${col('foundingDecision')}::text[], ${col('foundedOn')}::date[],
                ${col('chairName')}::text[], ${col('chairPhone')}::text[], ${col('dissolvedOn')}::date[])
      AS v(id, employer_id, founding_decision, founded_on, chair_name, chair_phone, dissolved_on)
    ON CONFLICT (unit_id) DO UPDATE SET employer_id = excluded.employer_id, founding_decision = excluded.founding_decision, founded_on = excluded.founded_on,
      chair_name = excluded.chair_name, chair_phone = excluded.chair_phone, status = excluded.status, dissolved_on = excluded.dissolved_on`.execute(
    trx,
  );
}
