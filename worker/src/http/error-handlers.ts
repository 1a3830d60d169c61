import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiError, ErrorCode } from '../../../shared/schemas';
import { ApiFailure, codeForStatus, statusFor } from './api-failure';

function errorResponse(c: Context, code: ErrorCode, message: string, status = statusFor(code)) {
  const body: ApiError = { error: { code, message } };
  return c.json(body, status);
}

/** Turns every thrown error into `{ error: { code, message } }`; unexpected ones never show their stack. */
export function createErrorHandler(report: (error: unknown) => void): ErrorHandler {
  return (error, c) => {
    if (error instanceof ApiFailure) {
      if (error.status >= 500) report(error.cause ?? error);
      return errorResponse(c, error.code, error.message, error.status);
    }
    if (error instanceof HTTPException) {
      const code = codeForStatus(error.status);
      // body-limit's default exception carries no message of its own.
      const message = code === 'payload_too_large' ? 'Request body is too large' : error.message;
      return errorResponse(c, code, message || code, error.status);
    }
    report(error);
    return errorResponse(c, 'internal', 'Internal error');
  };
}

export const notFound: NotFoundHandler = (c) =>
  errorResponse(c, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`);
