import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { AppError } from '../../domain/errors/app-error.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import { can, type Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import type { HeaderDetection } from '../tabular/header-detector.ts';
import { writeTable } from '../tabular/table-writer.ts';
import * as jobs from './import-job.repository.ts';
import { importErrors } from './imports.errors.ts';
import { IMPORTS, type ImportRegistry } from './import-registries.ts';
import { fileSha256, headerTitles, prepareImport, runImport } from './import-runner.ts';
import { DEFAULT_IMPORT_LIMITS, rejectedRowFor, rejectionsExpireBefore, type ImportLimits } from './rejected-rows.ts';

/**
 * The column that tells a person which row was refused: a list of reasons by row number alone
 * sends them back to the file to find out who "row 1,204" is. Names are not masked (the
 * registries show them to every reader); CCCD and phone never serve here.
 */
const ROW_NAME_FIELD: Record<ImportRegistry, string> = {
  members: 'fullName',
  employers: 'name',
  grassroots: 'name',
  agreements: 'cdcsCode',
};

function rowNameOf(registry: ImportRegistry, fieldColumns: Record<string, number>) {
  const key = ROW_NAME_FIELD[registry];
  const field = IMPORTS[registry]?.fields.find((f) => f.key === key);
  const index = fieldColumns[key];
  if (!field || index === undefined) return null;
  return { label: field.label, of: (raw: (string | null)[]) => raw[index]?.trim() || null };
}

export const importNotFound = importErrors.notFound;

/**
 * Imports run in the background of the server process: the upload answers at once with the
 * job, whose counters (committed with each batch) the screen polls for its progress bar.
 */
