import type { ActionItem, Address, ThreadMessage } from '../schemas';
import { dueDateIn } from './due-date';
import { displayName, firstName, isUser, isUserName, type ThreadPeople } from './people';
import { isMeaningful } from './sentences';

/** Asks the reader to do something. */
const REQUEST =
  /\b(?:can|could|would|will) you\b|\b(?:please|pls|kindly)\b|\b(?:i|we) need you to\b|\bmake sure (?:you|to)\b|\bdon'?t forget to\b/i;
/** Politeness formulas that ask nothing. */
const NOT_A_REQUEST = /\bplease (?:also )?(?:find|see (?:the )?attached|note|ignore|disregard|excuse)\b/i;
/** The writer commits to something. */
const PROMISE = /\b(?:i will|i'll|i am going to|i'm going to|we will|we'll|i can have)\b/i;
/** Promises that are not tasks. */
const NOT_A_TASK = /\b(?:i'll be (?:out|away|off|on leave)|i will be (?:out|away|off)|we'll see)\b/i;

/** "Bob, can you…": a name, a comma, then the request itself. */
const ADDRESSED = /^([A-Z][\p{L}'-]{1,30}),\s+(?:can|could|would|will|please|pls|kindly)\b/u;
/** Words that open a sentence with a comma but name nobody. */
const NOT_A_NAME = new Set([
  'also',
  'ok',
  'okay',
  'so',
  'sure',
  'yes',
  'no',
  'and',
  'but',
  'then',
  'again',
  'now',
  'well',
]);

/** "Bob, can you…" names who is asked; otherwise it is whoever the mail was sent to. */
function askedPerson(sentence: string, message: ThreadMessage, people: ThreadPeople): string {
  const leading = ADDRESSED.exec(sentence)?.[1];
  if (leading && !NOT_A_NAME.has(leading.toLowerCase())) {
    const lower = leading.toLowerCase();
    // The user is "you" wherever they are named, so one list never says "Sam" and "you" for one person.
    if (isUserName(leading, people)) return 'you';
    const named = [...message.to, message.from].find((address) => firstName(address).toLowerCase() === lower);
    if (named) return isUser(named, people) ? 'you' : displayName(named, people);
    return leading;
  }
  const sentByUser = isUser(message.from, people);
  if (!sentByUser) {
    // Without the user's addresses we assume the reader is who the mail was sent to.
    if (people.userEmails.size === 0 || message.to.some((a) => isUser(a, people))) return 'you';
  }
  const recipient: Address | undefined = message.to.find((address) => !isUser(address, people));
  return recipient ? displayName(recipient, people) : 'you';
}

function ownerOf(sentence: string, message: ThreadMessage, people: ThreadPeople): string | undefined {
  if (REQUEST.test(sentence) && !NOT_A_REQUEST.test(sentence)) return askedPerson(sentence, message, people);
  if (PROMISE.test(sentence) && !NOT_A_TASK.test(sentence)) {
    return isUser(message.from, people) ? 'you' : displayName(message.from, people);
  }
  return undefined;
}

/** A later message that moves a date: "moved to Friday", "now due Monday", "new deadline". */
const MOVES_DATE =
  /\b(?:mov(?:e|ed|ing)|push(?:ed|ing)?|postpon(?:e|ed|ing)|reschedul(?:e|ed|ing)|shift(?:ed|ing)?|slipp?(?:ed|ing)?|extend(?:ed|ing)?|chang(?:e|ed|ing)|now due|new (?:deadline|date|due date)|instead|pull(?:ed)? (?:in|forward)|bring (?:it )?forward)\b/i;
const STOP = new Set(
  'the a an and or to of for in on by at is are be it this that your you we our can could would will please send due date deadline moved now new instead until from'.split(
    ' ',
  ),
);

function contentWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((word) => !STOP.has(word)));
}

/**
 * Later messages supersede earlier dates: a sentence that moves a date re-dates the earlier items it
 * shares a word with. When it names none of them it re-dates the one dated item before it, and
 * nothing when there are several: "the meeting moved to Friday" says nothing of a deck due Sunday.
 */
export function applyMovedDates(
  items: Array<ActionItem & { index: number }>,
  sentences: ReadonlyArray<{ index: number; text: string; date: string | undefined }>,
): void {
  for (const sentence of sentences) {
    if (!MOVES_DATE.test(sentence.text)) continue;
    const due = dueDateIn(sentence.text, sentence.date);
    if (!due) continue;
    const words = contentWords(sentence.text);
    const earlier = items.filter((item) => item.index < sentence.index && item.due !== undefined);
    const sharing = earlier.filter((item) => [...contentWords(item.text)].some((word) => words.has(word)));
    const moved = sharing.length > 0 ? sharing : earlier.length === 1 ? earlier : [];
    for (const item of moved) item.due = due;
  }
}

export function actionItemsIn(
  sentences: readonly string[],
  message: ThreadMessage,
  people: ThreadPeople,
): ActionItem[] {
  const items: ActionItem[] = [];
  for (const sentence of sentences) {
    if (!isMeaningful(sentence)) continue;
    const owner = ownerOf(sentence, message, people);
    if (owner === undefined) continue;
    const due = dueDateIn(sentence, message.date);
    items.push({ text: sentence, owner, ...(due ? { due } : {}) });
  }
  return items;
}
