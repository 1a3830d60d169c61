/**
 * The sync contract's shapes, checked on the API (and by the background on answers). Each mutation
 * is checked on its own: one malformed mutation is refused by id and the rest of its push applies,
 * so a device's outbox never sticks behind one bad entry.
 */
import { z } from 'zod';
import { isHlc } from './hlc';
import { SYNCED_TABLES } from './protocol';

export const SYNC_LIMITS = {
  mutationsPerPush: 500,
  fieldsPerChange: 40,
  /** JSON characters of one change's values: a task's notes fit, a mailbox does not. */
  changeChars: 32_000,
  rowsPerPull: 5_000,
} as const;

export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a device id is 1–64 of [A-Za-z0-9_-]');
export const RowId = z.string().regex(/^[A-Za-z0-9_:.@-]{1,200}$/, 'a row id is 1–200 of [A-Za-z0-9_:.@-]');
const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'a field name is a short identifier');

const JsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string().max(SYNC_LIMITS.changeChars),
    z.number().finite(),
    z.boolean(),
    z.null(),
    z.array(JsonValue).max(500),
    z.record(z.string().max(100), JsonValue),
  ]),
);

export const RowChangeSchema = z
  .object({
    table: z.enum(SYNCED_TABLES),
    id: RowId,
    set: z
      .record(FieldName, JsonValue)
      .refine((set) => Object.keys(set).length > 0, 'a change sets at least one field')
      .refine(
        (set) => Object.keys(set).length <= SYNC_LIMITS.fieldsPerChange,
        'too many fields in one change',
      )
      .refine((set) => JSON.stringify(set).length <= SYNC_LIMITS.changeChars, 'change is too large'),
    hlc: z.string().max(100).refine(isHlc, 'not a clock'),
  })
  .strict();

export const MutationSchema = z.object({ id: z.number().int().min(1), change: RowChangeSchema }).strict();

/** The envelope: ids are checked strictly, each change later and on its own. */
export const PushRequestSchema = z
  .object({
    deviceId: DeviceId,
    mutations: z
      .array(
        z.object({ id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), change: z.unknown() }).strict(),
      )
      .max(SYNC_LIMITS.mutationsPerPush),
  })
  .strict();
export type PushRequestInput = z.input<typeof PushRequestSchema>;

export const PushResponseSchema = z.object({
  lastMutationId: z.number().int().min(0),
  rejected: z.array(z.object({ id: z.number().int(), reason: z.string() })),
});
export type PushResponseBody = z.infer<typeof PushResponseSchema>;

export const PullRequestSchema = z
  .object({ deviceId: DeviceId, cursor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
  .strict();

export const SyncedRowSchema = z.object({
  id: z.string(),
  values: z.record(z.string(), z.unknown()),
  versions: z.record(z.string(), z.string()),
});

export const PullResponseSchema = z.object({
  cursor: z.number().int().min(0),
  rows: z.array(z.object({ table: z.string(), row: SyncedRowSchema })),
  lastMutationId: z.number().int().min(0),
  /** More rows wait past `cursor`: pull again at once. */
  more: z.boolean(),
});
export type PullResponseBody = z.infer<typeof PullResponseSchema>;
