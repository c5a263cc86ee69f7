import { sql } from 'kysely';
import { agreementIssues } from '../../domain/registry/employer-rules.ts';
import { parseBooleanCell, parseDateCell } from '../tabular/cell-parsers.ts';
import type { FieldSpec } from '../tabular/header-detector.ts';
import { looseKey } from '../tabular/text-normalizer.ts';
import type { BatchOutcome, ImportDefinition } from './import-runner.ts';

export const AGREEMENT_IMPORT_FIELDS: FieldSpec[] = [
  { key: 'cdcsCode', label: 'Mã CĐCS', synonyms: ['mã công đoàn cơ sở'], required: true },
  { key: 'taxCode', label: 'Mã số thuế', synonyms: ['mst', 'mã số thuế doanh nghiệp'] },
  { key: 'number', label: 'Số thỏa ước', synonyms: ['số hiệu', 'số'] },
  { key: 'kind', label: 'Loại thỏa ước', synonyms: ['loại', 'cấp thỏa ước'] },
  { key: 'signedOn', label: 'Ngày ký', synonyms: ['ngày ký kết'], required: true },
  { key: 'effectiveFrom', label: 'Ngày có hiệu lực', synonyms: ['hiệu lực từ ngày', 'ngày hiệu lực'], required: true },
  { key: 'expiresOn', label: 'Ngày hết hạn', synonyms: ['hết hiệu lực', 'ngày hết hiệu lực', 'hiệu lực đến ngày'], required: true },
  { key: 'qualityClass', label: 'Xếp loại', synonyms: ['loại chất lượng', 'đánh giá chất lượng', 'xếp loại chất lượng'] },
  { key: 'betterThanLaw', label: 'Có lợi hơn luật', synonyms: ['có lợi hơn quy định của pháp luật', 'có lợi hơn'] },
];

const KINDS: [RegExp, 'enterprise' | 'sector' | 'multi_employer'][] = [
  [/nhieu doanh nghiep|nhieu dn/, 'multi_employer'],
  [/nganh/, 'sector'],
  [/doanh nghiep|dn|co so|don vi/, 'enterprise'],
];

interface AgreementRecord {
  cdcsUnitId: number;
  employerId: number | null;
  number: string | null;
  kind: 'enterprise' | 'sector' | 'multi_employer';
  signedOn: string;
  effectiveFrom: string;
  expiresOn: string;
  qualityClass: 'A' | 'B' | 'C' | 'D' | null;
  betterThanLaw: boolean;
}

interface AgreementContext {
  cdcsByCode: Map<string, number>;
  employerByTax: Map<string, number>;
  seen: Map<string, number>;
}

