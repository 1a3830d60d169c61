import { DrizzleQueryError } from 'drizzle-orm/errors';

/**
 * What the server log may keep of an error. A failed query carries its parameters, and Postgres
 * quotes the offending value in its message and detail: both can be mail or model text derived from
 * mail, so the query keeps its SQL, the driver error its code, and quoted values are withheld.
 */
export function safeForLog(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  if (error instanceof DrizzleQueryError) {
    const safe = new Error(`Failed query: ${error.query} (parameters withheld)`, {
      cause: safeForLog(error.cause, depth + 1),
    });
    safe.name = 'DrizzleQueryError';
    return safe;
  }
  if (isDriverError(error)) {
    const safe = new Error(withoutQuotedValues(error.message), {
      cause: safeForLog(error.cause, depth + 1),
    }) as Error & Record<string, unknown>;
    safe.name = error.name;
    // Schema names, not data: they say which rule the row broke.
    for (const field of ['code', 'constraint', 'table', 'column', 'routine'] as const) {
      const value = (error as unknown as Record<string, unknown>)[field];
      if (typeof value === 'string') safe[field] = value;
    }
    return safe;
  }
  if (error instanceof AggregateError) {
    return new AggregateError(
      error.errors.map((inner) => safeForLog(inner, depth + 1)),
      error.message,
      { cause: safeForLog(error.cause, depth + 1) },
    );
  }
  if (error.cause !== undefined) {
    const safe = new Error(error.message, { cause: safeForLog(error.cause, depth + 1) });
    safe.name = error.name;
    safe.stack = error.stack;
    return safe;
  }
  return error;
}

/** node-postgres and PGlite errors: a SQLSTATE code plus severity, detail, where… */
function isDriverError(error: Error): error is Error & { code: string } {
  const fields = error as Error & { code?: unknown; severity?: unknown };
  return (
    typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && fields.severity !== undefined
  );
}

function withoutQuotedValues(message: string): string {
  return message.replace(/"[^"]*"|'[^']*'/g, '"…"').slice(0, 300);
}
