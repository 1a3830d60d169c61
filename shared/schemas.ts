/**
 * The one typed contract between the extension, the API and the command line.
 * Every shape that crosses a process boundary is a zod schema here; TypeScript types are inferred.
 */
import { z } from 'zod';
import { LIMITS } from './limits';
import { cutText, hasUnstorableText, wellFormed } from './text/cut';
import { CATEGORIES, URGENCIES } from './vocabulary';

export { CATEGORIES, LIMITS, URGENCIES };

/**
 * Text from mail or from a client: NUL and lone surrogates cannot be stored (Postgres rejects them),
 * so they are replaced here, once, and nothing downstream has to care.
 */
export function safeText(max: number) {
  return z.string().max(max).transform(wellFormed);
}

/** Keys a client matches answers by: changing them would orphan the answer, so bad ones are refused. */
export function safeId(max: number = LIMITS.idChars) {
  return z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !hasUnstorableText(value), 'must not contain NUL or unpaired surrogates');
}

/** Text we produce (reasons, summaries): cut at the limit without splitting a character, then cleaned. */
export function producedText(max: number) {
  return z.string().transform((value) => wellFormed(cutText(value, max)));
}

/** Years a mail or a clock can plausibly name; beyond them date arithmetic leaves JavaScript's range. */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);
export function isUsableTime(value: string): boolean {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= EARLIEST && ms <= LATEST;
}

/** A reference time ("now"): refused with a clear message when unusable, since every date depends on it. */
export const ReferenceTime = z
  .string()
  .max(64)
  .refine(isUsableTime, 'must be an ISO 8601 time between the years 1900 and 9999');

/** A mail's own date: an unusable one is dropped, as a mail without a date is still a mail. */
export const MailDate = z
  .string()
  .max(64)
  .transform((value) => (isUsableTime(value) ? value : undefined))
  .optional();

export const Urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof Urgency>;

export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/**
 * A rule learned from the user's correction of a badge. Narrow by design: one sender, or one sender
 * plus a topic, never a whole domain. It fades when the user's behaviour stops confirming it.
 */
export const LearnedRule = z.object({
  id: z.string().min(1).max(100),
  scope: z.enum(['sender', 'sender-topic']),
  /** Lower-cased sender address. */
  sender: safeText(LIMITS.emailChars).pipe(z.string().min(3)),
  /** Lower-cased topic words taken from the corrected subject (scope `sender-topic`). */
  topic: z.array(safeText(60)).max(8).default([]),
  urgency: Urgency,
  category: Category.optional(),
  /** ISO 8601: when the user made the correction, and when behaviour last confirmed it. */
  createdAt: z.string().max(64),
  confirmedAt: z.string().max(64),
  /** The subject the correction was made on, shown in the options page. */
  example: safeText(LIMITS.subjectChars).default(''),
});
export type LearnedRule = z.infer<typeof LearnedRule>;
export type LearnedRuleInput = z.input<typeof LearnedRule>;

export const AiStatus = z.enum([
  'ok',
  'off',
  'unconfigured',
  'budget_exceeded',
  'unavailable',
  'invalid_output',
]);
export type AiStatus = z.infer<typeof AiStatus>;

export const Address = z.object({
  name: safeText(LIMITS.nameChars).default(''),
  email: safeText(LIMITS.emailChars).default(''),
});
export type Address = z.infer<typeof Address>;

/**
 * Header names that triage reads, lower-cased. Nothing else from a message's headers is carried.
 */
export const TRIAGE_HEADERS = [
  'list-unsubscribe',
  'list-id',
  'precedence',
  'auto-submitted',
  'x-auto-response-suppress',
  'x-autoreply',
  'x-autorespond',
  'return-path',
  'reply-to',
  'importance',
  'x-priority',
  'x-spam-flag',
  'x-spam-status',
  'authentication-results',
  'in-reply-to',
] as const;

