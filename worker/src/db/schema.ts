import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  inet,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { TriageResult } from '../../../shared/schemas';

/**
 * The user a request acts for, set per transaction with `set_config('brody.user_id', id, true)`
 * (worker/src/db/user-scope.ts). Tables holding a user's data let a query see and write only that
 * user's rows: a second wall behind every query's own `where user_id = …`. An unset scope sees nothing.
 */
export const SCOPE_SETTING = 'brody.user_id';
const ownRows = (table: { userId: unknown }) =>
  pgPolicy('own_rows', {
    for: 'all',
    using: sql`${table.userId} = current_setting('brody.user_id', true)`,
    withCheck: sql`${table.userId} = current_setting('brody.user_id', true)`,
  });

/**
 * `local` is the self-hosted API's owner: the one user that existed before accounts, so everything
 * stored then stays theirs. A pairing code signs in as this user. Google accounts get their own ids.
 */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email'),
    name: text('name'),
    /** Google's stable account id (`sub`), for users who sign in with Google. */
    googleSub: text('google_sub'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_google_sub_idx').on(table.googleSub)],
);

/** A signed-in browser profile. Revoked devices keep their row (the account view no longer lists them). */
export const devices = pgTable(
  'devices',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('devices_user_idx').on(table.userId)],
);

/**
 * Refresh tokens, stored as SHA-256 hashes only. Each refresh marks the presented token used and
 * issues the next one; a used one presented again revokes its device.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The device session this token belongs to: one family per sign-in of a device. */
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    used: boolean('used').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('refresh_tokens_device_idx').on(table.deviceId)],
);

/** Pairing codes of the self-hosted API, hashed; any number of the owner's browsers may use one until it expires. */
export const pairingCodes = pgTable('pairing_codes', {
  codeHash: text('code_hash').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const AUDIT_EVENTS = [
  'sign_in',
  'sign_in_refused',
  'refresh_reuse',
  'sign_out',
  'device_removed',
  'export',
  'delete',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/**
 * Who did what to an account, and from where. Never mail content. A deleted account's rows stay,
 * under its id alone, with no foreign key: the record that it was deleted outlives it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text('user_id'),
    deviceId: text('device_id'),
    event: text('event', { enum: AUDIT_EVENTS }).notNull(),
    ip: inet('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('audit_log_user_idx').on(table.userId, table.at)],
);

/** Every table that holds a user's data under row-level security; each has a `user_id` column. */
export const SCOPED_TABLES = [
  'triage_results',
  'ai_cache',
  'ai_usage',
  'sync_rows',
  'sync_versions',
  'sync_devices',
] as const;

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
    ownRows(table),
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
  (table) => [primaryKey({ columns: [table.userId, table.kind, table.contentKey] }), ownRows(table)],
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
  (table) => [primaryKey({ columns: [table.userId, table.day] }), ownRows(table)],
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
    ownRows(table),
  ],
);

/**
 * Per user, the newest change sequence. A push locks this row first, so one user's pushes apply one
 * at a time and a pull never sees a sequence number whose rows are not yet committed.
 */
export const syncVersions = pgTable(
  'sync_versions',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  },
  (table) => [ownRows(table)],
);

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
  (table) => [primaryKey({ columns: [table.userId, table.deviceId] }), ownRows(table)],
);
