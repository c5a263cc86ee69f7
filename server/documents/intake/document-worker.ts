// Runs the CPU-bound part of an upload (readDocument + extractDocument, document-work.ts) in
// worker threads, never on the server's event loop: one hostile .docx used to hold the loop for
// minutes, /api/health included. Each job is bounded in time (the thread is terminated at the
// limit), in heap (resourceLimits) and in text and result size; at most `concurrency` jobs run
// at once, a few more wait, and beyond that uploads are told the server is busy.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../domain/errors/app-error.ts';
import type { ExtractionResult } from '../../../domain/extraction/extraction-types.ts';
import type { DocumentWorkInput, DocumentWorkOutcome } from './document-work.ts';
import { IntakeError } from './intake-error.ts';
import { DEFAULT_MAX_BYTES, type IntakeResult } from './read-document.ts';

export interface DocumentWorkLimits {
  /** Wall-clock limit of one job, from the moment a ready thread receives it. */
  timeLimitMs: number;
  /**
   * Wall-clock limit for a new thread to load its modules and say it is ready. Kept apart from
   * the job's limit: on a busy machine start-up alone (tsx, the extractor, nice 10) has taken
   * more than 8 s, and counting it refused ordinary documents as "too complex".
   */
  startLimitMs: number;
  maxOldGenerationSizeMb: number;
  /** Longer extracted texts are refused before extraction (~2 million characters ≈ 800 pages). */
  maxTextChars: number;
  /** Extracted items (targets, baselines, tasks, references…) beyond which a file is refused. */
  maxItems: number;
  maxBytes: number;
  /** Jobs running at once (the machine has two cores; requests keep one). */
  concurrency: number;
  /** Jobs waiting for a free thread before uploads are answered "busy". */
  maxWaiting: number;
  /** A thread left idle this long is ended (the next upload starts a new one). */
  idleMs: number;
}

export const DEFAULT_DOCUMENT_WORK_LIMITS: DocumentWorkLimits = {
  timeLimitMs: 8_000,
  startLimitMs: 60_000,
  maxOldGenerationSizeMb: 288,
  maxTextChars: 2_000_000,
  maxItems: 2_000,
  maxBytes: DEFAULT_MAX_BYTES,
  concurrency: 2,
  maxWaiting: 4,
  idleMs: 30_000,
};

export interface DocumentWorkResult {
  intake: IntakeResult;
  extraction: ExtractionResult;
}

const ENTRY = new URL('./document-work.worker.mjs', import.meta.url);
/** The first message of a new thread, once its modules are loaded (document-work.worker.mjs). */
export const WORKER_READY = 'ready';
const vi = (n: number) => n.toLocaleString('vi-VN');
const SPLIT_ADVICE = 'hãy tách văn bản thành các phần nhỏ hơn rồi tải lên lại.';

export class DocumentWorkPool {
  private limits: DocumentWorkLimits;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idle: ParkedWorker[] = [];
  private killed = 0;
  private lastStartMs: number | null = null;

  /** `entry` is the thread's script (tests start a slow one); it must answer like document-work.worker.mjs. */
  constructor(
    limits: Partial<DocumentWorkLimits> = {},
    private readonly entry: URL = ENTRY,
  ) {
    this.limits = { ...DEFAULT_DOCUMENT_WORK_LIMITS, ...limits };
  }

  /** Defaults plus `overrides` (tests lower the limits; `configure({})` restores them). */
  configure(overrides: Partial<DocumentWorkLimits>): void {
    this.limits = { ...DEFAULT_DOCUMENT_WORK_LIMITS, ...overrides };
    void this.close(); // parked threads were started with the old heap limit
  }

  /** `lastStartMs`: how long the newest thread took to load its modules (null before the first). */
  stats(): { running: number; waiting: number; idle: number; killed: number; lastStartMs: number | null } {
    return {
      running: this.running,
      waiting: this.waiting.length,
      idle: this.idle.length,
      killed: this.killed,
      lastStartMs: this.lastStartMs,
    };
  }

  /** Ends the threads kept for the next upload (tests, shutdown); running jobs finish. */
  async close(): Promise<void> {
    const parked = this.idle.splice(0);
    await Promise.all(
      parked.map((p) => {
        clearTimeout(p.timer);
        p.worker.off('exit', p.onExit);
        return p.worker.terminate();
      }),
    );
  }

  /** Reads and extracts `content`; IntakeError for an unreadable file, AppError for a refused one. */
  async run(content: Uint8Array, fileName: string): Promise<DocumentWorkResult> {
    const limits = this.limits;
    await this.acquire(limits);
    try {
      return toResult(await this.runInWorker(content, fileName, limits));
    } finally {
      this.release();
    }
  }