/** What a Gmail row (or a parsed raw message) tells triage. */
export const MessageSummary = z.object({
  /** Stable key: Gmail thread id, RFC 822 Message-ID, or a key derived from sender + subject + date. */
  id: safeId(),
  threadId: safeId().optional(),
  from: Address,
  to: z.array(Address).max(LIMITS.recipients).default([]),
  cc: z.array(Address).max(LIMITS.recipients).default([]),
  subject: safeText(LIMITS.subjectChars).default(''),
  snippet: safeText(LIMITS.snippetChars).default(''),
  /** Plain text of the body when it is known (command line, opened thread); rows only have the snippet. */
  body: safeText(LIMITS.bodyChars).optional(),
  /** ISO 8601; an unusable date is dropped. */
  date: MailDate,
  unread: z.boolean().optional(),
  starred: z.boolean().optional(),
  /** Gmail's "important" marker, when the row shows it. */
  important: z.boolean().optional(),
  labels: z.array(safeText(200)).max(50).default([]),
  /** Lower-cased header name → value, only names from TRIAGE_HEADERS. */
  headers: z
    .record(safeText(100), safeText(2_000))
    .refine((headers) => Object.keys(headers).length <= LIMITS.headers, `at most ${LIMITS.headers} headers`)
    .default({}),
  attachments: z.number().int().min(0).max(1_000).default(0),
  /** The HTML hid text worth flagging: instructions to an AI, or more hidden than shown (a short hidden preheader does not count); the hidden text itself is dropped. */
  hiddenText: z.boolean().optional(),
  /** A text/calendar part or .ics attachment is present. */
  calendarInvite: z.boolean().optional(),
  /** Messages in the conversation, when a row shows a count. */
  messageCount: z.number().int().min(1).max(100_000).optional(),
});
export type MessageSummary = z.infer<typeof MessageSummary>;
export type MessageSummaryInput = z.input<typeof MessageSummary>;

/** One piece of evidence behind a triage decision, shown to the user as one line. */
export const Reason = z.object({
  /** Stable machine name of the rule, e.g. `deadline`, `list-unsubscribe`. */
  rule: producedText(64),
  /** Human text, e.g. "deadline today 5pm". */
  text: producedText(200),
  /** Signed contribution to the urgency score. */
  weight: z.number(),
});
export type Reason = z.infer<typeof Reason>;

export const TriageSource = z.enum(['rules', 'ai']);
export type TriageSource = z.infer<typeof TriageSource>;

export const TriageResult = z.object({
  id: producedText(LIMITS.idChars),
  urgency: Urgency,
  category: Category,
  /** Most important first; the first one is the badge's one-line reason. */
  reasons: z.array(Reason).max(20),
  score: z.number(),
  source: TriageSource,
  /** Rule-engine version or model name that produced the result. */
  engine: z.string().max(100),
  /** True when the mail addresses instructions to an AI, hides text, or spoofs its sender. */
  suspicious: z.boolean().default(false),
  /** ISO 8601 time the result was produced. */
  at: z.string().max(64),
});
export type TriageResult = z.infer<typeof TriageResult>;

/** What the rule engine knows about the user and their history, all optional. */
export const TriageContext = z.object({
  /** Reference time for deadlines ("today 5pm"); ISO 8601. Defaults to now. */
  now: ReferenceTime.optional(),
  /** The user's own addresses (questions addressed to them, mail they sent). */
  userEmails: z.array(safeText(LIMITS.emailChars)).max(LIMITS.userEmails).default([]),
  /** Senders the user marked as VIPs (addresses or @domains). */
  vips: z.array(safeText(LIMITS.emailChars)).max(LIMITS.vips).default([]),
  /** Per lower-cased sender address: how many mails received and how many the user replied to. */
  senderStats: z
    .record(
      safeText(LIMITS.emailChars),
      z.object({ received: z.number().int().min(0), replied: z.number().int().min(0) }),
    )
    .refine(
      (stats) => Object.keys(stats).length <= LIMITS.senderStats,
      `at most ${LIMITS.senderStats} senders`,
    )
    .default({}),
  /** Rules learned from the user's corrections; they override the engine's own verdict. */
  rules: z.array(LearnedRule).max(LIMITS.learnedRules).default([]),
  /** The user's "My priorities" text: project words that raise matching mail. */
  priorities: safeText(LIMITS.prioritiesChars).default(''),
  /** Addresses the user has written to (from Sent mail): people the user works with. */
  sentTo: z.array(safeText(LIMITS.emailChars)).max(LIMITS.senderStats).optional(),
});
export type TriageContext = z.infer<typeof TriageContext>;
export type TriageContextInput = z.input<typeof TriageContext>;

