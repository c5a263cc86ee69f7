import { sql, type Kysely } from 'kysely';
import { normalizePhone } from '../../domain/registry/identity-codes.ts';
import { memberIssues } from '../../domain/registry/member-rules.ts';
import type { DB } from '../db/schema.ts';
import type { NewMember } from '../members/members.repository.ts';
import { parseDateCell, parseGenderCell } from '../tabular/cell-parsers.ts';
import type { RejectionRecord } from './import-job.repository.ts';
import type { BatchOutcome, ImportDefinition, ParsedRow } from './import-runner.ts';
import { MEMBER_FIELD_TITLE, MEMBER_IMPORT_FIELDS } from './member-import.fields.ts';

/** A member as a file row gives it; whether its CCCD needs review is decided per batch. */
type MemberRecord = Omit<NewMember, 'cccdReview'>;

interface MemberContext {
  scopePath: string;
  /** The importer's subtree: what they may learn exists (contains `scopePath`). */
  visiblePath: string;
  cdcsByCode: Map<string, number>;
  /** Importing into a CĐCS itself needs no "Mã CĐCS" column. */
  defaultUnitId: number | null;
  /** CCCD (as a number: 12 digits fit exactly) → first row it appeared on. */
  seen: Map<number, number>;
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
  cccd_review: boolean;
  /** Under the receiving unit. */
  in_scope: boolean;
  /** Under the importer's subtree. */
  visible: boolean;
}

/**
 * The record a row's CCCD finds, if the importer may know of it: under the receiving unit first
 * (the reviewed-for-duplicate ones last), then elsewhere in the importer's subtree. A record the
 * importer cannot see is never the answer: the row is then treated as a new person (see below).
 */
function holderFor(holders: ExistingMember[]): ExistingMember | null {
  const rank = (e: ExistingMember) => (e.in_scope ? (e.cccd_review ? 1 : 0) : e.visible ? 2 : 3);
  const best = holders.reduce<ExistingMember | null>((a, e) => (a === null || rank(e) < rank(a) ? e : a), null);
  return best && rank(best) < 3 ? best : null;
}

const same = (e: ExistingMember, r: MemberRecord) =>
  e.full_name === r.fullName &&
  e.gender === r.gender &&
  e.birth_date === r.birthDate &&
  e.phone === r.phone &&
  e.ethnicity === r.ethnicity &&
  e.card_number === r.cardNumber &&
  e.joined_on === r.joinedOn &&
  Number(e.current_unit_id) === r.unitId;

/** The record is in the importer's subtree (they can see it), not under the receiving unit. */
const ELSEWHERE_IN_VIEW =
  'Số CCCD đã thuộc hồ sơ đoàn viên của một công đoàn cơ sở khác, ngoài đơn vị nhận dữ liệu. Nếu người này chuyển sinh hoạt, hãy dùng chức năng chuyển sinh hoạt trên màn hình Đoàn viên.';

