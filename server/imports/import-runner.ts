import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { notifyImportEnded } from '../notifications/import-notifications.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import { findUnit, type PlacedUnitRow } from '../org/org.repository.ts';
import { stripFormulaGuard } from '../tabular/formula-guard.ts';
import { applyMapping, detectHeader, type FieldSpec, type HeaderDetection } from '../tabular/header-detector.ts';
import { openTable, readFirstRows } from '../tabular/table-reader.ts';
import * as jobs from './import-job.repository.ts';
import { importErrors } from './imports.errors.ts';
import { DEFAULT_IMPORT_LIMITS, rejectionsExpireBefore, takeFromBudget, type ImportLimits, type PersonalField } from './rejected-rows.ts';

/**
 * The one import pipeline every registry uses: header detection and mapping, streaming rows,
 * per-row validation with Vietnamese reasons, batches written in one transaction each together
 * with their rejections and the job's counters (so a crash leaves whole batches, and the
 * accounting always balances: read = inserted + updated + unchanged + rejected), dry runs that
 * roll every batch back. A registry supplies only what is its own: fields, parsing, upserts.
 */
export interface RowInput {
  rowNumber: number;
  /** A mapped cell's text (formula guard of our own exports removed), or null. */
  cell(key: string): string | null;
  reject(key: string, reason: string): void;
  /** The column title a field was read from (for messages). */
  titleOf(key: string): string;
}

export interface ParsedRow<R> {
  rowNumber: number;
  raw: (string | null)[];
  record: R;
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows refused while writing (e.g. the key belongs to a record outside the scope). */
  rejections: jobs.RejectionRecord[];
}

export interface ImportDefinition<C, R> {
  registry: string;
  /** Vietnamese name of what a row is, for messages ("đoàn viên"). */
  noun: string;
  fields: FieldSpec[];
  /** For the import screen: what the receiving unit decides, and how a row finds its record again. */
  unitHint: string;
  identity: string;
  /** Fields holding personal data: masked in rejected rows for a reader without `personal_data.view`. */
  personalFields?: Record<string, PersonalField>;
  /**
   * `viewerScopePath`: the subtree of whoever imports (contains `scope`). A record outside it is
   * one the importer may not learn about, which shapes what a row may say (see member-import.ts).
   */
  prepare(db: Kysely<DB>, scope: PlacedUnitRow, viewerScopePath: string): Promise<C>;
  /** Required columns beyond the fields' `required` flags, given the scope (titles). */
  extraMissing?(header: HeaderDetection, context: C): string[];
  parseRow(row: RowInput, context: C, today: string): R | null;
  writeBatch(trx: Kysely<DB>, rows: ParsedRow<R>[], context: C, today: string): Promise<BatchOutcome>;
}

export interface ImportRequest {
  filePath: string;
  fileName: string;
  scopeUnitId: number;
  dryRun: boolean;
  actor: AuditActor;
  createdBy: number | null;
  mapping?: Record<number, string | null>;
  batchSize?: number;
  /** Batches written at the same time, each on its own connection (default 2). */
  writers?: number;
  onProgress?: (counters: jobs.Counters) => void;
  jobId?: number;
  /** The importer's subtree (default: the receiving unit's). */
  viewerScopePath?: string;
  limits?: Partial<ImportLimits>;
  /** The import clock: when the job starts, and what "30 days ago" means for expiry. */
  now?: () => Date;
}

export interface ImportReport {
  jobId: number;
  dryRun: boolean;
  counters: jobs.Counters;
  header: { rowNumber: number; mapped: Record<string, string>; ignoredColumns: string[] };
  notes: string[];
}

class DryRunRollback extends Error {}

const formatCount = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

export const DEFAULT_BATCH_SIZE = 6_000;

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The header row's titles by column position (null where a column has no title). */
export function headerTitles(header: HeaderDetection): (string | null)[] {
  const titles: (string | null)[] = [];
  for (const c of header.columns) titles[c.index] = c.title;
  return Array.from(titles, (t) => t ?? null);
}

