// The CPU-bound part of an upload — reading the file into text and extracting what it commits
// to — as one function run inside a worker thread (document-work.worker.mjs, started by
// document-worker.ts). Its outcome is plain data, so it crosses the thread boundary as is.
import { extractDocument } from '../../../domain/extraction/extract-document.ts';
import type { ExtractionResult } from '../../../domain/extraction/extraction-types.ts';
import { isIntakeError, type IntakeErrorCode } from './intake-error.ts';
import { readDocument, type IntakeResult } from './read-document.ts';

export interface DocumentWorkInput {
  content: Uint8Array;
  fileName: string;
  maxBytes: number;
  /** Longer texts are refused before extraction. */
  maxTextChars: number;
  /** Results with more items than this are refused (a plan has tens, not thousands). */
  maxItems: number;
  /** Epoch ms at which the parent terminates this thread. */
  deadline: number;
}

export type DocumentWorkOutcome =
  | { ok: true; intake: IntakeResult; extraction: ExtractionResult }
  | { ok: false; intakeError: { code: IntakeErrorCode; message: string } }
  | { ok: false; refused: { code: 'TEXT_TOO_LONG' | 'TOO_MANY_ITEMS'; count: number; limit: number } }
  /** An unexpected error inside the worker (a bug, not a bad file): its stack, for the log. */
  | { ok: false; crashed: string };

export async function runDocumentWork(input: DocumentWorkInput): Promise<DocumentWorkOutcome> {
  let intake: IntakeResult;
  // The PDF reader's child process is killed by its own timer, which must fire before this thread
  // is terminated (a terminated thread cannot kill its child any more).
  const pdfTimeBudgetMs = Math.max(250, input.deadline - Date.now() - 1_000);
  try {
    intake = await readDocument(input.content, input.fileName, { maxBytes: input.maxBytes, pdf: { timeBudgetMs: pdfTimeBudgetMs } });
  } catch (error) {
    if (isIntakeError(error)) return { ok: false, intakeError: { code: error.code, message: error.message } };
    throw error;
  }
  if (intake.text.length > input.maxTextChars) {
    return { ok: false, refused: { code: 'TEXT_TOO_LONG', count: intake.text.length, limit: input.maxTextChars } };
  }
  const extraction = extractDocument(intake.text);
  const items =
    extraction.targets.length +
    extraction.baselines.length +
    extraction.qualitativeTargets.length +
    extraction.tasks.length +
    extraction.references.length;
  if (items > input.maxItems) return { ok: false, refused: { code: 'TOO_MANY_ITEMS', count: items, limit: input.maxItems } };
  return { ok: true, intake, extraction };
}
