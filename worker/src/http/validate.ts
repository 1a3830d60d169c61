import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ApiFailure } from './api-failure';

const MAX_ISSUES_SHOWN = 5;

/** "messages.0.from.email: expected string, received number" — names the field so a client can fix it. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${path === '' ? '(body)' : path}: ${issue.message}`;
  });
  const more = issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
  return `${lines.join('; ')}${more}`;
}

/**
 * The one validator every route uses: failures become a thrown ApiFailure, so onError renders them in
 * the same `{ error }` shape as every other error.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw new ApiFailure('bad_request', describeIssues(result.error.issues));
  });
}
