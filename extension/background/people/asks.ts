/**
 * Does a message ask its reader for something? A question mark or a request phrase in the writer's
 * own words (quotes and signatures removed first: a quoted "can you?" from last week asks nothing).
 */
import { cleanMessage } from '../../../shared/summary/clean-message';

const REQUEST =
  /\b(?:could|can|would|will) you\b|\bplease\b|\blet me know\b|\bcan we\b|\bwhat do you think\b|\bany (?:update|news|thoughts)\b|\bkindly\b|\bwaiting (?:for|on) your\b|\bget back to me\b/i;

export function asksSomething(text: string): boolean {
  const own = cleanMessage(text).paragraphs.join('\n');
  return own.includes('?') || REQUEST.test(own);
}