/** Everything checked before the first row is read: the unit, the registry's context, the columns. */
export async function prepareImport<C, R>(
  db: Kysely<DB>,
  def: ImportDefinition<C, R>,
  req: Pick<ImportRequest, 'filePath' | 'scopeUnitId' | 'mapping' | 'viewerScopePath'>,
) {
  const scope = await findUnit(db, req.scopeUnitId, todayInVietnam());
  if (!scope) throw importErrors.scopeUnitNotFound();
  const context = await def.prepare(db, scope, req.viewerScopePath ?? scope.path);
  let header = detectHeader(await readFirstRows({ path: req.filePath }, 15), def.fields);
  if (req.mapping) header = applyMapping(header, req.mapping, def.fields);
  const label = (key: string) => def.fields.find((f) => f.key === key)?.label ?? key;
  const missing = [...header.missingRequired.map(label), ...(def.extraMissing?.(header, context) ?? [])];
  if (header.headerRowNumber === 0 || missing.length) {
    const required = def.fields
      .filter((f) => f.required)
      .map((f) => `"${f.label}"`)
      .join(', ');
    const columns = header.columns.map((c) => ({ path: `column:${c.index}`, message: c.title }));
    throw header.headerRowNumber === 0
      ? importErrors.headerNotFound(required, columns)
      : importErrors.columnsMissing(missing.join(', '), columns);
  }
  return { scope, context, header };
}

