import type { FastifyError, FastifyInstance } from 'fastify';
import { isAppError, type AppError, type ErrorIssue, type ErrorKind } from '../../domain/errors/app-error.ts';
import { httpErrors } from './http.errors.ts';

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export function statusOf(kind: ErrorKind): number {
  return STATUS[kind];
}

export interface ErrorBody {
  /** `details` only where the code documents it (a structured answer a client acts on). */
  error: { code: string; message: string; issues: ErrorIssue[]; details?: Record<string, unknown> };
}

const WHERE: Record<string, string> = {
  body: 'Dữ liệu gửi lên',
  querystring: 'Tham số truy vấn',
  params: 'Tham số đường dẫn',
  headers: 'Tiêu đề yêu cầu',
};

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Ajv speaks English; users read Vietnamese. One sentence per failed rule, naming the field. */
export function translateValidationIssue(issue: AjvIssue, context: string): ErrorIssue {
  const field =
    issue.keyword === 'required' ? String(issue.params.missingProperty) : issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const name = field ? `"${field}"` : (WHERE[context] ?? 'Dữ liệu');
  const p = issue.params;
  const messages: Record<string, () => string> = {
    required: () => `Thiếu trường bắt buộc ${name}.`,
    type: () => `${name} phải là ${typeName(String(p.type))}.`,
    minLength: () => `${name} cần ít nhất ${p.limit} ký tự.`,
    maxLength: () => `${name} không được dài quá ${p.limit} ký tự.`,
    minimum: () => `${name} phải lớn hơn hoặc bằng ${p.limit}.`,
    maximum: () => `${name} phải nhỏ hơn hoặc bằng ${p.limit}.`,
    pattern: () => `${name} không đúng định dạng.`,
    format: () => `${name} không đúng định dạng ${p.format}.`,
    enum: () => `${name} phải là một trong: ${(p.allowedValues as unknown[]).join(', ')}.`,
    additionalProperties: () => `Trường "${p.additionalProperty}" không được hỗ trợ.`,
  };
  return { path: field || context, message: (messages[issue.keyword] ?? (() => `${name} không hợp lệ.`))() };
}

function typeName(type: string): string {
  return (
    (
      {
        integer: 'số nguyên',
        number: 'số',
        string: 'chuỗi ký tự',
        boolean: 'true hoặc false',
        array: 'danh sách',
        object: 'đối tượng',
      } as Record<string, string>
    )[type] ?? type
  );
}

export function toAppError(error: FastifyError | Error): AppError {
  if (isAppError(error)) return error;
  const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (fe.validation) {
    const issues = fe.validation.map((i) => translateValidationIssue(i, fe.validationContext ?? 'body'));
    return httpErrors.validationFailed(issues);
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
    return httpErrors.payloadTooLarge();
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
    return httpErrors.unsupportedMediaType();
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && fe.statusCode === 400)) {
    return httpErrors.malformedJson();
  }
  if (isDataException(error)) {
    // Class 22 is PostgreSQL refusing a value (a number out of range, a date that does not exist):
    // bad input that slipped past the schema, never a reason for a 500. The value is not echoed.
    return httpErrors.valueOutOfRange();
  }
  if (fe.statusCode === 429) {
    return httpErrors.rateLimited();
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return httpErrors.badRequest();
  }
  return httpErrors.internal();
}

/** The one place where errors become HTTP responses. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.kind === 'internal') request.log.error({ err: error }, 'unhandled error');
    const body: ErrorBody = {
      error: {
        code: appError.code,
        message: appError.message,
        issues: appError.issues,
        ...(appError.details && { details: appError.details }),
      },
    };
    // A refused upload may still be arriving: close instead of reading the rest of it.
    if (appError.kind === 'too_large') reply.header('connection', 'close');
    return reply.status(statusOf(appError.kind)).send(body);
  });
}

export function notFoundBody(): ErrorBody {
  return { error: { code: 'ROUTE_NOT_FOUND', message: 'Không tìm thấy địa chỉ yêu cầu.', issues: [] } };
}

/** A PostgreSQL "data exception" (SQLSTATE class 22) raised by a value the client sent. */
function isDataException(error: unknown): boolean {
  const e = error as { code?: unknown; severity?: unknown };
  return typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code) && typeof e.severity === 'string';
}
