/**
 * Size limits shared by every side. Plain constants, free of zod, so the content script can bound
 * what it reads without loading a schema library.
 */
export const LIMITS = {
  /** Messages per POST /v1/triage call. */
  triageBatch: 100,
  subjectChars: 1_000,
  snippetChars: 2_000,
  /** Text of a message body that triage reads; longer bodies are cut (and the cut is marked). */
  bodyChars: 100_000,
  /**
   * Body text the API hands to triage (rules and model), cut at a character boundary. Rule cost grows
   * with the text scanned (about 9.5 ms for 100,000 characters); the opening of a mail carries its
   * asks and deadlines, and the model reads far less than this anyway.
   */
  triageBodyChars: 16_000,
  nameChars: 300,
  emailChars: 320,
  idChars: 200,
  // Lists a real mailbox fills: a VIP list of hundreds, a few own addresses. Larger ones only cost CPU
  // (150,000 VIPs took 1.9 s of engine time per request and stalled every other request meanwhile).
  vips: 500,
  userEmails: 20,
  senderStats: 2_000,
  learnedRules: 2_000,
  prioritiesChars: 2_000,
  recipients: 100,
  /** Header fields per message; triage reads 15 names (TRIAGE_HEADERS). */
  headers: 50,
  /** Messages per thread summary request. */
  threadMessages: 1_000,
  /**
   * The API's model work for one request ends within this, however the model behaves (each call is
   * also bounded by AI_TIMEOUT_MS, and a timed-out call is not retried); it then answers with rules.
   */
  aiRequestBudgetMs: 45_000,
  /**
   * How long the extension waits for a call that may ask a model: the API's worst case above plus
   * room for the database and the rules, so the client always receives the rules fallback.
   */
  aiClientWaitMs: 60_000,
  /** Whole request body accepted by the API, in bytes. */
  requestBytes: 2 * 1024 * 1024,
} as const;
