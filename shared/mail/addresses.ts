import type { Address } from '../schemas';
import { decodeHeaderValue } from './encoded-words';

const ANGLE = /<([^<>]*)>/;

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function unquote(text: string): string {
  const t = clean(text);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

/** Splits on commas that are outside quotes, angle brackets and comments. */
function splitList(value: string): string[] {
  const parts: string[] = [];
  let depthAngle = 0;
  let depthParen = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c === '<') depthAngle++;
      else if (c === '>') depthAngle = Math.max(0, depthAngle - 1);
      else if (c === '(') depthParen++;
      else if (c === ')') depthParen = Math.max(0, depthParen - 1);
      else if ((c === ',' || c === ';') && depthAngle === 0 && depthParen === 0) {
        parts.push(value.slice(start, i));
        start = i + 1;
      } else if (c === ':' && depthAngle === 0 && depthParen === 0 && !value.slice(start, i).includes('@')) {
        // "Group name:" — drop the label, keep the members.
        start = i + 1;
      }
    }
  }
  parts.push(value.slice(start));
  return parts;
}

function parseOne(part: string): Address | null {
  const text = clean(part);
  if (!text) return null;
  const angle = ANGLE.exec(text);
  if (angle) {
    const email = clean(angle[1] ?? '');
    const name = unquote(
      decodeHeaderValue(text.slice(0, angle.index) + text.slice(angle.index + angle[0].length)),
    );
    return { name: name.slice(0, 300), email: email.toLowerCase().slice(0, 320) };
  }
  // Bare address, possibly with an old-style "(Comment Name)".
  const comment = /\(([^()]*)\)/.exec(text);
  const bare = clean(text.replace(/\([^()]*\)/g, ''));
  const emailMatch = /[^\s<>"]+@[^\s<>"]+/.exec(bare);
  if (emailMatch) {
    return {
      name: comment ? unquote(decodeHeaderValue(comment[1] ?? '')).slice(0, 300) : '',
      email: emailMatch[0].toLowerCase().slice(0, 320),
    };
  }
  return { name: unquote(decodeHeaderValue(bare)).slice(0, 300), email: '' };
}

/** Parses From/To/Cc style lists: `"Name" <a@b>`, bare addresses, groups, encoded names. */
export function parseAddressList(value: string | undefined, max = 100): Address[] {
  if (!value) return [];
  const out: Address[] = [];
  for (const part of splitList(value)) {
    const address = parseOne(part);
    if (address && (address.email || address.name)) out.push(address);
    if (out.length >= max) break;
  }
  return out;
}