export class ImportsService {
  private readonly running = new Map<number, Promise<unknown>>();
  private readonly limits: ImportLimits;
  private readonly now: () => Date;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly logger: Logger | null,
    /** Tests shrink the limits and move the clock; the server uses the defaults. */
    options: { limits?: Partial<ImportLimits>; now?: () => Date } = {},
  ) {
    this.limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
    this.now = options.now ?? (() => new Date());
  }

  /**
   * At server start (app.ts calls it once): jobs left "running" by a process that died cannot
   * finish, so say so instead of spinning forever; and rejected rows past their retention go.
   */
  async markInterrupted(): Promise<void> {
    await jobs.failRunningJobs(
      this.db,
      'Máy chủ dừng giữa chừng khi đang nhập. Các lô đã ghi được giữ nguyên; hãy nhập lại tệp để hoàn tất (những dòng đã có sẽ không bị ghi trùng).',
      this.now(),
    );
    await this.expireRejections();
  }

  /** Deletes the rejected rows of imports older than the retention (every import start does it too). */
  async expireRejections(): Promise<void> {
    const now = this.now();
    await jobs.expireRejections(this.db, rejectionsExpireBefore(now, this.limits), now);
  }

  async startImport(
    registry: ImportRegistry,
    input: {
      upload: NodeJS.ReadableStream;
      fileName: string;
      scopeUnitId: number;
      dryRun: boolean;
      mapping?: Record<number, string | null>;
      actor: AuditActor;
      createdBy: number | null;
      /** The importer: what they may learn exists (their subtree), what they may read (their permissions). */
      importer?: Principal;
    },
  ) {
    const definition = IMPORTS[registry];
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'tiendo-import-'));
    const filePath = path.join(dir, 'upload');
    let header: HeaderDetection;
    try {
      await pipeline(input.upload, fs.createWriteStream(filePath));
      if ((input.upload as { truncated?: boolean }).truncated) throw importErrors.fileTooLarge();
      // The columns are checked before answering, so a wrong file is refused at once.
      ({ header } = await prepareImport(this.db, definition, {
        filePath,
        scopeUnitId: input.scopeUnitId,
        mapping: input.mapping,
        viewerScopePath: input.importer?.scopePath,
      }));
    } catch (error) {
      await fs.promises.rm(dir, { recursive: true, force: true });
      throw error;
    }
    const jobId = await jobs.createJob(this.db, {
      registry,
      fileName: input.fileName.normalize('NFC').slice(0, 200),
      sha256: await fileSha256(filePath),
      scopeUnitId: input.scopeUnitId,
      dryRun: input.dryRun,
      createdBy: input.createdBy,
      headerTitles: headerTitles(header),
      fieldColumns: header.mapping,
      startedAt: this.now(),
    });
    const work = runImport(this.db, definition, {
      ...input,
      filePath,
      jobId,
      viewerScopePath: input.importer?.scopePath,
      limits: this.limits,
      now: this.now,
    })
      .catch((error: unknown) => this.logger?.warn({ jobId, err: error instanceof AppError ? error.code : String(error) }, 'import failed'))
      .finally(() => {
        this.running.delete(jobId);
        void fs.promises.rm(dir, { recursive: true, force: true });
      });
    this.running.set(jobId, work);
    return this.status(input.importer ?? null, jobId);
  }

  /** What the import screen shows and maps columns to: the definition's own fields, never a copy. */
  fields(registry: ImportRegistry) {
    const definition = IMPORTS[registry];
    return {
      registry,
      noun: definition.noun,
      unitHint: definition.unitHint,
      identity: definition.identity,
      fields: definition.fields.map((f) => ({ key: f.key, label: f.label, required: f.required ?? false, synonyms: f.synonyms })),
    };
  }

  /** For tests and graceful shutdown. */
  async waitFor(jobId: number): Promise<void> {
    await this.running.get(jobId);
  }

  async waitForAll(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  /**
   * The unit a job's report is read on, for the access guard — or null (the guard's 404, as for a
   * job that does not exist or lies outside the subtree) when the reader is neither its importer
   * nor someone who may import into that unit: the rejected rows are copies of a file's rows.
   */
  async unitReadableBy(jobId: number, reader: Principal): Promise<number | null> {
    const job = await jobs.findJob(this.db, jobId);
    if (!job) return null;
    const importer = job.created_by !== null && Number(job.created_by) === reader.userId;
    return importer || can(reader, 'registry.write') ? Number(job.scope_unit_id) : null;
  }

  async status(reader: Principal | null, jobId: number) {
    const job = await jobs.findJob(this.db, jobId);
    if (!job) throw importNotFound();
    const rejections = await jobs.listRejections(this.db, jobId, 500);
    const named = rowNameOf(job.registry as ImportRegistry, job.field_columns as Record<string, number>);
    return {
      id: Number(job.id),
      registry: job.registry,
      fileName: job.file_name,
      dryRun: job.dry_run,
      status: job.status,
      message: job.message,
      rowsRead: job.rows_read,
      inserted: job.inserted,
      updated: job.updated,
      unchanged: job.unchanged,
      rejected: job.rejected,
      rejectionsNotStored: job.rejections_not_stored,
      rejectionsExpired: job.rejections_expired_at !== null,
      personalDataMasked: !can(reader, 'personal_data.view'),
      startedAt: job.started_at.toISOString(),
      finishedAt: job.finished_at?.toISOString() ?? null,
      // Reasons never quote a CCCD or phone (the registries word them so): no masking needed here.
      nameColumn: named?.label ?? null,
      rejections: rejections.map((r) => ({
        rowNumber: r.row_number,
        name: named?.of(r.raw as (string | null)[]) ?? null,
        column: r.column_name,
        reason: r.reason,
      })),
    };
  }

  /**
   * The rejected rows as they were in the file, plus a "Lỗi" column: fix and import again. Masked
   * like the registry's screens for a reader without `personal_data.view`; an unmasked file is an
   * export of personal data, so it is audited.
   */
  async rejectionsFile(reader: Principal, actor: AuditActor, jobId: number, format: 'xlsx' | 'csv') {
    const job = await jobs.findJob(this.db, jobId);
    if (!job) throw importNotFound();
    const unmasked = can(reader, 'personal_data.view');
    const fieldColumns = job.field_columns as Record<string, number>;
    const personal = IMPORTS[job.registry as ImportRegistry]?.personalFields ?? {};
    const rows = await jobs.listRejections(this.db, jobId, null);
    const byRow = new Map<number, { raw: (string | null)[]; reasons: string[] }>();
    for (const r of rows) {
      const entry = byRow.get(r.row_number) ?? {
        raw: rejectedRowFor(r.raw as (string | null)[], fieldColumns, personal, unmasked),
        reasons: [],
      };
      entry.reasons.push(r.column_name ? `${r.column_name}: ${r.reason}` : r.reason);
      byRow.set(r.row_number, entry);
    }
    if (unmasked && byRow.size) {
      await writeAudit(this.db, actor, {
        action: 'personal_data.export',
        unitId: Number(job.scope_unit_id),
        entityType: 'import_job',
        entityId: jobId,
        detail: { format, rows: byRow.size },
      });
    }
    const titles = job.header_titles as (string | null)[];
    const width = Math.max(titles.length, ...[...byRow.values()].map((e) => e.raw.length));
    // Same titles as the original file, so the fixed file is recognised when imported again.
    const columns = [
      ...Array.from({ length: width }, (_, i) => ({ key: `c${i}`, title: titles[i] ?? `Cột ${i + 1}`, width: 18 })),
      { key: 'error', title: 'Lỗi', width: 60 },
      { key: 'row', title: 'Dòng trong tệp gốc', width: 10, type: 'integer' as const },
    ];
    const stream = new PassThrough();
    const data = [...byRow.entries()].map(([rowNumber, e]) => ({
      ...Object.fromEntries(e.raw.map((v, i) => [`c${i}`, v])),
      row: rowNumber,
      error: e.reasons.join('; '),
    }));
    writeTable(stream, { format, sheetName: 'Dòng bị từ chối', columns, rows: data }).then(
      () => stream.end(),
      (error: unknown) => stream.destroy(error as Error),
    );
    return { stream, fileName: `dong-bi-tu-choi-${jobId}.${format}` };
  }
}
