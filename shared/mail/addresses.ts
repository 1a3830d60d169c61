import type { Address } from '../schemas';
import { decodeHeaderValue } from './encoded-words';

const ANGLE = /<([^<>]*)>/;

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A display name as RFC 5322 reads a phrase: quoted strings lose their quotes and backslash escapes
 * (`"John \\"JJ\\" Smith"` is `John "JJ" Smith`), words outside quotes stay as they are. Encoded words
 * are decoded afterwards, so a quote mark inside one is text.
 */
function phrase(text: string): string {
  if (!text.includes('"')) return clean(decodeHeaderValue(text));
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '"') {
      out += c;
      continue;
    }
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\\' && i + 1 < text.length) i++;
      out += text[i];
    }
  }
  return clean(decodeHeaderValue(out));
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
    const name = phrase(text.slice(0, angle.index) + text.slice(angle.index + angle[0].length));
    return { name: name.slice(0, 300), email: email.toLowerCase().slice(0, 320) };
  }
  // Bare address, possibly with an old-style "(Comment Name)".
  const comment = /\(([^()]*)\)/.exec(text);
  const bare = clean(text.replace(/\([^()]*\)/g, ''));
  // A quoted local part (`"jo@home"@relay.example`) is one address, not a name and an address.
  const quotedLocal = /^"((?:[^"\\]|\\.)*)"@([^\s<>"@]+)$/.exec(bare);
  if (quotedLocal) {
    return {
      name: '',
      email: `${(quotedLocal[1] ?? '').replace(/\\(.)/g, '$1')}@${quotedLocal[2]}`
        .toLowerCase()
        .slice(0, 320),
    };
  }
  const emailMatch = /[^\s<>"]+@[^\s<>"]+/.exec(bare);
  if (emailMatch) {
    return {
      name: comment ? phrase(comment[1] ?? '').slice(0, 300) : '',
      email: emailMatch[0].toLowerCase().slice(0, 320),
    };
  }
  return { name: phrase(bare).slice(0, 300), email: '' };
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