// ---- API request / response shapes ----

export const TriageRequest = z.object({
  messages: z.array(MessageSummary).min(1).max(LIMITS.triageBatch),
  context: TriageContext.partial().optional(),
  /** Whether the user allows AI for these messages; false (the default) means rules only. */
  ai: z.boolean().default(false),
});
export type TriageRequest = z.infer<typeof TriageRequest>;

/**
 * What POST /v1/triage accepts before each message is checked on its own: one malformed message is
 * an entry in `errors`, not a failed batch.
 */
export const TriageRequestEnvelope = TriageRequest.extend({
  messages: z.array(z.unknown()).min(1).max(LIMITS.triageBatch),
});
export type TriageRequestEnvelope = z.infer<typeof TriageRequestEnvelope>;
export type TriageRequestInput = z.input<typeof TriageRequest>;

/** A message of the batch that got no result, and why; every other message is still answered. */
export const TriageItemError = z.object({
  /** Position in the request's `messages`. */
  index: z.number().int().min(0),
  /** The message's id when it had a usable one. */
  id: z.string().optional(),
  code: z.enum(['bad_request', 'internal']),
  message: z.string(),
});
export type TriageItemError = z.infer<typeof TriageItemError>;

export const TriageResponse = z.object({
  /** In request order, one per message that could be judged (see `errors` for the rest). */
  results: z.array(TriageResult),
  errors: z.array(TriageItemError).default([]),
  /** What happened to AI for this batch ('off' when the request did not ask for it). */
  aiStatus: AiStatus.default('off'),
});
export type TriageResponse = z.infer<typeof TriageResponse>;

