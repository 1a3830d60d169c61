/** RFC 822 / MIME / mbox parsing into MessageSummary. Pure: runs in Node, Workers and the browser. */
export { MailParseError } from './errors';
export { MboxSplitter, splitMbox } from './mbox';
export { CUT_MARKER, type ParsedMessage, parseMessage } from './parse-message';
export { toSummary } from './summary';