/** Members, idempotent by CCCD: an unchanged row changes nothing; a new CĐCS is a transfer from today. */
export const memberImport: ImportDefinition<MemberContext, MemberRecord> = {
  registry: 'members',
  noun: 'đoàn viên',
  fields: MEMBER_IMPORT_FIELDS,
  unitHint: 'Các Mã CĐCS trong tệp phải thuộc đơn vị này. Nếu chọn một công đoàn cơ sở, tệp không cần cột Mã CĐCS.',
  identity: 'Đoàn viên đã có (cùng số CCCD) được cập nhật, không tạo trùng; nhập lại cùng một tệp không thay đổi gì.',
  personalFields: { cccd: 'cccd', phone: 'phone' },

  async prepare(db, scope, viewerScopePath) {
    const rows = await sql<{ id: number; code: string }>`
      SELECT u.id, u.code FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL
      WHERE u.kind = 'grassroots' AND p.path <@ ${scope.path}::ltree`.execute(db);
    return {
      scopePath: scope.path,
      visiblePath: viewerScopePath,
      cdcsByCode: new Map(rows.rows.map((r) => [r.code.toUpperCase(), Number(r.id)])),
      defaultUnitId: scope.kind === 'grassroots' ? Number(scope.id) : null,
      seen: new Map(),
    };
  },

  extraMissing: (header, ctx) =>
    header.mapping.cdcsCode === undefined && ctx.defaultUnitId === null ? [MEMBER_FIELD_TITLE.cdcsCode!] : [],

  parseRow(row, ctx, today) {
    const fullName = (row.cell('fullName') ?? '').replace(/\s+/g, ' ').trim();
    const gender = parseGenderCell(row.cell('gender'));
    const birth = parseDateCell(row.cell('birthDate'));
    const joined = parseDateCell(row.cell('joinedOn'));
    const cccd = (row.cell('cccd') ?? '').replace(/[\s.]/g, '');
    const rejected = new Set<string>();
    const reject = (key: string, reason: string) => {
      rejected.add(key);
      row.reject(key, reason);
    };
    if (!gender.ok) reject('gender', gender.reason);
    if (!birth.ok) reject('birthDate', birth.reason);
    if (!joined.ok) reject('joinedOn', joined.reason);
    if (/^\d{11}$/.test(cccd))
      reject('cccd', 'Số CCCD chỉ có 11 chữ số: có thể Excel đã bỏ số 0 ở đầu. Hãy định dạng cột CCCD là Văn bản (Text) rồi nhập lại.');
    let unitId = ctx.defaultUnitId;
    const code = row.cell('cdcsCode');
    if (code) {
      unitId = ctx.cdcsByCode.get(code.toUpperCase()) ?? null;
      if (unitId === null) reject('cdcsCode', `Không có công đoàn cơ sở mã "${code}" trong phạm vi đơn vị nhận dữ liệu.`);
    } else if (unitId === null) reject('cdcsCode', 'Thiếu mã công đoàn cơ sở.');
    const phone = row.cell('phone');
    const fields = {
      fullName,
      gender: gender.ok ? gender.value : null,
      birthDate: birth.ok ? birth.value : null,
      cccd,
      phone,
      ethnicity: row.cell('ethnicity'),
      cardNumber: row.cell('cardNumber'),
      joinedOn: joined.ok ? joined.value : null,
    };
    for (const issue of memberIssues(fields, today)) {
      // Parsing already explained a bad date, gender or CCCD; the rules would only repeat it.
      if (!rejected.has(issue.field)) reject(issue.field, issue.message);
    }
    if (rejected.size) return null;
    const first = ctx.seen.get(Number(cccd));
    if (first !== undefined) {
      row.reject('cccd', `Trùng số CCCD với dòng ${first} trong cùng tệp.`);
      return null;
    }
    ctx.seen.set(Number(cccd), row.rowNumber);
    return {
      fullName,
      gender: fields.gender!,
      birthDate: fields.birthDate!,
      cccd,
      phone: phone ? normalizePhone(phone) : null,
      ethnicity: fields.ethnicity,
      cardNumber: fields.cardNumber,
      joinedOn: fields.joinedOn!,
      unitId: unitId!,
    };
  },

  async writeBatch(trx, rows, ctx, today) {
    const cccds = rows.map((r) => r.record.cccd);
    // Two branches, one per partial index on CCCD (records under duplicate review have their own).
    const found = await sql<ExistingMember>`
      SELECT m.id, m.cccd, m.full_name, m.gender, m.birth_date, m.phone, m.ethnicity, m.card_number, m.joined_on, m.current_unit_id, m.status, m.left_on,
             m.cccd_review, coalesce(p.path <@ ${ctx.scopePath}::ltree, false) AS in_scope, coalesce(p.path <@ ${ctx.visiblePath}::ltree, false) AS visible
      FROM (SELECT * FROM member WHERE cccd = ANY(${cccds}::text[]) AND status <> 'merged' AND NOT cccd_review
            UNION ALL
            SELECT * FROM member WHERE cccd = ANY(${cccds}::text[]) AND status <> 'merged' AND cccd_review) m
      LEFT JOIN org_placement p ON p.unit_id = m.current_unit_id AND p.valid_to IS NULL`.execute(trx);
    const holders = new Map<string, ExistingMember[]>();
    for (const e of found.rows) holders.set(e.cccd, [...(holders.get(e.cccd) ?? []), e]);
    const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, rejections: [] };
    const inserts: (MemberRecord & { review: boolean })[] = [];
    const updates: { id: number; record: MemberRecord; transfer: boolean }[] = [];
    const refuse = (row: ParsedRow<MemberRecord>, reason: string): RejectionRecord => ({
      rowNumber: row.rowNumber,
      column: 'Số CCCD',
      reason,
      raw: row.raw,
    });
    for (const row of rows) {
      const all = holders.get(row.record.cccd) ?? [];
      const e = holderFor(all);
      // Held only where the importer cannot see: saying so would confirm that this citizen is a
      // member somewhere. The row is added exactly as a new person's would be, marked for the
      // upper union that sees both records to resolve (docs/architecture.md, personal data).
      if (!e) inserts.push({ ...row.record, review: all.length > 0 });
      else if (!e.in_scope) outcome.rejections.push(refuse(row, ELSEWHERE_IN_VIEW));
      else if (e.status === 'left')
        outcome.rejections.push(refuse(row, `Người này đã ra khỏi tổ chức ngày ${e.left_on}: hãy kết nạp lại trên màn hình Đoàn viên.`));
      else if (same(e, row.record)) outcome.unchanged++;
      else updates.push({ id: Number(e.id), record: row.record, transfer: Number(e.current_unit_id) !== row.record.unitId });
    }
    outcome.inserted = inserts.length;
    outcome.updated = updates.length;
    if (inserts.length) await insertMembers(trx, inserts);
    if (updates.length) await updateMembers(trx, updates, today);
    return outcome;
  },
};

