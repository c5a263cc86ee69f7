// Use cases of the document library: upload (intake → extraction → stored for review), review
// and confirm (targets enter the target model), search, the cascade graph and its links.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { AppError, ErrorIssue } from '../../domain/errors/app-error.ts';
import type { ExtractionResult } from '../../domain/extraction/extraction-types.ts';
import { chooseReferencedDocument } from '../../domain/extraction/reference-resolution.ts';
import { proposeMetadata, proposeTargets } from '../../domain/extraction/target-proposal.ts';
import { formatVietnamTime, formatVietnameseDate, todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { requireIsoDate } from '../http/common.errors.ts';
import { documentErrors } from './documents.errors.ts';
import { documentWork, type DocumentWorkPool } from './intake/document-worker.ts';
import { isIntakeError } from './intake/intake-error.ts';
import { DEFAULT_MAX_BYTES } from './intake/read-document.ts';
import { insertStoredFile } from '../files/stored-files.repository.ts';
import * as repo from './documents.repository.ts';
import { presentDetail, presentItems, presentLink, presentSummary } from './documents.presenter.ts';
import type {
  CascadeEntry,
  CreateLinkBody,
  DocumentMetadata,
  DocumentReview,
  DraftMetadata,
  DuplicateDetails,
  ReviewDraft,
  SaveDraftBody,
  SaveReviewBody,
  SearchQuery,
  TargetDecision,
} from './documents.schema.ts';

export const DOCUMENT_MAX_BYTES = DEFAULT_MAX_BYTES;
export const documentNotFound = documentErrors.notFound;

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
} as const;

type Review = Static<typeof DocumentReview>;
type Metadata = Static<typeof DocumentMetadata>;
type Decision = Static<typeof TargetDecision>;
type Draft = Static<typeof ReviewDraft>;

const clean = (v: string | null | undefined) => v?.normalize('NFC').replace(/\s+/g, ' ').trim() || null;

