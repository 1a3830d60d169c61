import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
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
