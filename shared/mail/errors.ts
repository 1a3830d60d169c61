/** Thrown only when input has nothing that looks like a message (empty, or binary with no header block). */
export class MailParseError extends Error {
  override name = 'MailParseError';
}
