import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { TriageResult } from '../../../shared/schemas';

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One triage result per (user, message). `content_hash` lets a repeat request with unchanged content
 * be answered from here without running triage again.
 */
export const triageResults = pgTable(
  'triage_results',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    contentHash: text('content_hash').notNull(),
    result: jsonb('result').$type<TriageResult>().notNull(),
    source: text('source', { enum: ['rules', 'ai'] }).notNull(),
    engine: text('engine').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.messageId] }),
    index('triage_results_user_updated_idx').on(table.userId, table.updatedAt),
  ],
);

export type TriageRow = typeof triageResults.$inferSelect;

/**
 * Model answers per (user, kind, content key): the same mail, under the same model and prompt, is
 * never paid for twice. Never shared across users: the key includes the user and so does the row.
 */
export const aiCache = pgTable(
  'ai_cache',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['triage', 'summary', 'brief'] }).notNull(),
    contentKey: text('content_key').notNull(),
    model: text('model').notNull(),
    promptVersion: text('prompt_version').notNull(),
    result: jsonb('result').$type<unknown>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind, table.contentKey] })],
);

/** Tokens spent per user per UTC day, failed calls included: the basis of the daily AI budget. */
export const aiUsage = pgTable(
  'ai_usage',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    promptTokens: bigint('prompt_tokens', { mode: 'number' }).notNull().default(0),
    completionTokens: bigint('completion_tokens', { mode: 'number' }).notNull().default(0),
    calls: integer('calls').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.userId, table.day] })],
);

/**
 * Synced rows (tasks, learned rules, preparation, settings), one per user, table and client id.
 * `values` and `versions` are the field-by-field row of shared/sync/lww.ts; `seq` is the user's change
 * sequence at the row's last change, what a pull's cursor counts in.
 */
export const syncRows = pgTable(
  'sync_rows',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    rowId: text('row_id').notNull(),
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    versions: jsonb('versions').$type<Record<string, string>>().notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.kind, table.rowId] }),
    index('sync_rows_user_seq_idx').on(table.userId, table.seq),
  ],
);

/**
 * Per user, the newest change sequence. A push locks this row first, so one user's pushes apply one
 * at a time and a pull never sees a sequence number whose rows are not yet committed.
 */
export const syncVersions = pgTable('sync_versions', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
});

/** The last mutation applied per device: what makes a retried push apply once. */
export const syncDevices = pgTable(
  'sync_devices',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceId: text('device_id').notNull(),
    lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.deviceId] })],
);
