/**
 * The one error type of Tiến Độ. `code` is stable English (clients and tests match on it),
 * `message` is the Vietnamese sentence a user reads. The HTTP layer maps `kind` to a status
 * in one place (server/http/error-handler.ts); the CLI prints `message` alone.
 */
export type ErrorKind =
  'bad_request' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited' | 'unavailable' | 'internal';

export interface ErrorIssue {
  /** Where the problem is: a field name, a row and column, a JSON path. */
  path?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly issues: ErrorIssue[];
  /** What a client needs to act on the error, by code (e.g. the existing document of DOCUMENT_DUPLICATE). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, kind: ErrorKind, message: string, issues: ErrorIssue[] = [], details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.kind = kind;
    this.issues = issues;
    this.details = details;
  }
}

export const notFound = (code: string, message: string) => new AppError(code, 'not_found', message);
export const badRequest = (code: string, message: string, issues: ErrorIssue[] = []) => new AppError(code, 'bad_request', message, issues);
export const conflict = (code: string, message: string) => new AppError(code, 'conflict', message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