async function insertMembers(trx: Kysely<DB>, rows: (MemberRecord & { review: boolean })[]): Promise<void> {
  // unnest() of one array per column: 10 bind parameters whatever the batch size.
  const inserted = await sql<{ id: number; cccd: string }>`
    INSERT INTO member (full_name, gender, birth_date, cccd, phone, ethnicity, card_number, joined_on, current_unit_id, cccd_review)
    SELECT * FROM unnest(${rows.map((r) => r.fullName)}::text[], ${rows.map((r) => r.gender)}::text[], ${rows.map((r) => r.birthDate)}::date[],
                         ${rows.map((r) => r.cccd)}::text[], ${rows.map((r) => r.phone)}::text[], ${rows.map((r) => r.ethnicity)}::text[],
                         ${rows.map((r) => r.cardNumber)}::text[], ${rows.map((r) => r.joinedOn)}::date[], ${rows.map((r) => r.unitId)}::bigint[],
                         ${rows.map((r) => r.review)}::boolean[])
    RETURNING id, cccd`.execute(trx);
  const idByCccd = new Map(inserted.rows.map((r) => [r.cccd, Number(r.id)]));
  await sql`
    INSERT INTO membership (member_id, unit_id, valid_from, start_reason)
    SELECT id, unit, joined, 'joined' FROM unnest(${rows.map((r) => idByCccd.get(r.cccd)!)}::bigint[], ${rows.map((r) => r.unitId)}::bigint[], ${rows.map((r) => r.joinedOn)}::date[]) AS t(id, unit, joined)`.execute(
    trx,
  );
}

async function updateMembers(
  trx: Kysely<DB>,
  updates: { id: number; record: MemberRecord; transfer: boolean }[],
  today: string,
): Promise<void> {
  const r = updates.map((u) => u.record);
  const ids = updates.map((u) => u.id);
  await sql`
    UPDATE member m SET full_name = v.full_name, gender = v.gender, birth_date = v.birth_date, phone = v.phone, ethnicity = v.ethnicity,
                        card_number = v.card_number, joined_on = v.joined_on, current_unit_id = v.unit_id, updated_at = now()
    FROM unnest(${ids}::bigint[], ${r.map((x) => x.fullName)}::text[], ${r.map((x) => x.gender)}::text[], ${r.map((x) => x.birthDate)}::date[],
                ${r.map((x) => x.phone)}::text[], ${r.map((x) => x.ethnicity)}::text[], ${r.map((x) => x.cardNumber)}::text[], ${r.map((x) => x.joinedOn)}::date[],
                ${r.map((x) => x.unitId)}::bigint[]) AS v(id, full_name, gender, birth_date, phone, ethnicity, card_number, joined_on, unit_id)
    WHERE m.id = v.id`.execute(trx);
  // The first membership starts on the (possibly corrected) joining date.
  await sql`
    UPDATE membership h SET valid_from = v.joined_on
    FROM unnest(${ids}::bigint[], ${r.map((x) => x.joinedOn)}::date[]) AS v(id, joined_on)
    WHERE h.member_id = v.id AND h.start_reason = 'joined' AND h.valid_from <> v.joined_on
      AND (h.valid_to IS NULL OR h.valid_to > v.joined_on)`.execute(trx);
  // A different CĐCS in the file is a transfer from today (the history keeps where they were).
  for (const u of updates.filter((x) => x.transfer)) {
    const open = await trx
      .selectFrom('membership')
      .select(['id', 'valid_from'])
      .where('member_id', '=', u.id)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    if (open && open.valid_from < today) {
      await trx.updateTable('membership').set({ valid_to: today, end_reason: 'transfer_out' }).where('id', '=', open.id).execute();
      await trx
        .insertInto('membership')
        .values({
          member_id: u.id,
          unit_id: u.record.unitId,
          valid_from: today,
          start_reason: 'transfer_in',
          note: 'Theo tệp nhập danh sách',
        })
        .execute();
    } else if (open) {
      await trx.updateTable('membership').set({ unit_id: u.record.unitId }).where('id', '=', open.id).execute();
    }
  }
}