export class DocumentsService {
  /** `work` runs reading and extraction off the event loop, bounded (intake/document-worker.ts). */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly work: DocumentWorkPool = documentWork,
  ) {}

  /**
   * Reads the file before anything is written: a refused file leaves no trace. A document already
   * in the caller's subtree is offered instead of a copy (409 with `details.existing`): the same
   * file always (it is that document), the same symbol of the same issuer unless the caller says
   * it is another document (`acceptSameSymbol`: numbering restarts every year, a symbol may be
   * misread).
   */
  async upload(
    principal: Principal,
    actor: AuditActor,
    issuerUnitId: number,
    fileName: string,
    content: Buffer,
    options: { acceptSameSymbol?: boolean } = {},
  ): Promise<Review> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const sameFile = await repo.findSameFile(this.db, sha256, principal.scopePath);
    if (sameFile) throw duplicateOf(sameFile, 'file');
    const { intake, extraction } = await this.work.run(content, fileName).catch((error: unknown) => {
      if (!isIntakeError(error)) throw error;
      throw documentErrors.intake(error.code, error.message);
    });
    const proposed = proposeMetadata(extraction);
    if (proposed.symbol && !options.acceptSameSymbol) {
      const sameSymbol = await repo.findSameSymbol(
        this.db,
        { issuerUnitId, symbol: proposed.symbol, issuedOn: proposed.issuedOn },
        principal.scopePath,
      );
      if (sameSymbol) throw duplicateOf(sameSymbol, 'symbol');
    }
    const name = fileName.normalize('NFC').replace(/[\\/]/g, '_').slice(0, 200) || `van-ban.${intake.format}`;
    const metadata: repo.MetadataValues = { ...proposed, title: proposed.title ?? name.replace(/\.[a-z0-9]+$/i, '') };
    const id = await this.db.transaction().execute(async (trx) => {
      const fileId = await insertStoredFile(trx, { fileName: name, mimeType: MIME[intake.format], sha256, content });
      const documentId = await repo.insertReviewDocument(trx, { issuerUnitId, fileId, metadata });
      await repo.insertReview(trx, { documentId, format: intake.format, text: intake.text, warnings: intake.warnings, extraction });
      await repo.insertExtractedLinks(
        trx,
        documentId,
        extraction.references.map((r) => ({ symbol: r.symbol, relation: r.relation, date: r.date })),
      );
      await this.resolveAround(trx, documentId);
      await writeAudit(trx, actor, {
        action: 'document.upload',
        unitId: issuerUnitId,
        entityType: 'plan_document',
        entityId: documentId,
        after: { fileName: name, sizeBytes: content.length, symbol: metadata.symbol, targetsFound: extraction.targets.length },
      });
      return documentId;
    });
    return this.review(principal, id);
  }

  async review(principal: Principal, id: number): Promise<Review> {
    const row = await repo.findDocument(this.db, id, principal.scopePath);
    const stored = await repo.findReview(this.db, id);
    if (!row || !stored) throw documentNotFound();
    const extraction = stored.extraction as ExtractionResult;
    return {
      document: presentDetail(row),
      format: stored.format,
      text: stored.text,
      warnings: stored.warnings,
      proposals: proposeTargets(extraction),
      items: presentItems(extraction),
      links: await this.presentLinks(principal, id),
      decisions: (stored.decisions as Decision[] | null) ?? null,
      savedTargets: Number(row.targets),
      draft: {
        version: stored.version,
        metadata: (stored.draft_metadata as Draft['metadata']) ?? null,
        savedAt: stored.saved_by ? new Date(stored.updated_at).toISOString() : null,
        savedBy: stored.saved_by,
      },
    };
  }

  /**
   * The autosaved working copy (decisions and metadata as typed): nothing checked for
   * completeness, nothing enters the system; refused if someone saved the review since `version`.
   */
  async saveDraft(
    principal: Principal,
    actor: AuditActor,
    id: number,
    body: Static<typeof SaveDraftBody>,
  ): Promise<Omit<Draft, 'metadata'>> {
    const row = await repo.findDocument(this.db, id, principal.scopePath);
    if (!row) throw documentNotFound();
    if (row.status === 'confirmed') throw alreadyConfirmed();
    const saved = await this.db.transaction().execute(async (trx) => {
      const written = await repo.saveDecisions(trx, id, {
        decisions: body.targets,
        draftMetadata: draftMetadata(body.metadata),
        savedBy: actor.label,
        expectedVersion: body.version,
      });
      if (!written) return undefined;
      await writeAudit(trx, actor, {
        action: 'document.review_draft',
        unitId: Number(row.issuer_unit_id),
        entityType: 'plan_document',
        entityId: id,
        after: { version: written.version, ...decisionCounts(body.targets) },
      });
      return written;
    });
    if (!saved) throw await this.versionConflict(id);
    return { version: saved.version, savedAt: new Date(saved.updated_at).toISOString(), savedBy: actor.label };
  }

  /** Someone saved the review between our read and our write: name them, from the row as it is now. */
  private async versionConflict(id: number): Promise<AppError> {
    const stamp = await repo.reviewStamp(this.db, id);
    const who = stamp?.saved_by ?? 'người khác';
    const when = stamp ? ` lúc ${formatVietnamTime(new Date(stamp.updated_at))}` : '';
    return documentErrors.reviewVersionConflict(who, when);
  }

  /** Saves the reviewer's choices; with `confirm`, the confirmed targets enter the system. */
  async saveReview(principal: Principal, actor: AuditActor, id: number, body: Static<typeof SaveReviewBody>): Promise<Review> {
    const row = await repo.findDocument(this.db, id, principal.scopePath);
    if (!row) throw documentNotFound();
    if (row.status === 'confirmed') throw alreadyConfirmed();
    const metadata = checkedMetadata(body.metadata);
    const stored = await repo.findReview(this.db, id);
    const proposals = new Map(proposeTargets(stored!.extraction as ExtractionResult).map((p) => [p.key, p]));
    const confirmed = body.confirm ? await this.checkedTargets(principal, body.targets, Number(row.issuer_unit_id)) : [];
    const annual = {
      from: metadata.termFrom ?? Number((metadata.issuedOn ?? todayInVietnam()).slice(0, 4)),
      to: metadata.termTo ?? metadata.termFrom ?? Number((metadata.issuedOn ?? todayInVietnam()).slice(0, 4)),
    };
    const written = await this.db.transaction().execute(async (trx) => {
      // First, so that a stale version writes nothing (the transaction ends here).
      const saved = await repo.saveDecisions(trx, id, {
        decisions: body.targets,
        draftMetadata: null,
        savedBy: actor.label,
        expectedVersion: body.version,
      });
      if (!saved) return false;
      await repo.updateMetadata(trx, id, metadata, body.confirm ? 'confirmed' : undefined);
      const targetIds: number[] = [];
      for (const t of confirmed) {
        const proposal = proposals.get(t.key);
        targetIds.push(
          await repo.insertTarget(trx, {
            documentId: id,
            unitId: t.unitId ?? Number(row.issuer_unit_id),
            indicatorCode: t.indicatorCode!,
            comparator: t.comparator,
            value: t.value,
            annual: t.annual ? annual : null,
            deadline: t.annual ? null : `${t.deadlineYear}-12-31`,
            sectors: t.sectors?.length ? t.sectors : null,
            minWorkers: t.minWorkers ?? null,
            subject: clean(t.subject) ?? proposal?.subject ?? '',
            quote: clean(t.quote) ?? proposal?.quote ?? null,
          }),
        );
      }
      await this.resolveAround(trx, id);
      await writeAudit(trx, actor, {
        action: body.confirm ? 'document.confirm' : 'document.review_save',
        unitId: Number(row.issuer_unit_id),
        entityType: 'plan_document',
        entityId: id,
        after: { metadata, confirmed: confirmed.length, dropped: body.targets.filter((t) => t.decision === 'drop').length, targetIds },
      });
      return true;
    });
    if (!written) throw await this.versionConflict(id);
    return this.review(principal, id);
  }

  /** Each confirmed target must be complete and measured inside the caller's scope. */
  private async checkedTargets(principal: Principal, decisions: Decision[], issuerUnitId: number): Promise<Decision[]> {
    const confirmed = decisions.filter((d) => d.decision === 'confirm');
    const units = await repo.indicatorUnits(
      this.db,
      confirmed.map((d) => d.indicatorCode).filter((c): c is string => !!c),
    );
    const inScope = await repo.unitsInScope(
      this.db,
      confirmed.map((d) => d.unitId ?? issuerUnitId),
      principal.scopePath,
    );
    const issues: ErrorIssue[] = [];
    confirmed.forEach((d) => {
      const at = decisions.indexOf(d);
      const label = `Chỉ tiêu ${at + 1}${d.subject ? ` (${d.subject.slice(0, 60)})` : ''}`;
      if (!d.indicatorCode) issues.push({ path: `targets.${at}.indicatorCode`, message: `${label}: hãy chọn chỉ số để đo.` });
      else if (!units.has(d.indicatorCode))
        issues.push({ path: `targets.${at}.indicatorCode`, message: `${label}: không có chỉ số "${d.indicatorCode}" trong danh mục.` });
      else if (units.get(d.indicatorCode) === 'percent' && (d.value < 0 || d.value > 100))
        issues.push({ path: `targets.${at}.value`, message: `${label}: tỷ lệ phải từ 0 đến 100%.` });
      if (!d.annual && !d.deadlineYear)
        issues.push({ path: `targets.${at}.deadlineYear`, message: `${label}: cần năm hoàn thành, hoặc chọn "hằng năm".` });
      if (!inScope.has(d.unitId ?? issuerUnitId))
        issues.push({ path: `targets.${at}.unitId`, message: `${label}: không tìm thấy đơn vị thực hiện trong phạm vi của bạn.` });
    });
    if (issues.length) throw documentErrors.targetsIncomplete(issues);
    return confirmed;
  }

  async discard(principal: Principal, actor: AuditActor, id: number): Promise<void> {
    const row = await repo.findDocument(this.db, id, principal.scopePath);
    if (!row) throw documentNotFound();
    if (row.status !== 'review') throw alreadyConfirmed();
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteReviewDocument(trx, id);
      await writeAudit(trx, actor, {
        action: 'document.discard',
        unitId: Number(row.issuer_unit_id),
        entityType: 'plan_document',
        entityId: id,
        before: { symbol: row.symbol, title: row.title },
      });
    });
  }

  async search(principal: Principal, q: Static<typeof SearchQuery>) {
    const rows = await repo.searchDocuments(this.db, {
      underUnitId: q.unitId ?? principal.unitId,
      scopePath: principal.scopePath,
      words: (q.q ?? '').normalize('NFC').split(/\s+/).filter(Boolean).slice(0, 8),
      status: q.status,
      includeAbove: q.includeAbove ?? false,
      limit: q.limit ?? 100,
    });
    return { items: rows.map(presentSummary) };
  }

  async detail(principal: Principal, id: number) {
    const row = await repo.findDocument(this.db, id, principal.scopePath);
    if (!row) throw documentNotFound();
    return presentDetail(row);
  }

  async file(id: number) {
    const file = await repo.fileOfDocument(this.db, id);
    if (!file) throw documentErrors.noFile();
    return { fileName: file.file_name, mimeType: file.mime_type, content: file.content };
  }

  /** Up: what this implements, transitively; down: what implements it. Documents outside the scope are shown only upward. */
  async cascade(principal: Principal, id: number) {
    const root = await repo.findDocument(this.db, id, principal.scopePath);
    if (!root) throw documentNotFound();
    const [up, down] = await Promise.all([repo.cascadeRows(this.db, id, 'up'), repo.cascadeRows(this.db, id, 'down')]);
    const ids = [...up, ...down].map((r) => r.document_id).filter((d): d is number => d !== null);
    const docs = new Map((await repo.findDocuments(this.db, [...new Set(ids)], principal.scopePath)).map((d) => [Number(d.id), d]));
    const above = await repo.issuersAbove(
      this.db,
      [...docs.values()].map((d) => Number(d.issuer_unit_id)),
      principal.scopePath,
    );
    const entry = (r: repo.CascadeRow, document: repo.DocumentRow | undefined): Static<typeof CascadeEntry> => ({
      key: r.key,
      parentKey: r.key.includes('/') ? r.key.slice(0, r.key.lastIndexOf('/')) : null,
      depth: r.depth,
      linkId: r.link_id,
      relation: r.relation,
      symbol: r.symbol ?? document?.symbol ?? null,
      document: document ? presentSummary(document) : null,
    });
    const upEntries = up.map((r) => {
      const d = r.document_id === null ? undefined : docs.get(r.document_id);
      // Upward, a document of a level above the caller is context (what one implements); a sideways one stays a bare symbol.
      return entry(r, d && (d.is_in_scope || above.has(Number(d.issuer_unit_id))) ? d : undefined);
    });
    const kept = new Set<string>();
    const downEntries = down.flatMap((r) => {
      const d = docs.get(r.document_id!);
      const parent = r.key.includes('/') ? r.key.slice(0, r.key.lastIndexOf('/')) : null;
      if (!d?.is_in_scope || (parent !== null && !kept.has(parent))) return [];
      kept.add(r.key);
      return [entry(r, d)];
    });
    return { document: presentSummary(root), up: upEntries, down: downEntries, references: await this.presentLinks(principal, id) };
  }

  async link(principal: Principal, actor: AuditActor, id: number, body: Static<typeof CreateLinkBody>) {
    if (body.linkedDocumentId === id) throw documentErrors.linkToSelf();
    const target = await repo.findDocument(this.db, body.linkedDocumentId, principal.scopePath);
    const above = target ? await repo.issuersAbove(this.db, [Number(target.issuer_unit_id)], principal.scopePath) : new Set<number>();
    if (!target || !(target.is_in_scope || above.has(Number(target.issuer_unit_id)))) throw documentNotFound();
    const relation = body.relation ?? 'implements';
    await this.db.transaction().execute(async (trx) => {
      if (body.linkId) {
        const link = await repo.findLink(trx, id, body.linkId);
        if (!link) throw documentErrors.linkNotFound();
        await repo.setLinkTarget(trx, body.linkId, body.linkedDocumentId, body.relation);
      } else {
        await repo.insertManualLink(trx, id, body.linkedDocumentId, relation);
      }
      await writeAudit(trx, actor, {
        action: 'document.link',
        unitId: principal.unitId,
        entityType: 'plan_document',
        entityId: id,
        after: { linkedDocumentId: body.linkedDocumentId, relation, linkId: body.linkId ?? null },
      });
    });
    return this.cascade(principal, id);
  }

  /** A hand-made link is removed; an extracted reference stays, unlinked, so it can be linked again. */
  async unlink(principal: Principal, actor: AuditActor, id: number, linkId: number) {
    const link = await repo.findLink(this.db, id, linkId);
    if (!link) throw documentErrors.linkNotFound();
    await this.db.transaction().execute(async (trx) => {
      if (link.source === 'manual') await repo.deleteLink(trx, linkId);
      else await repo.setLinkTarget(trx, linkId, null);
      await writeAudit(trx, actor, {
        action: 'document.unlink',
        unitId: principal.unitId,
        entityType: 'plan_document',
        entityId: id,
        before: { linkedDocumentId: link.linked_document_id, symbol: link.symbol },
      });
    });
    return this.cascade(principal, id);
  }

  /** Resolves this document's pending references, and references elsewhere waiting for its symbol. */
  private async resolveAround(trx: Transaction<DB>, documentId: number): Promise<void> {
    const key = await repo.symbolKeyOf(trx, documentId);
    const pending = [...(await repo.pendingLinks(trx, { documentId })), ...(key ? await repo.pendingLinks(trx, { symbolKey: key }) : [])];
    for (const l of pending) {
      const candidates = await repo.referenceCandidates(trx, l.symbol_key!, Number(l.document_id), Number(l.issuer_unit_id));
      const chosen = chooseReferencedDocument(candidates, l.referenced_on);
      if (chosen !== null) await repo.setLinkTarget(trx, Number(l.id), chosen);
    }
  }

  private async presentLinks(principal: Principal, id: number) {
    const links = await repo.linksOf(this.db, id);
    const linkedIds = links
      .map((l) => l.linked_document_id)
      .filter((d): d is number => d !== null)
      .map(Number);
    const docs = new Map((await repo.findDocuments(this.db, linkedIds, principal.scopePath)).map((d) => [Number(d.id), d]));
    const above = await repo.issuersAbove(
      this.db,
      [...docs.values()].map((d) => Number(d.issuer_unit_id)),
      principal.scopePath,
    );
    return links.map((l) => {
      const d = l.linked_document_id === null ? undefined : docs.get(Number(l.linked_document_id));
      return presentLink(l, d && (d.is_in_scope || above.has(Number(d.issuer_unit_id))) ? presentSummary(d) : null);
    });
  }
}

