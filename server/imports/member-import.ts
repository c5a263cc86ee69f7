import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../domain/errors/app-error.ts';
import { normalizePhone } from '../../domain/registry/identity-codes.ts';
import { memberIssues, MEMBER_FIELD_LABELS } from '../../domain/registry/member-rules.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import { findUnit } from '../org/org.repository.ts';
import { parseDateCell, parseGenderCell } from '../tabular/cell-parsers.ts';
import { stripFormulaGuard } from '../tabular/formula-guard.ts';
import { applyMapping, detectHeader, type HeaderDetection } from '../tabular/header-detector.ts';
import { openTable, readFirstRows } from '../tabular/table-reader.ts';
import type { TableRow } from '../tabular/table-types.ts';
import * as jobs from './import-job.repository.ts';
import { MEMBER_FIELD_TITLE, MEMBER_IMPORT_FIELDS } from './member-import.fields.ts';

export interface ImportRequest {
  filePath: string;
  fileName: string;
  /** The unit the file is imported into: every CĐCS in the file must be in its subtree. */
  scopeUnitId: number;
  dryRun: boolean;
  actor: AuditActor;
  createdBy: number | null;
  /** Column index → field key (or null to ignore), from the mapping step. */
  mapping?: Record<number, string | null>;
  batchSize?: number;
  onProgress?: (counters: jobs.Counters) => void;
  /** Created by the caller (the HTTP route answers with it before the work is done). */
  jobId?: number;
}

export interface ImportReport {
  jobId: number;
  dryRun: boolean;
  counters: jobs.Counters;
  header: { rowNumber: number; mapped: Record<string, string>; ignoredColumns: string[] };
  notes: string[];
}

interface ParsedMember {
  rowNumber: number;
  raw: (string | null)[];
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string;
  cccd: string;
  phone: string | null;
  ethnicity: string | null;
  cardNumber: string | null;
  joinedOn: string;
  unitId: number;
}

class DryRunRollback extends Error {}

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Everything that can be checked before the first row is read: the unit, the CĐCS codes, the columns. */
export async function prepareMemberImport(db: Kysely<DB>, req: Pick<ImportRequest, 'filePath' | 'scopeUnitId' | 'mapping'>) {
  const today = todayInVietnam();
  const scope = await findUnit(db, req.scopeUnitId, today);
  if (!scope) throw new AppError('UNIT_NOT_FOUND', 'not_found', 'Không tìm thấy đơn vị nhận dữ liệu.');
  const cdcsRows = await sql<{ id: number; code: string }>`
    SELECT u.id, u.code FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL
    WHERE u.kind = 'grassroots' AND p.path <@ ${scope.path}::ltree`.execute(db);
  const cdcsByCode = new Map(cdcsRows.rows.map((r) => [r.code.toUpperCase(), Number(r.id)]));
  const defaultUnitId = scope.kind === 'grassroots' ? Number(scope.id) : null;

  let header: HeaderDetection = detectHeader(await readFirstRows({ path: req.filePath }, 15), MEMBER_IMPORT_FIELDS);
  if (req.mapping) header = applyMapping(header, req.mapping, MEMBER_IMPORT_FIELDS);
  const missing = header.missingRequired.map((k) => MEMBER_FIELD_TITLE[k]!);
  if (header.mapping.cdcsCode === undefined && defaultUnitId === null) missing.push(MEMBER_FIELD_TITLE.cdcsCode!);
  if (header.headerRowNumber === 0 || missing.length) {
    throw new AppError(
      'IMPORT_COLUMNS_MISSING',
      'bad_request',
      header.headerRowNumber === 0
        ? 'Không nhận ra dòng tiêu đề của danh sách. Dòng tiêu đề cần có các cột như "Họ và tên", "Ngày sinh", "Số CCCD".'
        : `Tệp thiếu cột bắt buộc: ${missing.join(', ')}. Hãy thêm cột, hoặc chọn cột tương ứng ở bước ghép cột.`,
      header.columns.map((c) => ({ path: `column:${c.index}`, message: c.title })),
    );
  }
  return { scope, cdcsByCode, defaultUnitId, header };
}

