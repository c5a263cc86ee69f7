// One error type for everything that can go wrong while reading an uploaded document:
// a stable English code for programs, a Vietnamese message for people.

export type IntakeErrorCode =
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_TYPE'
  | 'SCANNED_PDF'
  | 'ENCRYPTED_PDF'
  | 'LEGACY_ENCODING'
  | 'CORRUPT_FILE'
  | 'TOO_LARGE'
  | 'TOO_MANY_PAGES'
  | 'TIMEOUT';

export class IntakeError extends Error {
  override readonly name = 'IntakeError';

  constructor(
    readonly code: IntakeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isIntakeError(e: unknown): e is IntakeError {
  return e instanceof IntakeError;
}