export async function runImport<C, R>(db: Kysely<DB>, def: ImportDefinition<C, R>, req: ImportRequest): Promise<ImportReport> {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...req.limits };
  const now = req.now?.() ?? new Date();
  // Rejected rows only accumulate when imports run, so expiring them here (and at server start)
  // bounds what is kept without a timer.
  await jobs.expireRejections(db, rejectionsExpireBefore(now, limits), now);
  const { scope, context, header } = await prepareImport(db, def, req);
  const jobId =
    req.jobId ??
    (await jobs.createJob(db, {
      registry: def.registry,
      fileName: req.fileName,
      sha256: await fileSha256(req.filePath),
      scopeUnitId: Number(scope.id),
      dryRun: req.dryRun,
      createdBy: req.createdBy,
      headerTitles: headerTitles(header),
      fieldColumns: header.mapping,
      startedAt: now,
    }));
  const ended = {
    jobId,
    registry: def.registry,
    noun: def.noun,
    fileName: req.fileName,
    createdBy: req.createdBy,
    unitId: Number(scope.id),
    dryRun: req.dryRun,
  };
  const totals: jobs.Counters = { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejectionsNotStored: 0 };
  const budget = { rows: limits.storedRejectedRows };
  const titleOf = (key: string) =>
    header.columns.find((c) => c.index === header.mapping[key])?.title ?? def.fields.find((f) => f.key === key)?.label ?? key;
  const mappedColumns = new Set(Object.values(header.mapping));
  const today = todayInVietnam();
  // Large batches: what a batch costs beyond its rows — the roll-up trigger's upserts, one per
  // (ancestor union, day) the batch touches, the commit, the counters — is nearly the same for
  // 2,000 rows as for 10,000. Measured on 1 M members (quiet machine): 199 s with 2,000-row
  // batches, 61 s with 5,000 (peak 437 MB), 53 s with 7,000 (489 MB), while 10,000 went over the
  // 500 MB budget (538 MB): 6,000 keeps the speed with room under the memory bound.
  const batchSize = req.batchSize ?? DEFAULT_BATCH_SIZE;
  let parsed: ParsedRow<R>[] = [];
  let rejections: jobs.RejectionRecord[] = [];
  let read = 0;
  let formulaRows = 0;
  // Rejected rows so far: those refused while parsing, and those refused by written batches.
  let rejectedRows = 0;
  let batchRejectedRows = 0;
  let stoppedAfter: { rejected: number; row: number } | null = null;

  // Batches are written while the next one is read and parsed, up to `writers` at a time on their
  // own connections (each its own transaction): index and trigger maintenance is per-backend CPU
  // work, so two writers use both cores while Node parses. Batches never share a key (a repeated
  // key in the file is refused while parsing), so they commit in any order; a crash still leaves
  // whole batches only. On the embedded database (one connection) they simply queue.
  const writers = Math.max(1, req.writers ?? 2);
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  const settle = async (all: boolean) => {
    while (inFlight.size > 0 && (all || inFlight.size >= writers)) await Promise.race(inFlight);
    if (failure) throw failure.error;
  };
  const flush = async () => {
    if (read === 0) return;
    const batch = { jobId, rows: parsed, rejections, read, dryRun: req.dryRun, actor: req.actor, context, today, budget };
    const parseRejected = batchRejectedRows;
    parsed = [];
    rejections = [];
    read = 0;
    batchRejectedRows = 0;
    await settle(false);
    const written: Promise<void> = writeBatch(db, def, batch)
      .then(
        (delta) => {
          rejectedRows += delta.rejected - parseRejected;
          for (const k of Object.keys(totals) as (keyof jobs.Counters)[]) totals[k] += delta[k];
          req.onProgress?.({ ...totals });
        },
        (error: unknown) => {
          failure ??= { error };
        },
      )
      .finally(() => inFlight.delete(written));
    inFlight.add(written);
  };

  const table = openTable({ path: req.filePath });
  try {
    for await (const row of table) {
      if (row.rowNumber <= header.headerRowNumber) continue;
      read++;
      if (row.formulaCells?.some((i) => mappedColumns.has(i))) formulaRows++;
      const rowRejections: jobs.RejectionRecord[] = [];
      const record = def.parseRow(rowInput(row, header.mapping, titleOf, rowRejections), context, today);
      if (record === null || rowRejections.length) {
        rejections.push(...rowRejections);
        rejectedRows++;
        batchRejectedRows++;
      } else parsed.push({ rowNumber: row.rowNumber, raw: row.cells, record });
      // A dry run is for finding what to fix: past this many errors, reading on only costs time and space.
      if (req.dryRun && rejectedRows >= limits.dryRunRejectedRows) {
        stoppedAfter = { rejected: rejectedRows, row: row.rowNumber };
        break;
      }
      if (read >= batchSize) await flush();
    }
    await flush();
    await settle(true);
  } catch (error) {
    await Promise.allSettled([...inFlight]); // let the batches in flight settle before reporting

    await jobs.finishJob(db, jobId, 'failed', error instanceof Error ? error.message : String(error), req.dryRun ? totals : undefined);
    // Notifications (issue 21): whoever started it learns it failed.
    await notifyImportEnded(db, { ...ended, outcome: { ok: false, reason: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
  const notes = importNotes(stoppedAfter, table.summary, formulaRows);
  // A dry run wrote nothing, so its totals are recorded once here; a real run added them batch by batch.
  await jobs.finishJob(db, jobId, 'done', notes.join(' ') || null, req.dryRun ? totals : undefined);
  // Notifications (issue 21): whoever started it learns it finished, with its counts.
  await notifyImportEnded(db, {
    ...ended,
    outcome: { ok: true, inserted: totals.inserted, updated: totals.updated, rejected: totals.rejected },
  });
  return {
    jobId,
    dryRun: req.dryRun,
    counters: totals,
    header: headerReport(header),
    notes,
  };
}

/** One row as a registry's parseRow reads it: cells by field key, refusals collected into `into`. */
function rowInput(
  row: { rowNumber: number; cells: (string | null)[] },
  mapping: Record<string, number>,
  titleOf: (key: string) => string,
  into: jobs.RejectionRecord[],
): RowInput {
  return {
    rowNumber: row.rowNumber,
    titleOf,
    cell(key) {
      const i = mapping[key];
      const value = i === undefined ? null : (row.cells[i] ?? null);
      return value === null ? null : stripFormulaGuard(value);
    },
    reject(key, reason) {
      into.push({ rowNumber: row.rowNumber, column: titleOf(key), reason, raw: row.cells });
    },
  };
}

/** What the report says besides the counts: where reading stopped, and formulas taken as computed. */
function importNotes(
  stoppedAfter: { rejected: number; row: number } | null,
  summary: { stoppedAtEmptyRun: boolean; lastRowNumber: number },
  formulaRows: number,
): string[] {
  const notes: string[] = [];
  if (stoppedAfter) {
    notes.push(
      `Đã dừng kiểm tra sau ${formatCount(stoppedAfter.rejected)} dòng lỗi (đến dòng ${stoppedAfter.row} của tệp): các dòng sau chưa được kiểm tra. Hãy sửa những lỗi này rồi chạy thử lại.`,
    );
  }
  if (summary.stoppedAtEmptyRun) notes.push(`Dừng đọc sau dòng ${summary.lastRowNumber} vì gặp một vùng rất nhiều dòng trống liên tiếp.`);
  if (formulaRows) notes.push(`${formulaRows} dòng có ô chứa công thức: đã dùng giá trị đã tính sẵn trong tệp, không tính lại công thức.`);
  return notes;
}

function headerReport(header: HeaderDetection) {
  return {
    rowNumber: header.headerRowNumber,
    mapped: Object.fromEntries(
      Object.entries(header.mapping).map(([k, i]) => [k, header.columns.find((c) => c.index === i)?.title ?? `Cột ${i + 1}`]),
    ),
    ignoredColumns: header.unmappedColumns.map((c) => c.title),
  };
}

/**
 * One batch, one transaction: the rows, their rejections and the job's counters commit together,
 * so a crash leaves whole batches only and a re-run finds the committed rows unchanged.
 */
async function writeBatch<C, R>(
  db: Kysely<DB>,
  def: ImportDefinition<C, R>,
  b: {
    jobId: number;
    rows: ParsedRow<R>[];
    rejections: jobs.RejectionRecord[];
    read: number;
    dryRun: boolean;
    actor: AuditActor;
    context: C;
    today: string;
    /** Rejected rows the import may still store (shared by its batches). */
    budget: { rows: number };
  },
): Promise<jobs.Counters> {
  const delta: jobs.Counters = { rowsRead: b.read, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejectionsNotStored: 0 };
  let rejections = b.rejections;
  try {
    await db.transaction().execute(async (trx) => {
      // A batch commit need not wait for its WAL flush: atomicity is untouched (a crash loses
      // whole recent batches at worst, never part of one), and re-running the file restores them.
      await sql`SET LOCAL synchronous_commit = off`.execute(trx);
      const outcome = b.rows.length
        ? await def.writeBatch(trx, b.rows, b.context, b.today)
        : { inserted: 0, updated: 0, unchanged: 0, rejections: [] };
      delta.inserted = outcome.inserted;
      delta.updated = outcome.updated;
      delta.unchanged = outcome.unchanged;
      const stored = takeFromBudget([...b.rejections, ...outcome.rejections], b.budget);
      rejections = stored.kept;
      delta.rejected = stored.rejectedRows;
      delta.rejectionsNotStored = stored.notStored;
      if (b.dryRun) throw new DryRunRollback();
      await jobs.insertRejections(trx, b.jobId, rejections);
      await jobs.addToJob(trx, b.jobId, delta);
      if (delta.inserted || delta.updated) {
        await writeAudit(trx, b.actor, {
          action: `import.${def.registry}`,
          entityType: 'import_job',
          entityId: b.jobId,
          detail: { inserted: delta.inserted, updated: delta.updated, firstRow: b.rows[0]?.rowNumber },
        });
      }
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
    await jobs.insertRejections(db, b.jobId, rejections); // a dry run's report is its rejections
  }
  return delta;
}
