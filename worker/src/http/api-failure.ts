import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../../shared/schemas';

const STATUS_BY_CODE = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  rate_limited: 429,
  budget_exceeded: 429,
  unavailable: 503,
  internal: 500,
  sign_in_refused: 401,
  session_revoked: 401,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

/** An error the client is meant to see: its code and message become the `{ error }` body. */
export class ApiFailure extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;

  /** `cause` is for the server's log only; the client sees code and message. */
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiFailure';
    this.code = code;
    this.status = STATUS_BY_CODE[code];
  }
}

export function statusFor(code: ErrorCode): ContentfulStatusCode {
  return STATUS_BY_CODE[code];
}

/** Maps a status raised by Hono itself (HTTPException) to the contract's closest code. */
export function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(STATUS_BY_CODE) as [ErrorCode, number][]).find(([, s]) => s === status);
  if (match) return match[0];
  return status >= 500 ? 'internal' : 'bad_request';
}