/** Agreements, idempotent by (CĐCS, effective date): the same agreement imported twice is one. */
export const agreementImport: ImportDefinition<AgreementContext, AgreementRecord> = {
  registry: 'agreements',
  noun: 'thỏa ước',
  fields: AGREEMENT_IMPORT_FIELDS,
  unitHint: 'Các Mã CĐCS trong tệp phải thuộc đơn vị này.',
  identity:
    'Thỏa ước đã có (cùng công đoàn cơ sở và ngày có hiệu lực) được cập nhật, không tạo trùng; nhập lại cùng một tệp không thay đổi gì.',

  async prepare(db, scope) {
    const cdcs = await sql<{ id: number; code: string }>`
      SELECT u.id, u.code FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL
      WHERE u.kind = 'grassroots' AND p.path <@ ${scope.path}::ltree`.execute(db);
    const employers = await sql<{ id: number; tax_code: string }>`
      SELECT e.id, e.tax_code FROM employer e JOIN org_placement p ON p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL
      WHERE p.path <@ ${scope.path}::ltree`.execute(db);
    return {
      cdcsByCode: new Map(cdcs.rows.map((r) => [r.code.toUpperCase(), Number(r.id)])),
      employerByTax: new Map(employers.rows.map((r) => [r.tax_code, Number(r.id)])),
      seen: new Map(),
    };
  },

  parseRow(row, ctx, today) {
    const code = row.cell('cdcsCode');
    const cdcsUnitId = code ? (ctx.cdcsByCode.get(code.toUpperCase()) ?? null) : null;
    if (!code) row.reject('cdcsCode', 'Thiếu mã công đoàn cơ sở.');
    else if (cdcsUnitId === null) row.reject('cdcsCode', `Không có công đoàn cơ sở mã "${code}" trong phạm vi đơn vị nhận dữ liệu.`);
    const tax = row.cell('taxCode')?.replace(/\s/g, '') ?? null;
    const employerId = tax ? (ctx.employerByTax.get(tax) ?? null) : null;
    if (tax && employerId === null) row.reject('taxCode', `Không có đơn vị sử dụng lao động mã số thuế ${tax} trong phạm vi.`);
    const date = (key: string) => {
      const parsed = parseDateCell(row.cell(key));
      if (!parsed.ok) row.reject(key, parsed.reason);
      return parsed.ok ? parsed.value : null;
    };
    const signedOn = date('signedOn');
    const effectiveFrom = date('effectiveFrom');
    const expiresOn = date('expiresOn');
    const kindText = row.cell('kind');
    const kind = kindText ? (KINDS.find(([re]) => re.test(looseKey(kindText)))?.[1] ?? null) : 'enterprise';
    if (!kind) row.reject('kind', `Không hiểu loại thỏa ước "${kindText}" (doanh nghiệp, ngành, nhiều doanh nghiệp).`);
    const qualityText =
      row
        .cell('qualityClass')
        ?.replace(/^loại\s*/i, '')
        .toUpperCase() ?? null;
    if (qualityText && !['A', 'B', 'C', 'D'].includes(qualityText))
      row.reject('qualityClass', `Xếp loại "${qualityText}" không hợp lệ (A, B, C hoặc D).`);
    const betterText = row.cell('betterThanLaw');
    const better = betterText ? parseBooleanCell(betterText) : { ok: true as const, value: false };
    if (!better.ok) row.reject('betterThanLaw', better.reason);
    if (!signedOn || !effectiveFrom || !expiresOn || !kind || cdcsUnitId === null) return null;
    for (const issue of agreementIssues({ kind, signedOn, effectiveFrom, expiresOn, qualityClass: qualityText }, today)) {
      if (issue.field !== 'qualityClass') row.reject(issue.field, issue.message);
    }
    const key = `${cdcsUnitId}|${effectiveFrom}`;
    const first = ctx.seen.get(key);
    if (first !== undefined)
      row.reject('effectiveFrom', `Trùng thỏa ước (cùng CĐCS, cùng ngày có hiệu lực) với dòng ${first} trong cùng tệp.`);
    else ctx.seen.set(key, row.rowNumber);
    return {
      cdcsUnitId,
      employerId,
      number: row.cell('number'),
      kind,
      signedOn,
      effectiveFrom,
      expiresOn,
      qualityClass: (qualityText as AgreementRecord['qualityClass']) || null,
      betterThanLaw: better.ok ? better.value : false,
    };
  },

  async writeBatch(trx, rows) {
    const found = await sql<{
      id: number;
      cdcs_unit_id: number;
      effective_from: string;
      employer_id: number | null;
      number: string | null;
      kind: string;
      signed_on: string;
      expires_on: string;
      quality_class: string | null;
      better_than_law: boolean;
    }>`
      SELECT a.id, a.cdcs_unit_id, a.effective_from, a.employer_id, a.number, a.kind, a.signed_on, a.expires_on, a.quality_class, a.better_than_law
      FROM agreement a JOIN unnest(${rows.map((r) => r.record.cdcsUnitId)}::bigint[], ${rows.map((r) => r.record.effectiveFrom)}::date[]) AS k(cdcs, eff)
        ON a.cdcs_unit_id = k.cdcs AND a.effective_from = k.eff`.execute(trx);
    const existing = new Map(found.rows.map((a) => [`${a.cdcs_unit_id}|${a.effective_from}`, a]));
    const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, rejections: [] };
    for (const { record: r } of rows) {
      const e = existing.get(`${r.cdcsUnitId}|${r.effectiveFrom}`);
      const values = {
        cdcs_unit_id: r.cdcsUnitId,
        employer_id: r.employerId,
        number: r.number,
        kind: r.kind,
        signed_on: r.signedOn,
        effective_from: r.effectiveFrom,
        expires_on: r.expiresOn,
        quality_class: r.qualityClass,
        better_than_law: r.betterThanLaw,
      };
      if (!e) {
        await trx.insertInto('agreement').values(values).execute();
        outcome.inserted++;
      } else if (
        (e.employer_id === null ? null : Number(e.employer_id)) === r.employerId &&
        e.number === r.number &&
        e.kind === r.kind &&
        e.signed_on === r.signedOn &&
        e.expires_on === r.expiresOn &&
        e.quality_class === r.qualityClass &&
        e.better_than_law === r.betterThanLaw
      ) {
        outcome.unchanged++;
      } else {
        await trx
          .updateTable('agreement')
          .set({ ...values, updated_at: new Date() })
          .where('id', '=', Number(e.id))
          .execute();
        outcome.updated++;
      }
    }
    return outcome;
  },
};
