import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiError, ErrorCode } from '../../../shared/schemas';
import { ApiFailure, codeForStatus, statusFor } from './api-failure';

function errorResponse(c: Context, code: ErrorCode, message: string, status = statusFor(code)) {
  const body: ApiError = { error: { code, message } };
  return c.json(body, status);
}

/** Seconds a client should wait before asking again when the database is away. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

/**
 * Turns every thrown error into `{ error: { code, message } }`; unexpected ones never show their
 * stack. An unexpected error while the database does not answer is the database's: 503 with
 * Retry-After, so clients wait instead of reporting a bug.
 */
export function createErrorHandler(
  report: (error: unknown) => void,
  databaseAnswers: (c: Context) => Promise<boolean> = async () => true,
): ErrorHandler {
  return async (error, c) => {
    if (error instanceof ApiFailure) {
      if (error.status >= 500) report(error.cause ?? error);
      if (error.code === 'unavailable') c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
      return errorResponse(c, error.code, error.message, error.status);
    }
    if (error instanceof HTTPException) {
      const code = codeForStatus(error.status);
      // body-limit's default exception carries no message of its own.
      const message = code === 'payload_too_large' ? 'Request body is too large' : error.message;
      return errorResponse(c, code, message || code, error.status);
    }
    report(error);
    if (!(await databaseAnswers(c))) {
      c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
      return errorResponse(c, 'unavailable', 'Database is not reachable');
    }
    return errorResponse(c, 'internal', 'Internal error');
  };
}

export const notFound: NotFoundHandler = (c) =>
  errorResponse(c, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`);
