import type { Kysely } from 'kysely';
import { maskCccd, maskPhone } from '../../domain/access/personal-data.ts';
import { normalizePhone } from '../../domain/registry/identity-codes.ts';
import { subtractIntervals } from '../../domain/registry/intervals.ts';
import { MEMBER_FIELD_LABELS, memberIssues, type MemberFields } from '../../domain/registry/member-rules.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import { isUnitInScope } from '../auth/auth.repository.ts';
import { can, type Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { findUnit } from '../org/org.repository.ts';
import { memberErrors } from './members.errors.ts';
import * as repo from './members.repository.ts';
import type { CreateMemberBody, MemberItem, UpdateMemberBody } from './members.schema.ts';
import { unitsToSumOn } from '../org/org-succession.repository.ts';
import { decodeCursor, nextCursorAfter } from '../http/keyset-cursor.ts';

export const memberNotFound = memberErrors.notFound;
const unitNotFound = memberErrors.grassrootsNotFound;

const STATUS_LABELS: Record<string, string> = { active: 'Đang sinh hoạt', left: 'Đã ra khỏi tổ chức', merged: 'Đã gộp vào hồ sơ khác' };
const REASON_LABELS: Record<string, string> = {
  joined: 'Kết nạp',
  transfer_in: 'Chuyển đến',
  merged_in: 'Gộp hồ sơ',
  restructure: 'Sắp xếp tổ chức',
  transfer_out: 'Chuyển đi',
  left: 'Ra khỏi tổ chức',
  merged: 'Gộp hồ sơ',
};

function validationError(issues: { field: keyof typeof MEMBER_FIELD_LABELS; message: string }[]) {
  return memberErrors.invalid(
    issues.map((i) => `${MEMBER_FIELD_LABELS[i.field]}: ${i.message}`).join(' '),
    issues.map((i) => ({ path: i.field, message: i.message })),
  );
}

/** Audit keeps who changed what, never a CCCD or phone in clear. */
function auditView(m: repo.MemberRow) {
  return {
    fullName: m.full_name,
    gender: m.gender,
    birthDate: m.birth_date,
    cccd: maskCccd(m.cccd),
    phone: maskPhone(m.phone),
    cardNumber: m.card_number,
    joinedOn: m.joined_on,
    unitId: m.current_unit_id,
    status: m.status,
  };
}

/** Optional text fields: blank means absent (query-string coercion also turns null into ""). */
const blankToNull = (value: string | null | undefined) =>
  value === undefined || value === null || value.trim() === '' ? null : value.normalize('NFC').trim();

export class MembersService {
  /** `read`: lists, search and counts (the replica when DATABASE_READ_URL is set); `db`: writes and a record's own page. */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly read: Kysely<DB> = db,
  ) {}

  present(row: repo.MemberRow, viewer: Principal | null): MemberItem {
    const unmasked = can(viewer, 'personal_data.view');
    return {
      id: Number(row.id),
      fullName: row.full_name,
      gender: row.gender,
      genderLabel: row.gender === 'female' ? 'Nữ' : 'Nam',
      birthDate: row.birth_date,
      cccd: unmasked ? row.cccd : maskCccd(row.cccd)!,
      phone: unmasked ? row.phone : maskPhone(row.phone),
      personalDataMasked: !unmasked,
      ethnicity: row.ethnicity,
      cardNumber: row.card_number,
      joinedOn: row.joined_on,
      status: row.status,
      statusLabel: STATUS_LABELS[row.status] ?? row.status,
      leftOn: row.left_on,
      leftReason: row.left_reason,
      unit:
        row.current_unit_id === null
          ? null
          : { id: Number(row.current_unit_id), code: row.unit_code ?? '', name: row.unit_name ?? '', sector: row.sector },
    };
  }

  private async subtreePath(principal: Principal, unitId: number | undefined): Promise<string> {
    if (unitId === undefined) return principal.scopePath;
    const unit = await findUnit(this.db, unitId, todayInVietnam());
    if (!unit) throw unitNotFound();
    return unit.path;
  }

  async list(
    principal: Principal,
    q: { q?: string; unitId?: number; status?: 'active' | 'left'; sector?: string; after?: string; limit?: number; withTotal?: boolean },
  ) {
    const limit = q.limit ?? 50;
    const text = (q.q ?? '').normalize('NFC').trim();
    const digits = /^\d{3,12}$/.test(text.replace(/\s/g, '')) ? text.replace(/\s/g, '') : null;
    const filter = {
      underPath: await this.subtreePath(principal, q.unitId),
      words: digits ? [] : text.split(/\s+/).filter(Boolean).slice(0, 8),
      // Searching by CCCD needs the right to see CCCDs (probing digit by digit would reveal them);
      // otherwise digits search card numbers only.
      digits,
      digitsMatchCccd: can(principal, 'personal_data.view'),
      status: q.status ?? null,
      sector: q.sector ?? null,
    };
    const rows = await repo.listMembers(this.read, { ...filter, after: decodeCursor(q.after), limit });
    return {
      items: rows.map((r) => this.present(r, principal)),
      nextCursor: nextCursorAfter(rows, limit),
      ...(q.withTotal && !q.after && { total: await repo.countMembers(this.read, filter) }),
    };
  }

  async detail(principal: Principal, actor: AuditActor, id: number): Promise<MemberItem> {
    const row = await repo.findMember(this.db, id);
    if (!row) throw memberNotFound();
    if (can(principal, 'personal_data.view')) {
      await writeAudit(this.db, actor, {
        action: 'personal_data.view',
        unitId: row.current_unit_id,
        entityType: 'member',
        entityId: id,
        detail: { fields: ['cccd', 'phone'] },
      });
    }
    return this.present(row, principal);
  }

  async history(id: number) {
    const rows = await repo.memberHistory(this.db, id);
    return {
      items: rows.map((h) => ({
        unit: { id: Number(h.unit_id), code: h.unit_code, name: h.unit_name },
        from: h.valid_from,
        to: h.valid_to,
        startReason: h.start_reason,
        startLabel: REASON_LABELS[h.start_reason] ?? h.start_reason,
        endReason: h.end_reason,
        endLabel: h.end_reason ? (REASON_LABELS[h.end_reason] ?? h.end_reason) : null,
        note: h.note,
      })),
    };
  }

  private async requireGrassroots(principal: Principal, unitId: number): Promise<void> {
    const unit = await findUnit(this.db, unitId, todayInVietnam());
    if (!unit || !(await isUnitInScope(this.db, unitId, principal.scopePath))) throw unitNotFound();
    if (unit.kind !== 'grassroots') throw memberErrors.notGrassroots(unit.name);
  }

  async create(principal: Principal, actor: AuditActor, body: CreateMemberBody): Promise<MemberItem> {
    const fields: MemberFields = {
      fullName: body.fullName.normalize('NFC').trim().replace(/\s+/g, ' '),
      gender: body.gender,
      birthDate: body.birthDate,
      cccd: body.cccd.trim(),
      phone: blankToNull(body.phone),
      ethnicity: blankToNull(body.ethnicity),
      cardNumber: blankToNull(body.cardNumber),
      joinedOn: body.joinedOn,
    };
    const issues = memberIssues(fields, todayInVietnam());
    if (issues.length) throw validationError(issues);
    await this.requireGrassroots(principal, body.cdcsUnitId);
    const cccdReview = await this.cccdReviewFor(principal, fields.cccd, null, memberErrors.cccdExistsOnCreate);
    const id = await this.db.transaction().execute(async (trx) => {
      const newId = await repo.insertMember(trx, {
        ...fields,
        gender: fields.gender!,
        birthDate: fields.birthDate!,
        joinedOn: fields.joinedOn!,
        phone: fields.phone && normalizePhone(fields.phone),
        unitId: body.cdcsUnitId,
        cccdReview,
      });
      await writeAudit(trx, actor, {
        action: 'member.create',
        unitId: body.cdcsUnitId,
        entityType: 'member',
        entityId: newId,
        after: auditView((await repo.findMember(trx, newId))!),
      });
      return newId;
    });
    return this.present((await repo.findMember(this.db, id))!, principal);
  }

  async update(principal: Principal, actor: AuditActor, id: number, body: UpdateMemberBody): Promise<MemberItem> {
    const before = await repo.findMember(this.db, id);
    if (!before) throw memberNotFound();
    const fields: MemberFields = {
      fullName: (body.fullName ?? before.full_name).normalize('NFC').trim().replace(/\s+/g, ' '),
      gender: body.gender ?? before.gender,
      birthDate: body.birthDate ?? before.birth_date,
      cccd: (body.cccd ?? before.cccd).trim(),
      phone: body.phone === undefined ? before.phone : blankToNull(body.phone),
      ethnicity: body.ethnicity === undefined ? before.ethnicity : blankToNull(body.ethnicity),
      cardNumber: body.cardNumber === undefined ? before.card_number : blankToNull(body.cardNumber),
      joinedOn: body.joinedOn ?? before.joined_on,
    };
    const issues = memberIssues(fields, todayInVietnam());
    if (issues.length) throw validationError(issues);
    const cccdChanged = fields.cccd !== before.cccd;
    const cccdReview = cccdChanged ? await this.cccdReviewFor(principal, fields.cccd, id, memberErrors.cccdExistsOnUpdate) : undefined;
    await this.db.transaction().execute(async (trx) => {
      await repo.updateMember(trx, id, {
        full_name: fields.fullName,
        gender: fields.gender!,
        birth_date: fields.birthDate!,
        cccd: fields.cccd,
        phone: fields.phone && normalizePhone(fields.phone),
        ethnicity: fields.ethnicity,
        card_number: fields.cardNumber,
        joined_on: fields.joinedOn!,
        updated_at: new Date(),
        ...(cccdReview !== undefined && { cccd_review: cccdReview }),
      });
      if (cccdChanged) await repo.settleCccd(trx, before.cccd); // the old CCCD may have waited on this record
      if (fields.joinedOn !== before.joined_on) {
        // The first membership starts when the person joined.
        await repo.moveFirstMembershipStart(trx, id, fields.joinedOn!);
      }
      await writeAudit(trx, actor, {
        action: 'member.update',
        unitId: before.current_unit_id,
        entityType: 'member',
        entityId: id,
        before: auditView(before),
        after: auditView((await repo.findMember(trx, id))!),
      });
    });
    return this.present((await repo.findMember(this.db, id))!, principal);
  }

  async transfer(principal: Principal, actor: AuditActor, id: number, toUnitId: number, date: string, note?: string): Promise<MemberItem> {
    await this.requireGrassroots(principal, toUnitId);
    if (date > todayInVietnam()) throw memberErrors.transferInFuture();
    await this.db.transaction().execute(async (trx) => {
      const open = await repo.openMembership(trx, id);
      if (!open) throw memberErrors.notActiveToTransfer();
      if (Number(open.unit_id) === toUnitId) throw memberErrors.sameUnit();
      if (date <= open.valid_from) throw memberErrors.transferBeforeMembership(open.valid_from);
      await repo.closeMembership(trx, Number(open.id), date, 'transfer_out');
      await repo.insertMembership(trx, {
        member_id: id,
        unit_id: toUnitId,
        valid_from: date,
        start_reason: 'transfer_in',
        note: note ?? null,
      });
      await repo.updateMember(trx, id, { current_unit_id: toUnitId, updated_at: new Date() });
      await writeAudit(trx, actor, {
        action: 'member.transfer',
        unitId: toUnitId,
        entityType: 'member',
        entityId: id,
        before: { unitId: Number(open.unit_id) },
        after: { unitId: toUnitId, date },
      });
    });
    return this.present((await repo.findMember(this.db, id))!, principal);
  }

  async leave(principal: Principal, actor: AuditActor, id: number, date: string, reason: string): Promise<MemberItem> {
    if (date > todayInVietnam()) throw memberErrors.leaveInFuture();
    await this.db.transaction().execute(async (trx) => {
      const open = await repo.openMembership(trx, id);
      if (!open) throw memberErrors.notActive();
      if (date <= open.valid_from) throw memberErrors.leaveBeforeMembership(open.valid_from);
      await repo.closeMembership(trx, Number(open.id), date, 'left');
      await repo.updateMember(trx, id, { status: 'left', left_on: date, left_reason: reason.normalize('NFC'), updated_at: new Date() });
      await writeAudit(trx, actor, {
        action: 'member.leave',
        unitId: Number(open.unit_id),
        entityType: 'member',
        entityId: id,
        after: { date, reason },
      });
    });
    return this.present((await repo.findMember(this.db, id))!, principal);
  }

  /**
   * Two records of one person become one. The kept record's history wins where both claim the
   * same days; the other record's days that the kept one lacks are carried over. The dropped
   * record stays, marked merged, so nothing is lost.
   */
  async merge(principal: Principal, actor: AuditActor, keepId: number, dropId: number): Promise<MemberItem> {
    if (keepId === dropId) throw memberErrors.mergeSame();
    const drop = await repo.findMember(this.db, dropId);
    if (!drop || drop.current_unit_id === null || !(await isUnitInScope(this.db, Number(drop.current_unit_id), principal.scopePath)))
      throw memberNotFound();
    if (drop.status === 'merged') throw memberErrors.alreadyMerged();
    await this.db.transaction().execute(async (trx) => {
      const kept = await repo.memberHistory(trx, keepId);
      const dropped = await repo.memberHistory(trx, dropId);
      const cover = kept.map((h) => ({ from: h.valid_from, to: h.valid_to }));
      for (const h of dropped) {
        for (const piece of subtractIntervals({ from: h.valid_from, to: h.valid_to }, cover)) {
          const endReason =
            piece.to === null ? null : piece.to === h.valid_to ? (h.end_reason as 'left' | 'transfer_out' | null) : 'merged';
          await repo.insertMembership(trx, {
            member_id: keepId,
            unit_id: Number(h.unit_id),
            valid_from: piece.from,
            valid_to: piece.to,
            start_reason: 'merged_in',
            end_reason: endReason,
            note: `Từ hồ sơ #${dropId}`,
          });
        }
      }
      await repo.deleteMemberships(trx, dropId);
      // The kept record's current CĐCS and status follow from its (possibly extended) history.
      const open = await repo.openMembership(trx, keepId);
      if (open)
        await repo.updateMember(trx, keepId, { status: 'active', current_unit_id: Number(open.unit_id), left_on: null, left_reason: null });
      await repo.updateMember(trx, dropId, { status: 'merged', merged_into_id: keepId, updated_at: new Date() });
      // Merging is how the upper union resolves a record under CCCD review: the kept one holds it.
      const keptCccd = (await repo.findMember(trx, keepId))?.cccd;
      if (keptCccd) await repo.settleCccd(trx, keptCccd, keepId);
      if (drop.cccd !== keptCccd) await repo.settleCccd(trx, drop.cccd);
      await writeAudit(trx, actor, {
        action: 'member.merge',
        unitId: drop.current_unit_id,
        entityType: 'member',
        entityId: keepId,
        before: {
          dropped: auditView(drop),
          history: dropped.map((h) => ({
            unitId: h.unit_id,
            from: h.valid_from,
            to: h.valid_to,
            start: h.start_reason,
            end: h.end_reason,
          })),
        },
        after: { keptId: keepId },
      });
    });
    return this.present((await repo.findMember(this.db, keepId))!, principal);
  }

  /**
   * Whether a new or corrected CCCD is to be reviewed by the upper union, or refused with `refusal`.
   *
   * Held by a record in the caller's subtree: refused, helpfully (they can see that record).
   * Held only outside it: accepted exactly as an unused CCCD would be, and marked for review.
   * Refusing would tell anyone with an account whether any citizen is a union member anywhere
   * (docs/architecture.md, personal data); the upper union that sees both records merges them.
   */
  private async cccdReviewFor(principal: Principal, cccd: string, selfId: number | null, refusal: () => Error): Promise<boolean> {
    const holders = (await repo.cccdHolders(this.db, cccd, principal.scopePath)).filter((h) => h.id !== selfId);
    if (holders.some((h) => h.in_scope)) throw refusal();
    return holders.length > 0;
  }

  async duplicates(principal: Principal) {
    const sameCccd = await repo.findCccdReviewGroups(this.db, principal.scopePath, 100);
    const listed = new Set(sameCccd.flatMap((g) => g.ids));
    const groups = [
      ...sameCccd.map((g) => ({
        ...g,
        reason: 'Trùng số CCCD: hồ sơ được tạo ở một đơn vị không thấy hồ sơ đã có. Hãy kiểm tra và gộp hai hồ sơ.',
      })),
      ...(await repo.findDuplicateGroups(this.db, principal.scopePath, 100))
        .filter((g) => !g.ids.every((id) => listed.has(id)))
        .map((g) => ({ ...g, reason: 'Trùng họ tên và ngày sinh ở hai công đoàn cơ sở' })),
    ];
    const items = [];
    for (const g of groups) {
      const members = (await Promise.all(g.ids.map((id) => repo.findMember(this.db, id)))).filter((m): m is repo.MemberRow => !!m);
      items.push({ reason: g.reason, members: members.map((m) => this.present(m, principal)) });
    }
    return { items };
  }

  async countOn(principal: Principal, unitId: number | undefined, date: string | undefined, viaPredecessors = false) {
    const on = date ?? todayInVietnam();
    const id = unitId ?? principal.unitId;
    if (!viaPredecessors) return { unitId: id, date: on, members: await repo.countMembersOn(this.read, id, on) };
    // A successor's past figure is the sum of its predecessors' (disjoint subtrees on that date).
    const units = await unitsToSumOn(this.read, id, on);
    const counts = await Promise.all(units.map((u) => repo.countMembersOn(this.read, u, on)));
    return { unitId: id, date: on, members: counts.reduce((a, b) => a + b, 0), summedUnitIds: units };
  }
}
