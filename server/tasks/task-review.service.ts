import type { Kysely } from 'kysely';
import { taskErrors } from '../../domain/tasks/task-errors.ts';
import { checkTiming } from '../../domain/tasks/task-timing.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import * as repo from './tasks.repository.ts';
import type { ConfirmTasksInput } from './tasks.schema.ts';
import type { TasksService } from './tasks.service.ts';

const SECTION_NAMES = { tasks: 'Nhiệm vụ, giải pháp', organisation: 'Tổ chức thực hiện' } as const;

/**
 * Tasks out of a document review: the extraction stored with the upload (document_review, read
 * here through our own repository function) lists them; the review screen confirms a list of
 * tasks, each made of one extracted item, several merged, or none (added by hand), with the title,
 * lead, partners and timing as edited. Items left out are dropped. Each item is confirmed once.
 */
export class TaskReviewService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly tasks: TasksService,
  ) {}

  async items(documentId: number) {
    const review = await repo.reviewOf(this.db, documentId);
    if (!review) throw taskErrors.reviewMissing();
    const confirmed = await repo.confirmedItems(this.db, documentId);
    return {
      documentId,
      items: review.tasks.map((t, index) => ({
        index,
        text: t.text,
        section: t.section,
        group: t.group,
        lead: t.lead,
        coordinating: t.coordinating ?? [],
        start: t.start,
        end: t.end,
        confirmedTaskId: confirmed.get(index) ?? null,
      })),
    };
  }

  async confirm(documentId: number, input: ConfirmTasksInput, actor: AuditActor) {
    const review = await repo.reviewOf(this.db, documentId);
    if (!review) throw taskErrors.reviewMissing();
    const owner = await this.tasks.unit(review.issuerUnitId);
    const confirmed = await repo.confirmedItems(this.db, documentId);
    const used = new Set<number>();
    const writes: repo.TaskWrite[] = [];
    for (const t of input.tasks) {
      const items = [...new Set(t.items)].sort((a, b) => a - b);
      for (const i of items) {
        if (i >= review.tasks.length) throw taskErrors.reviewItemUnknown(i);
        if (used.has(i)) throw taskErrors.reviewItemTwice(i);
        if (confirmed.has(i)) throw taskErrors.reviewItemConfirmed(i);
        used.add(i);
      }
      const sources = items.map((i) => review.tasks[i]!);
      const first = sources[0];
      // Left out, the lead and partners are those the reading found; null or [] clears them.
      const defaults = t.leadUnitId === undefined && t.leadName === undefined && first?.lead ? { leadName: first.lead } : {};
      const partnerDefaults =
        t.partnerUnitIds === undefined && t.partnerNames === undefined && sources.length
          ? { partnerNames: [...new Set(sources.flatMap((s) => s.coordinating ?? []))] }
          : {};
      const links = await this.tasks.links({ ...t, ...defaults, ...partnerDefaults }, owner.path);
      const title = t.title.normalize('NFC').replace(/\s+/g, ' ').trim();
      if (!title) throw taskErrors.titleRequired();
      writes.push({
        unitId: owner.id,
        title,
        documentId,
        section: first ? (first.group ?? SECTION_NAMES[first.section] ?? null) : null,
        quote: sources.length ? sources.map((s) => s.text).join('\n') : null,
        quoteStart: sources.length ? Math.min(...sources.map((s) => s.start)) : null,
        quoteEnd: sources.length ? Math.max(...sources.map((s) => s.end)) : null,
        sourceItems: items.length ? items : null,
        ...links,
        ...this.tasks.timingColumns(checkTiming(t.timing)),
      });
    }
    const created = await this.db.transaction().execute(async (trx) => {
      const out = [];
      for (const w of writes)
        out.push({ taskId: await this.tasks.insertFromReview(trx, w, actor), title: w.title, items: w.sourceItems ?? [] });
      return out;
    });
    return { created };
  }
}
