/**
 * Requests about the account and sync. All but `sync-tick` come from extension pages only (the
 * options page, the popup). `sync-tick` is what Gmail and Calendar tabs send to keep the background
 * pulling while they are open: it carries nothing and its answer says only when to tick again.
 * No answer ever carries a token.
 */
import { z } from 'zod';
import { AccountUserSchema, AccountViewSchema, SignInMethodsSchema } from '../../shared/auth/contract';

export const SyncTickRequest = z.object({ type: z.literal('sync-tick') }).strict();
export const SyncStatusRequest = z.object({ type: z.literal('sync-status') }).strict();
export const AccountStatusRequest = z.object({ type: z.literal('account-status') }).strict();
export const AccountSignInRequest = z
  .object({ type: z.literal('account-sign-in'), code: z.string().max(40) })
  .strict();
export const AccountMethodsRequest = z.object({ type: z.literal('account-methods') }).strict();
export const AccountGoogleSignInRequest = z.object({ type: z.literal('account-google-sign-in') }).strict();
export const AccountViewRequest = z.object({ type: z.literal('account-view') }).strict();
export const AccountSignOutRequest = z.object({ type: z.literal('account-sign-out') }).strict();
export const AccountSignOutDeviceRequest = z
  .object({ type: z.literal('account-sign-out-device'), id: z.string().min(1).max(200) })
  .strict();
export const AccountExportRequest = z.object({ type: z.literal('account-export') }).strict();
export const AccountDeleteRequest = z
  .object({ type: z.literal('account-delete'), confirm: z.literal('delete my account') })
  .strict();

export const ACCOUNT_REQUESTS = [
  SyncTickRequest,
  SyncStatusRequest,
  AccountStatusRequest,
  AccountSignInRequest,
  AccountMethodsRequest,
  AccountGoogleSignInRequest,
  AccountViewRequest,
  AccountSignOutRequest,
  AccountSignOutDeviceRequest,
  AccountExportRequest,
  AccountDeleteRequest,
] as const;
export type AccountRequest = z.infer<(typeof ACCOUNT_REQUESTS)[number]>;
export const ACCOUNT_REQUEST_TYPES: ReadonlySet<string> = new Set(
  ACCOUNT_REQUESTS.map((schema) => schema.shape.type.value),
);

export const SyncTickAnswer = z.object({ ok: z.literal(true), again: z.number().int().min(0) });
export type SyncTickAnswer = z.infer<typeof SyncTickAnswer>;

export const SyncStatusAnswer = z.object({
  ok: z.literal(true),
  signedIn: z.boolean(),
  lastSyncedAt: z.number().nullable(),
  waiting: z.number().int().min(0),
  offline: z.boolean(),
});
export type SyncStatusAnswer = z.infer<typeof SyncStatusAnswer>;

const Failure = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.string(), message: z.string() }),
});

export const AccountStatusAnswer = z.object({
  ok: z.literal(true),
  signedIn: z.boolean(),
  user: AccountUserSchema.optional(),
});
export type AccountStatusAnswer = z.infer<typeof AccountStatusAnswer>;

export const AccountViewAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: AccountViewSchema }),
  Failure,
]);
export type AccountViewAnswer = z.infer<typeof AccountViewAnswer>;

export const AccountMethodsAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), methods: SignInMethodsSchema }),
  Failure,
]);
export type AccountMethodsAnswer = z.infer<typeof AccountMethodsAnswer>;

export const AccountDoneAnswer = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true) }), Failure]);
export type AccountDoneAnswer = z.infer<typeof AccountDoneAnswer>;

export const AccountExportAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), json: z.string() }),
  Failure,
]);
export type AccountExportAnswer = z.infer<typeof AccountExportAnswer>;

export type AccountAnswer =
  | SyncTickAnswer
  | SyncStatusAnswer
  | AccountStatusAnswer
  | AccountViewAnswer
  | AccountMethodsAnswer
  | AccountDoneAnswer
  | AccountExportAnswer;

/** Sent by the background to extension pages (never to tabs) when the account or synced data changed. */
export const AccountEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('account-signed-out'),
    reason: z.enum(['signed_out', 'session_revoked', 'expired', 'deleted']),
  }),
  z.object({ type: z.literal('account-signed-in') }),
  z.object({ type: z.literal('sync-applied'), tables: z.array(z.string()) }),
]);
export type AccountEvent = z.infer<typeof AccountEvent>;
