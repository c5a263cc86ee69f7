import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { agreementIssues } from '../../domain/registry/employer-rules.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import { isUnitInScope } from '../auth/auth.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { checkFileContent } from '../files/file-content.ts';
import { decodeCursor, encodeCursor, invalidCursor } from '../http/keyset-cursor.ts';
import { boundedCount } from '../http/list-total.ts';
import { commonErrors } from '../http/common.errors.ts';
import { findUnit } from '../org/org.repository.ts';
import { agreementErrors } from './agreements.errors.ts';
import { insertStoredFile } from '../files/stored-files.repository.ts';
import * as repo from './agreements.repository.ts';
import type { AgreementItem, CreateAgreementBody, RenewAgreementBody } from './agreements.schema.ts';

export const agreementNotFound = agreementErrors.notFound;
const KIND_LABELS: Record<string, string> = {
  enterprise: 'Thỏa ước doanh nghiệp',
  sector: 'Thỏa ước ngành',
  multi_employer: 'Thỏa ước có nhiều doanh nghiệp tham gia',
};
const QUALITY_ORDER = ['A', 'B', 'C', 'D'];
export const AGREEMENT_FILE_MAX_BYTES = 20 * 1024 * 1024;
const FIELD_LABELS: Record<string, string> = {
  signedOn: 'Ngày ký',
  effectiveFrom: 'Ngày có hiệu lực',
  expiresOn: 'Ngày hết hạn',
  qualityClass: 'Xếp loại',
  kind: 'Loại thỏa ước',
};

function present(r: repo.AgreementRow, asOf: string): AgreementItem {
  return {
    id: Number(r.id),
    number: r.number,
    kind: r.kind,
    kindLabel: KIND_LABELS[r.kind] ?? r.kind,
    cdcs: { id: Number(r.cdcs_unit_id), code: r.cdcs_code, name: r.cdcs_name },
    employer: r.employer_id === null ? null : { id: Number(r.employer_id), taxCode: r.tax_code ?? '', name: r.employer_name ?? '' },
    signedOn: r.signed_on,
    effectiveFrom: r.effective_from,
    expiresOn: r.expires_on,
    endedOn: r.ended_on,
    qualityClass: r.quality_class,
    betterThanLaw: r.better_than_law,
    renewsId: r.renews_id === null ? null : Number(r.renews_id),
    inForce: r.effective_from <= asOf && asOf <= (r.ended_on ?? r.expires_on),
    file: r.file_id === null ? null : { id: Number(r.file_id), name: r.file_name ?? '', size: Number(r.file_size ?? 0) },
  };
}

/** The columns an agreement's form sets, alike for a new agreement and a renewal. */
function termsOf(body: RenewAgreementBody) {
  return {
    kind: body.kind,
    number: body.number?.trim() || null,
    signed_on: body.signedOn,
    effective_from: body.effectiveFrom,
    expires_on: body.expiresOn,
    quality_class: body.qualityClass ?? null,
    better_than_law: body.betterThanLaw ?? false,
  };
}

/** Only PDF and Word files, recognised by their first bytes, not by the name the browser sends. */
export class AgreementsService {
  constructor(private readonly db: Kysely<DB>) {}

  async list(
    principal: Principal,
    q: {
      unitId?: number;
      inForceOn?: string;
      minQuality?: string;
      betterThanLaw?: boolean;
      asOf?: string;
      sort?: repo.AgreementSort;
      after?: string;
      afterId?: number;
      limit?: number;
      withTotal?: boolean;
    },
  ) {
    const asOf = q.asOf ?? todayInVietnam();
    const limit = q.limit ?? 50;
    const sort = q.sort ?? 'recent';
    const order = repo.AGREEMENT_ORDERS[sort];
    const after = decodeCursor(q.after, sort);
    if (after && !order.keyIsValid(after.key)) throw invalidCursor();
    if (q.afterId !== undefined && sort !== 'recent') throw agreementErrors.afterIdWithSort();
    let path = principal.scopePath;
    if (q.unitId !== undefined) path = (await findUnit(this.db, q.unitId, todayInVietnam()))?.path ?? path;
    const filtered = (db: Kysely<DB>) => {
      let query = repo.agreementsUnder(db, path);
      if (q.inForceOn) query = query.where(repo.inForceOn(q.inForceOn));
      if (q.minQuality)
        query = query.where('a.quality_class', 'in', QUALITY_ORDER.slice(0, QUALITY_ORDER.indexOf(q.minQuality) + 1) as 'A'[]);
      if (q.betterThanLaw !== undefined) query = query.where('a.better_than_law', '=', q.betterThanLaw);
      return query;
    };
    let query = filtered(this.db).select(order.key.as('sort_key'));
    if (after) query = query.where(order.after(after.key, after.id));
    if (q.afterId) query = query.where('a.id', '<', q.afterId);
    const rows = (await query
      .orderBy(order.expression, order.direction)
      .orderBy('a.id', order.direction)
      .limit(limit)
      .execute()) as (repo.AgreementRow & { sort_key: string })[];
    const last = rows.length === limit ? rows.at(-1) : undefined;
    return {
      items: rows.map((r) => present(r, asOf)),
      nextCursor: last ? encodeCursor(String(last.sort_key), Number(last.id), sort) : null,
      nextAfterId: last && sort === 'recent' ? Number(last.id) : null,
      ...(q.withTotal && !after && !q.afterId && { total: await boundedCount(this.db, filtered) }),
    };
  }