export async function importMembers(db: Kysely<DB>, req: ImportRequest): Promise<ImportReport> {
  const { scope, cdcsByCode, defaultUnitId, header } = await prepareMemberImport(db, req);
  const jobId = req.jobId ?? (await jobs.createJob(db, {
    registry: 'members', fileName: req.fileName, sha256: await fileSha256(req.filePath), scopeUnitId: Number(scope.id), dryRun: req.dryRun,
    createdBy: req.createdBy, headerTitles: headerTitles(header),
  }));
  const totals: jobs.Counters = { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const notes: string[] = [];
  const col = (key: string) => header.mapping[key];
  const titleOf = (key: string) => header.columns.find((c) => c.index === col(key))?.title ?? MEMBER_FIELD_TITLE[key] ?? key;
  const seen = new Map<number, number>(); // CCCD (as a number: 12 digits fit exactly) → first row
  const today = todayInVietnam();
  const batchSize = req.batchSize ?? 2000;
  let batch: ParsedMember[] = [];
  let batchRejections: jobs.RejectionRecord[] = [];
  let batchRead = 0;
  let formulaRows = 0;

  const flush = async () => {
    if (batchRead === 0) return;
    const delta = await writeBatch(db, { jobId, scopePath: scope.path, rows: batch, rejections: batchRejections, read: batchRead, dryRun: req.dryRun, actor: req.actor, today });
    for (const k of Object.keys(totals) as (keyof jobs.Counters)[]) totals[k] += delta[k];
    req.onProgress?.({ ...totals });
    batch = [];
    batchRejections = [];
    batchRead = 0;
  };

  const table = openTable({ path: req.filePath });
  try {
    for await (const row of table) {
      if (row.rowNumber <= header.headerRowNumber) continue;
      batchRead++;
      if (row.formulaCells?.some((i) => Object.values(header.mapping).includes(i))) formulaRows++;
      const parsed = parseRow(row, { col, titleOf, cdcsByCode, defaultUnitId, today, seen });
      if ('issues' in parsed) batchRejections.push(...parsed.issues);
      else batch.push(parsed);
      if (batchRead >= batchSize) await flush();
    }
    await flush();
  } catch (error) {
    await jobs.finishJob(db, jobId, 'failed', error instanceof Error ? error.message : String(error), req.dryRun ? totals : undefined);
    throw error;
  }
  if (table.summary.stoppedAtEmptyRun) notes.push(`Dừng đọc sau dòng ${table.summary.lastRowNumber} vì gặp một vùng rất nhiều dòng trống liên tiếp.`);
  if (formulaRows) notes.push(`${formulaRows} dòng có ô chứa công thức: đã dùng giá trị đã tính sẵn trong tệp, không tính lại công thức.`);
  // A dry run wrote nothing, so its totals are recorded once here; a real run added them batch by batch.
  await jobs.finishJob(db, jobId, 'done', notes.join(' ') || null, req.dryRun ? totals : undefined);
  return {
    jobId, dryRun: req.dryRun, counters: totals,
    header: {
      rowNumber: header.headerRowNumber,
      mapped: Object.fromEntries(Object.entries(header.mapping).map(([k, i]) => [k, header.columns.find((c) => c.index === i)?.title ?? `Cột ${i + 1}`])),
      ignoredColumns: header.unmappedColumns.map((c) => c.title),
    },
    notes,
  };
}

/** The header row's titles by column position (null where a column has no title). */
export function headerTitles(header: HeaderDetection): (string | null)[] {
  const titles: (string | null)[] = [];
  for (const c of header.columns) titles[c.index] = c.title;
  return Array.from(titles, (t) => t ?? null);
}

interface RowContext {
  col: (key: string) => number | undefined;
  titleOf: (key: string) => string;
  cdcsByCode: Map<string, number>;
  defaultUnitId: number | null;
  today: string;
  seen: Map<number, number>;
}

function parseRow(row: TableRow, ctx: RowContext): ParsedMember | { issues: jobs.RejectionRecord[] } {
  // Text that our own exports neutralised against formula injection ("'=…") reads back as written.
  const cell = (key: string) => {
    const i = ctx.col(key);
    const value = i === undefined ? null : (row.cells[i] ?? null);
    return value === null ? null : stripFormulaGuard(value);
  };
  const issues: jobs.RejectionRecord[] = [];
  const reject = (key: string, reason: string) => issues.push({ rowNumber: row.rowNumber, column: ctx.titleOf(key), reason, raw: row.cells });

  const fullName = (cell('fullName') ?? '').replace(/\s+/g, ' ').trim();
  const gender = parseGenderCell(cell('gender'));
  const birth = parseDateCell(cell('birthDate'));
  const joined = parseDateCell(cell('joinedOn'));
  const cccd = (cell('cccd') ?? '').replace(/[\s.]/g, '');
  if (!gender.ok) reject('gender', gender.reason);
  if (!birth.ok) reject('birthDate', birth.reason);
  if (!joined.ok) reject('joinedOn', joined.reason);
  if (/^\d{11}$/.test(cccd)) {
    reject('cccd', 'Số CCCD chỉ có 11 chữ số: có thể Excel đã bỏ số 0 ở đầu. Hãy định dạng cột CCCD là Văn bản (Text) rồi nhập lại.');
  }
  const phoneText = cell('phone');
  let unitId = ctx.defaultUnitId;
  const code = cell('cdcsCode');
  if (code) {
    unitId = ctx.cdcsByCode.get(code.toUpperCase()) ?? null;
    if (unitId === null) reject('cdcsCode', `Không có công đoàn cơ sở mã "${code}" trong phạm vi đơn vị nhận dữ liệu.`);
  } else if (unitId === null) reject('cdcsCode', 'Thiếu mã công đoàn cơ sở.');

  const fields = {
    fullName, gender: gender.ok ? gender.value : null, birthDate: birth.ok ? birth.value : null, cccd,
    phone: phoneText, ethnicity: cell('ethnicity'), cardNumber: cell('cardNumber'), joinedOn: joined.ok ? joined.value : null,
  };
  const already = new Set(issues.map((i) => i.column));
  for (const issue of memberIssues(fields, ctx.today)) {
    const key = issue.field === 'cdcs' || issue.field === 'row' ? 'cdcsCode' : issue.field;
    // Parsing already explained a bad date or gender; the rules would only repeat "missing".
    if (!already.has(ctx.titleOf(key))) reject(key, issue.message);
  }
  if (issues.length === 0) {
    const first = ctx.seen.get(Number(cccd));
    if (first !== undefined) reject('cccd', `Trùng số CCCD với dòng ${first} trong cùng tệp.`);
    else ctx.seen.set(Number(cccd), row.rowNumber);
  }
  if (issues.length) return { issues };
  return {
    rowNumber: row.rowNumber, raw: row.cells, fullName, gender: fields.gender!, birthDate: fields.birthDate!, cccd,
    phone: phoneText ? normalizePhone(phoneText) : null, ethnicity: fields.ethnicity, cardNumber: fields.cardNumber, joinedOn: fields.joinedOn!, unitId: unitId!,
  };
}

interface ExistingMember {
  id: number;
  cccd: string;
  full_name: string;
  gender: string;
  birth_date: string;
  phone: string | null;
  ethnicity: string | null;
  card_number: string | null;
  joined_on: string;
  current_unit_id: number | null;
  status: string;
  left_on: string | null;
  in_scope: boolean;
}

const sameMember = (e: ExistingMember, p: ParsedMember) =>
  e.full_name === p.fullName && e.gender === p.gender && e.birth_date === p.birthDate && e.phone === p.phone &&
  e.ethnicity === p.ethnicity && e.card_number === p.cardNumber && e.joined_on === p.joinedOn && Number(e.current_unit_id) === p.unitId;

/**
 * One batch, one transaction: the rows, their rejections and the job's counters commit together,
 * so a crash leaves whole batches only and a re-run finds the committed rows unchanged.
 */
async function writeBatch(
  db: Kysely<DB>,
  b: { jobId: number; scopePath: string; rows: ParsedMember[]; rejections: jobs.RejectionRecord[]; read: number; dryRun: boolean; actor: AuditActor; today: string },
): Promise<jobs.Counters> {
  const delta: jobs.Counters = { rowsRead: b.read, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const rejections = [...b.rejections];
  try {
    await db.transaction().execute(async (trx) => {
      const existing = new Map<string, ExistingMember>();
      if (b.rows.length) {
        const found = await sql<ExistingMember>`
          SELECT m.id, m.cccd, m.full_name, m.gender, m.birth_date, m.phone, m.ethnicity, m.card_number, m.joined_on, m.current_unit_id, m.status, m.left_on,
                 coalesce(p.path <@ ${b.scopePath}::ltree, false) AS in_scope
          FROM member m LEFT JOIN org_placement p ON p.unit_id = m.current_unit_id AND p.valid_to IS NULL
          WHERE m.cccd = ANY(${b.rows.map((r) => r.cccd)}::text[]) AND m.status <> 'merged'`.execute(trx);
        for (const e of found.rows) existing.set(e.cccd, e);
      }
      const inserts: ParsedMember[] = [];
      const updates: { id: number; row: ParsedMember; transferFrom: number | null }[] = [];
      for (const row of b.rows) {
        const e = existing.get(row.cccd);
        if (!e) inserts.push(row);
        else if (!e.in_scope) rejections.push({ rowNumber: row.rowNumber, column: 'Số CCCD', reason: 'Số CCCD đã thuộc hồ sơ đoàn viên của một đơn vị ngoài phạm vi nhập dữ liệu.', raw: row.raw });
        else if (e.status === 'left') rejections.push({ rowNumber: row.rowNumber, column: 'Số CCCD', reason: `Người này đã ra khỏi tổ chức ngày ${e.left_on}: hãy kết nạp lại trên màn hình Đoàn viên.`, raw: row.raw });
        else if (sameMember(e, row)) delta.unchanged++;
        else updates.push({ id: Number(e.id), row, transferFrom: Number(e.current_unit_id) !== row.unitId ? Number(e.current_unit_id) : null });
      }
      delta.inserted = inserts.length;
      delta.updated = updates.length;
      delta.rejected = new Set(rejections.map((r) => r.rowNumber)).size;
      if (inserts.length) await insertMembers(trx, inserts);
      if (updates.length) await updateMembers(trx, updates, b.today);
      if (b.dryRun) throw new DryRunRollback();
      await jobs.insertRejections(trx, b.jobId, rejections);
      await jobs.addToJob(trx, b.jobId, delta);
      if (inserts.length || updates.length) {
        await writeAudit(trx, b.actor, { action: 'import.members', entityType: 'import_job', entityId: b.jobId, detail: { inserted: delta.inserted, updated: delta.updated, firstRow: b.rows[0]?.rowNumber } });
      }
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
    await jobs.insertRejections(db, b.jobId, rejections); // a dry run's report is its rejections
  }
  return delta;
}

async function insertMembers(trx: Kysely<DB>, rows: ParsedMember[]): Promise<void> {
  // unnest() of one array per column: 10 bind parameters whatever the batch size.
  const inserted = await sql<{ id: number; cccd: string }>`
    INSERT INTO member (full_name, gender, birth_date, cccd, phone, ethnicity, card_number, joined_on, current_unit_id)
    SELECT * FROM unnest(${rows.map((r) => r.fullName)}::text[], ${rows.map((r) => r.gender)}::text[], ${rows.map((r) => r.birthDate)}::date[],
                         ${rows.map((r) => r.cccd)}::text[], ${rows.map((r) => r.phone)}::text[], ${rows.map((r) => r.ethnicity)}::text[],
                         ${rows.map((r) => r.cardNumber)}::text[], ${rows.map((r) => r.joinedOn)}::date[], ${rows.map((r) => r.unitId)}::bigint[])
    RETURNING id, cccd`.execute(trx);
  const idByCccd = new Map(inserted.rows.map((r) => [r.cccd, Number(r.id)]));
  await sql`
    INSERT INTO membership (member_id, unit_id, valid_from, start_reason)
    SELECT id, unit, joined, 'joined' FROM unnest(${rows.map((r) => idByCccd.get(r.cccd)!)}::bigint[], ${rows.map((r) => r.unitId)}::bigint[], ${rows.map((r) => r.joinedOn)}::date[]) AS t(id, unit, joined)`.execute(trx);
}

async function updateMembers(trx: Kysely<DB>, updates: { id: number; row: ParsedMember; transferFrom: number | null }[], today: string): Promise<void> {
  const r = updates.map((u) => u.row);
  await sql`
    UPDATE member m SET full_name = v.full_name, gender = v.gender, birth_date = v.birth_date, phone = v.phone, ethnicity = v.ethnicity,
                        card_number = v.card_number, joined_on = v.joined_on, current_unit_id = v.unit_id, updated_at = now()
    FROM unnest(${updates.map((u) => u.id)}::bigint[], ${r.map((x) => x.fullName)}::text[], ${r.map((x) => x.gender)}::text[], ${r.map((x) => x.birthDate)}::date[],
                ${r.map((x) => x.phone)}::text[], ${r.map((x) => x.ethnicity)}::text[], ${r.map((x) => x.cardNumber)}::text[], ${r.map((x) => x.joinedOn)}::date[],
                ${r.map((x) => x.unitId)}::bigint[]) AS v(id, full_name, gender, birth_date, phone, ethnicity, card_number, joined_on, unit_id)
    WHERE m.id = v.id`.execute(trx);
  // The first membership starts on the (possibly corrected) joining date.
  await sql`
    UPDATE membership h SET valid_from = v.joined_on
    FROM unnest(${updates.map((u) => u.id)}::bigint[], ${r.map((x) => x.joinedOn)}::date[]) AS v(id, joined_on)
    WHERE h.member_id = v.id AND h.start_reason = 'joined' AND h.valid_from <> v.joined_on
      AND (h.valid_to IS NULL OR h.valid_to > v.joined_on)`.execute(trx);
  // A different CĐCS in the file is a transfer from today (the history keeps where they were).
  for (const u of updates.filter((x) => x.transferFrom !== null)) {
    const open = await trx.selectFrom('membership').select(['id', 'valid_from']).where('member_id', '=', u.id).where('valid_to', 'is', null).executeTakeFirst();
    if (open && open.valid_from < today) {
      await trx.updateTable('membership').set({ valid_to: today, end_reason: 'transfer_out' }).where('id', '=', open.id).execute();
      await trx.insertInto('membership').values({ member_id: u.id, unit_id: u.row.unitId, valid_from: today, start_reason: 'transfer_in', note: 'Theo tệp nhập danh sách' }).execute();
    } else if (open) {
      await trx.updateTable('membership').set({ unit_id: u.row.unitId }).where('id', '=', open.id).execute();
    }
  }
}

export const MEMBER_LABELS = MEMBER_FIELD_LABELS;
