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
  nameChars: 300,
  emailChars: 320,
  idChars: 200,
  /** Whole request body accepted by the API, in bytes. */
  requestBytes: 2 * 1024 * 1024,
} as const;
