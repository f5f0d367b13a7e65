/** One error path: every failure leaves the API as `{ error: { code, message, details } }`. */
import type { ErrorRequestHandler } from 'express';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const badRequest = (message: string, details: unknown = null) => new ApiError(400, 'bad_request', message, details);

interface BodyParserError { type?: string; status?: number; limit?: number; length?: number }
interface PgError { code?: string; severity?: string; detail?: string }

/** Map anything thrown to status, code, message and details. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = (err ?? {}) as BodyParserError & PgError & { message?: string };
  if (e.type === 'entity.too.large') {
    return new ApiError(413, 'payload_too_large', `request body is larger than the limit of ${e.limit} bytes`, { limit: e.limit, length: e.length });
  }
  if (e.type === 'entity.parse.failed') return new ApiError(400, 'invalid_json', `request body is not valid JSON: ${e.message}`);
  if (typeof e.type === 'string' && e.status && e.status < 500) return new ApiError(e.status, 'bad_request', e.message ?? e.type);
  // PostgreSQL data exceptions (class 22) come from input the validator let through
  if (typeof e.code === 'string' && e.code.startsWith('22') && e.severity) {
    return new ApiError(400, 'invalid_data', `the database rejected the input: ${e.message}`, e.detail ?? null);
  }
  return new ApiError(500, 'internal', 'internal server error', null);
}

export const errorMiddleware: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  const apiError = toApiError(err);
  if (apiError.status >= 500) console.error(err);
  res.status(apiError.status).json({ error: { code: apiError.code, message: apiError.message, details: apiError.details } });
};