const alreadyConfirmed = documentErrors.alreadyConfirmed;

const decisionCounts = (targets: readonly Decision[]) => ({
  confirmed: targets.filter((t) => t.decision === 'confirm').length,
  dropped: targets.filter((t) => t.decision === 'drop').length,
  pending: targets.filter((t) => t.decision === 'pending').length,
});

/** 409 naming the document already in the system, with what the upload screen needs to open it. */
function duplicateOf(existing: repo.DocumentRow, by: 'file' | 'symbol'): AppError {
  const d = presentSummary(existing);
  const state = d.status === 'review' ? 'đang chờ rà soát' : 'đã lưu';
  const name = `${d.symbol ? `${d.symbol} — ` : ''}${d.title}`;
  const details: Static<typeof DuplicateDetails> = { existing: d, canProceed: by === 'symbol' };
  if (by === 'file') {
    return documentErrors.duplicateFile(name, d.issuer.name, state, details);
  }
  const date = d.issuedOn ? ` ngày ${formatVietnameseDate(d.issuedOn)}` : '';
  return documentErrors.sameSymbol(d.issuer.name, d.symbol ?? '', date, d.title, state, details);
}

/** A draft's metadata as typed, tidied (NFC, spaces) but not checked: that waits for the final save. */
function draftMetadata(m: Static<typeof DraftMetadata>): Static<typeof DraftMetadata> {
  const tidy = (v: string | null | undefined) => (v === undefined ? undefined : clean(v));
  return {
    ...m,
    symbol: tidy(m.symbol),
    title: clean(m.title) ?? '',
    issuerText: tidy(m.issuerText),
    place: tidy(m.place),
    signerCapacity: tidy(m.signerCapacity),
    signerTitle: tidy(m.signerTitle),
    signerName: tidy(m.signerName),
  };
}

function checkedMetadata(m: Metadata): repo.MetadataValues {
  const title = clean(m.title);
  if (!title) throw documentErrors.titleMissing();
  if (m.termFrom && m.termTo && m.termTo < m.termFrom) {
    throw documentErrors.termInvalid(m.termFrom, m.termTo);
  }
  if (m.issuedOn) requireIsoDate(m.issuedOn, 'metadata.issuedOn');
  return {
    kind: m.kind,
    symbol: clean(m.symbol),
    title,
    issuerText: clean(m.issuerText),
    place: clean(m.place),
    issuedOn: m.issuedOn ?? null,
    termFrom: m.termFrom ?? null,
    termTo: m.termTo ?? null,
    signerCapacity: clean(m.signerCapacity),
    signerTitle: clean(m.signerTitle),
    signerName: clean(m.signerName),
  };
}