export const HealthResponse = z.object({
  ok: z.boolean(),
  database: z.enum(['pglite', 'postgres', 'neon']),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'payload_too_large',
  'rate_limited',
  'budget_exceeded',
  'unavailable',
  'internal',
  // Accounts (shared/auth/contract.ts AUTH_ERRORS), both 401.
  'sign_in_refused',
  'session_revoked',
] as const;
export const ApiError = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiError>;
export type ErrorCode = (typeof ERROR_CODES)[number];

// ---- Corrections, priorities and AI (triage people can trust) ----

/** The user's strategic context: used by the rule engine (VIPs, project words) and by prompts. */
export const Priorities = z.object({
  /** Free text about current goals and projects. */
  text: safeText(LIMITS.prioritiesChars).default(''),
  /** VIP addresses or @domains. */
  vips: z.array(safeText(LIMITS.emailChars)).max(LIMITS.vips).default([]),
});
export type Priorities = z.infer<typeof Priorities>;

export const ActionItem = z.object({
  text: producedText(300),
  owner: producedText(LIMITS.nameChars).optional(),
  /** ISO 8601 date (YYYY-MM-DD) when the mail states one. */
  due: z.string().max(32).optional(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const ThreadMessage = z.object({
  id: safeId(),
  from: Address,
  to: z.array(Address).max(LIMITS.recipients).default([]),
  date: MailDate,
  /** Visible text of the message as the page shows it (hidden elements already dropped). */
  text: safeText(LIMITS.bodyChars).default(''),
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;

export const ThreadSummaryRequest = z.object({
  threadId: safeId(),
  subject: safeText(LIMITS.subjectChars).default(''),
  messages: z.array(ThreadMessage).min(1).max(LIMITS.threadMessages),
  /** Whether the user allows AI for this request; false means rules only, nothing sent to a model. */
  ai: z.boolean().default(false),
  userEmails: z.array(safeText(LIMITS.emailChars)).max(LIMITS.userEmails).default([]),
  priorities: Priorities.optional(),
  now: ReferenceTime.optional(),
});
export type ThreadSummaryRequest = z.infer<typeof ThreadSummaryRequest>;
export type ThreadSummaryRequestInput = z.input<typeof ThreadSummaryRequest>;

export const ThreadSummary = z.object({
  threadId: producedText(LIMITS.idChars),
  summary: producedText(1_200),
  keyPoints: z.array(producedText(300)).max(10),
  actionItems: z.array(ActionItem).max(20),
  source: TriageSource,
  /** Model name, or the rule engine's version. */
  engine: z.string().max(100),
  /** Why AI was not used, when it was not. */
  aiStatus: AiStatus,
  suspicious: z.boolean().default(false),
  /** Plain-text notes about what was dropped or flagged ("hidden text removed", "3 messages cut"). */
  notes: z.array(producedText(200)).max(20).default([]),
  messageCount: z.number().int().min(0),
  at: z.string().max(64),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

/** GET /v1/ai: what the API's AI is and what this user has spent today. */
export const AiInfo = z.object({
  configured: z.boolean(),
  /** Host of the OpenAI-compatible endpoint (api.openai.com by default); never a key. */
  endpoint: z.string(),
  model: z.string(),
  promptVersion: z.string(),
  budget: z.object({ dailyTokens: z.number().int(), spentToday: z.number().int() }),
});
export type AiInfo = z.infer<typeof AiInfo>;

// ---- POST /v1/briefs: a meeting's agenda and talking points ----

/**
 * What the API gets to write a brief: the event's own text (untrusted: the description may come
 * from anyone who can invite the user), the people, and only the subjects of the threads and tasks
 * Brody has seen with them. The API answers with agenda lines and talking points, nothing else:
 * who attends, which threads and tasks exist and who owes a reply stay the extension's facts.
 */
export const BriefPerson = z.object({
  email: z.string().max(LIMITS.emailChars),
  name: z.string().max(LIMITS.nameChars).default(''),
});
export const BriefThreadInput = z.object({
  with: z.string().max(LIMITS.emailChars),
  subject: z.string().max(LIMITS.subjectChars),
  date: z.string().max(64).optional(),
  urgency: Urgency.optional(),
  /** you_owe: the user owes them a reply; they_owe: the user is waiting on them. */
  owed: z.enum(['you_owe', 'they_owe']).optional(),
});
export const BriefTaskInput = z.object({
  title: z.string().max(300),
  due: z.string().max(64).optional(),
});
export const BriefRequest = z.object({
  eventId: z.string().min(1).max(LIMITS.idChars),
  title: z.string().max(LIMITS.subjectChars).default(''),
  start: z.string().max(64).optional(),
  /** Visible text of the description; hidden text was dropped on the page. */
  description: z.string().max(8_000).default(''),
  attendees: z.array(BriefPerson).max(200).default([]),
  threads: z.array(BriefThreadInput).max(100).default([]),
  tasks: z.array(BriefTaskInput).max(100).default([]),
  ai: z.boolean().default(false),
  userEmails: z.array(z.string().max(LIMITS.emailChars)).max(20).default([]),
});
export type BriefRequest = z.infer<typeof BriefRequest>;
export type BriefRequestInput = z.input<typeof BriefRequest>;

export const BriefResponse = z.object({
  eventId: z.string().max(LIMITS.idChars),
  agenda: z.array(z.string().max(300)).max(10),
  talkingPoints: z.array(z.string().max(300)).max(10),
  source: TriageSource,
  engine: z.string().max(100),
  aiStatus: AiStatus,
  /** The description (or a subject) talks to an AI; the answer treated it as text. */
  suspicious: z.boolean(),
  notes: z.array(z.string().max(200)).max(20).default([]),
  at: z.string().max(64),
});
export type BriefResponse = z.infer<typeof BriefResponse>;