  private async acquire(limits: DocumentWorkLimits): Promise<void> {
    if (this.running < limits.concurrency) {
      this.running++;
      return;
    }
    if (this.waiting.length >= limits.maxWaiting) throw busy();
    // The slot is handed over by release(): `running` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  private async runInWorker(content: Uint8Array, fileName: string, limits: DocumentWorkLimits): Promise<DocumentWorkOutcome> {
    const worker = await this.take(limits);
    // The clock starts now, with the thread ready: its start-up was bounded on its own (take).
    const input: DocumentWorkInput = {
      content,
      fileName,
      maxBytes: limits.maxBytes,
      maxTextChars: limits.maxTextChars,
      maxItems: limits.maxItems,
      deadline: Date.now() + limits.timeLimitMs,
    };
    const answer = nextMessage<DocumentWorkOutcome>(worker, limits.timeLimitMs, 'before answering', () => {
      this.killed++;
      return tooComplex(`quá ${vi(limits.timeLimitMs / 1000)} giây`);
    });
    worker.postMessage(input);
    let outcome: DocumentWorkOutcome;
    try {
      outcome = await answer;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw tooComplex(`vượt giới hạn bộ nhớ ${vi(limits.maxOldGenerationSizeMb)} MB`);
      }
      throw error;
    }
    this.park(worker, limits);
    return outcome;
  }

  /** A parked thread (its modules already loaded), else a new one once it says it is ready. */
  private async take(limits: DocumentWorkLimits): Promise<Worker> {
    const parked = this.idle.pop();
    if (parked) {
      clearTimeout(parked.timer);
      parked.worker.off('exit', parked.onExit);
      parked.worker.ref();
      return parked.worker;
    }
    // No inherited execArgv: the entry registers tsx itself, whatever started this process.
    const startedAt = performance.now();
    const worker = new Worker(this.entry, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb } });
    const message = await nextMessage(worker, limits.startLimitMs, 'while starting', busy);
    if (message !== WORKER_READY) {
      void worker.terminate();
      throw new Error(`document worker sent ${JSON.stringify(message)} before it was ready`);
    }
    this.lastStartMs = performance.now() - startedAt;
    return worker;
  }

  /** Keeps a thread that answered for the next upload, for a while; unref'd, it keeps no process alive. */
  private park(worker: Worker, limits: DocumentWorkLimits): void {
    if (this.idle.length >= limits.concurrency) {
      void worker.terminate();
      return;
    }
    const parked: ParkedWorker = {
      worker,
      timer: setTimeout(() => {
        parked.worker.off('exit', parked.onExit);
        this.forget(parked);
        void worker.terminate();
      }, limits.idleMs),
      onExit: () => {
        clearTimeout(parked.timer);
        this.forget(parked);
      },
    };
    parked.timer.unref();
    worker.on('exit', parked.onExit);
    worker.unref();
    this.idle.push(parked);
  }

  private forget(parked: ParkedWorker): void {
    const at = this.idle.indexOf(parked);
    if (at >= 0) this.idle.splice(at, 1);
  }
}

interface ParkedWorker {
  worker: Worker;
  timer: NodeJS.Timeout;
  onExit: () => void;
}

function toResult(outcome: DocumentWorkOutcome): DocumentWorkResult {
  if (outcome.ok) return { intake: outcome.intake, extraction: outcome.extraction };
  if ('intakeError' in outcome) throw new IntakeError(outcome.intakeError.code, outcome.intakeError.message);
  if ('refused' in outcome) {
    const { code, count, limit } = outcome.refused;
    if (code === 'TEXT_TOO_LONG') {
      throw new AppError(
        'DOCUMENT_TEXT_TOO_LONG',
        'too_large',
        `Văn bản quá dài (${vi(count)} ký tự; giới hạn ${vi(limit)} ký tự); ${SPLIT_ADVICE}`,
      );
    }
    throw new AppError(
      'DOCUMENT_TOO_MANY_ITEMS',
      'too_large',
      `Văn bản có quá nhiều mục để rà soát (${vi(count)} mục; giới hạn ${vi(limit)}); ${SPLIT_ADVICE}`,
    );
  }
  throw new Error(`document worker failed: ${outcome.crashed}`);
}

/**
 * The thread's next message. At `limitMs` the thread is terminated and the promise rejects with
 * `onTimeout()`; a thread error terminates it too and rejects with that error.
 */
function nextMessage<T = unknown>(worker: Worker, limitMs: number, when: string, onTimeout: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      void worker.terminate();
      reject(onTimeout());
    }, limitMs);
    const onMessage = (message: T) => {
      done();
      resolve(message);
    };
    const onError = (error: Error) => {
      done();
      void worker.terminate();
      reject(error);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`document worker exited (code ${code}) ${when}`));
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

function busy(): AppError {
  return new AppError('DOCUMENTS_BUSY', 'unavailable', 'Máy chủ đang bận xử lý các văn bản khác; hãy thử tải lên lại sau ít phút.');
}

function tooComplex(why: string): AppError {
  return new AppError('DOCUMENT_TOO_COMPLEX', 'too_large', `Văn bản quá dài hoặc quá phức tạp để xử lý tự động (${why}); ${SPLIT_ADVICE}`);
}

/** The server's pool. */
export const documentWork = new DocumentWorkPool();