  async detail(id: number): Promise<AgreementItem> {
    const row = (await repo.agreementsQuery(this.db).where('a.id', '=', id).executeTakeFirst()) as repo.AgreementRow | undefined;
    if (!row) throw agreementNotFound();
    return present(row, todayInVietnam());
  }

  private validate(body: RenewAgreementBody): void {
    const issues = agreementIssues(
      {
        kind: body.kind,
        signedOn: body.signedOn,
        effectiveFrom: body.effectiveFrom,
        expiresOn: body.expiresOn,
        qualityClass: body.qualityClass ?? null,
      },
      todayInVietnam(),
    );
    if (issues.length) {
      throw agreementErrors.invalid(
        issues.map((i) => `${FIELD_LABELS[i.field]}: ${i.message}`).join(' '),
        issues.map((i) => ({ path: i.field, message: i.message })),
      );
    }
  }

  private async checkCdcs(principal: Principal, unitId: number, employerId: number | null | undefined): Promise<void> {
    const unit = await findUnit(this.db, unitId, todayInVietnam());
    if (!unit || !(await isUnitInScope(this.db, unitId, principal.scopePath))) {
      throw commonErrors.unitNotFound();
    }
    if (unit.kind !== 'grassroots') throw commonErrors.notGrassroots(unit.name);
    if (employerId) {
      if (!(await repo.employerExists(this.db, employerId))) throw agreementErrors.employerUnknown();
    }
  }

  async create(principal: Principal, actor: AuditActor, body: CreateAgreementBody): Promise<AgreementItem> {
    this.validate(body);
    await this.checkCdcs(principal, body.cdcsUnitId, body.employerId);
    const id = await this.db.transaction().execute(async (trx) => {
      const agreementId = await repo.insertAgreement(trx, {
        cdcs_unit_id: body.cdcsUnitId,
        employer_id: body.employerId ?? null,
        ...termsOf(body),
      });
      await writeAudit(trx, actor, {
        action: 'agreement.create',
        unitId: body.cdcsUnitId,
        entityType: 'agreement',
        entityId: agreementId,
        after: body,
      });
      return agreementId;
    });
    return this.detail(id);
  }

  /** A renewal starts a new agreement; the old one stays in force until the day before. */
  async renew(principal: Principal, actor: AuditActor, id: number, body: RenewAgreementBody): Promise<AgreementItem> {
    const old = await this.detail(id);
    this.validate(body);
    if (body.effectiveFrom <= old.effectiveFrom) throw agreementErrors.renewalTooEarly();
    const newId = await this.db.transaction().execute(async (trx) => {
      await repo.endBefore(trx, id, body.effectiveFrom);
      const agreementId = await repo.insertAgreement(trx, {
        cdcs_unit_id: old.cdcs.id,
        employer_id: body.employerId ?? old.employer?.id ?? null,
        ...termsOf(body),
        renews_id: id,
      });
      await writeAudit(trx, actor, {
        action: 'agreement.renew',
        unitId: old.cdcs.id,
        entityType: 'agreement',
        entityId: agreementId,
        before: { renews: id },
        after: body,
      });
      return agreementId;
    });
    return this.detail(newId);
  }

  async update(
    actor: AuditActor,
    id: number,
    body: { number?: string | null; qualityClass?: 'A' | 'B' | 'C' | 'D' | null; betterThanLaw?: boolean; endedOn?: string | null },
  ) {
    const before = await this.detail(id);
    if (body.endedOn && (body.endedOn < before.effectiveFrom || body.endedOn > before.expiresOn)) {
      throw agreementErrors.endedOutsideTerm();
    }
    await this.db.transaction().execute(async (trx) => {
      await repo.updateAgreement(trx, id, {
        ...(body.number !== undefined && { number: body.number?.trim() || null }),
        ...(body.qualityClass !== undefined && { quality_class: body.qualityClass }),
        ...(body.betterThanLaw !== undefined && { better_than_law: body.betterThanLaw }),
        ...(body.endedOn !== undefined && { ended_on: body.endedOn }),
      });
      await writeAudit(trx, actor, {
        action: 'agreement.update',
        unitId: before.cdcs.id,
        entityType: 'agreement',
        entityId: id,
        before,
        after: body,
      });
    });
    return this.detail(id);
  }

  async attachFile(actor: AuditActor, id: number, fileName: string, content: Buffer): Promise<AgreementItem> {
    const before = await this.detail(id);
    const { mime } = checkFileContent(content, ['pdf', 'docx'], 'Tệp thỏa ước');
    const sha256 = createHash('sha256').update(content).digest('hex');
    await this.db.transaction().execute(async (trx) => {
      const fileId = await insertStoredFile(trx, { fileName: fileName.normalize('NFC').slice(0, 200), mimeType: mime, sha256, content });
      await repo.updateAgreement(trx, id, { file_id: fileId });
      await writeAudit(trx, actor, {
        action: 'agreement.attach_file',
        unitId: before.cdcs.id,
        entityType: 'agreement',
        entityId: id,
        after: { fileName, size: content.length, sha256 },
      });
    });
    return this.detail(id);
  }

  async file(id: number) {
    const row = await repo.agreementFile(this.db, id);
    if (!row) throw agreementErrors.noFile();
    return { fileName: row.file_name, mimeType: row.mime_type, content: row.content };
  }

  async countOn(principal: Principal, unitId: number | undefined, date: string | undefined) {
    const on = date ?? todayInVietnam();
    const id = unitId ?? principal.unitId;
    return { unitId: id, date: on, ...(await repo.countAgreementsOn(this.db, id, on)) };
  }
}
