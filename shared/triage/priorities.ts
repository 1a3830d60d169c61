/**
 * "My priorities" free text → the project words it names. "Series B fundraising, hiring a CFO,
 * Project Atlas launch" gives "Series B", "fundraising", "CFO" and "Project Atlas" (also matched as
 * plain "Atlas"). Parsed once per distinct text: the engine asks for every message of every batch.
 */

export interface PriorityTerm {
  /** As the user wrote it; shown in the reason. */
  label: string;
  /** Lower-cased forms that count as a mention; a trailing `*` matches any word ending. */
  forms: string[];
}

export interface PriorityMatcher {
  terms: PriorityTerm[];
  /** The first term the text mentions, or undefined. */
  match(lowerText: string): PriorityTerm | undefined;
}

/** Words too common to identify a project, even when capitalised at the start of a clause. */
const FILLER = new Set(
  (
    'a an the and or but of to in on at by for from with about into our my we us i me it its this that these those ' +
    'is are be being get getting make making keep keeping work working focus focusing on improve improving ' +
    'hiring hire hired launch launching launches closing close ship shipping finish finishing finalize finalise ' +
    'prepare preparing plan planning new current next q1 q2 q3 q4 year quarter month week team project projects ' +
    'program initiative operation also more less all any some other etc priority priorities goal goals important ' +
    'main top key big major around across before after during this until'
  ).split(' '),
);
/** Leading words that name a kind of thing; the word after them is the real name ("Project Atlas" → "Atlas"). */
const KIND_WORDS = new Set([
  'project',
  'operation',
  'program',
  'programme',
  'initiative',
  'team',
  'codename',
]);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}&'’.-]*/gu;

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function stem(word: string): string {
  const lower = word.toLowerCase();
  const cut = lower.replace(/(?:ing|ed|es|s)$/, '');
  return cut.length >= 5 ? `${cut}*` : lower;
}

function clauseTerms(clause: string): PriorityTerm[] {
  const words = (clause.match(WORD) ?? []).map((w) => w.replace(/[.'’-]+$/, ''));
  const terms: PriorityTerm[] = [];
  let i = 0;
  while (i < words.length) {
    const word = words[i] ?? '';
    const lower = word.toLowerCase();
    // A run of capitalised words (or a word followed by a single capital like "Series B") is a name.
    if (isCapitalised(word) && (!FILLER.has(lower) || KIND_WORDS.has(lower))) {
      let j = i + 1;
      while (j < words.length && isCapitalised(words[j] ?? '') && !FILLER.has((words[j] ?? '').toLowerCase()))
        j++;
      const name = words.slice(i, j);
      const label = name.join(' ');
      const forms = [label.toLowerCase()];
      if (name.length > 1 && KIND_WORDS.has(lower)) forms.push(name.slice(1).join(' ').toLowerCase());
      if (name.length > 1 || !KIND_WORDS.has(lower)) terms.push({ label, forms });
      i = j;
      continue;
    }
    if (!FILLER.has(lower) && lower.length >= 5 && !/^\p{N}+$/u.test(lower)) {
      terms.push({ label: lower, forms: [stem(lower)] });
    }
    i++;
  }
  return terms;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function formSource(form: string): string {
  return form.endsWith('*') ? `${escapeRegex(form.slice(0, -1))}[\\p{L}]*` : escapeRegex(form);
}

function bounded(source: string): string {
  return `(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`;
}

export function parsePriorities(text: string): PriorityMatcher {
  const seen = new Set<string>();
  const terms: PriorityTerm[] = [];
  for (const clause of text.split(/[,;\n•·|]+|\s+(?:and|&)\s+|[.!?](?:\s|$)/)) {
    for (const term of clauseTerms(clause)) {
      const key = term.label.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push(term);
    }
  }
  if (terms.length === 0) return { terms, match: () => undefined };
  const all = new RegExp(bounded(terms.flatMap((t) => t.forms.map(formSource)).join('|')), 'u');
  const own = terms.map((t) => new RegExp(bounded(t.forms.map(formSource).join('|')), 'u'));
  return {
    terms,
    match(lowerText) {
      // One combined scan for the common no-match case; the per-term regexes run only on a hit.
      if (!all.test(lowerText)) return undefined;
      return terms.find((_, index) => own[index]?.test(lowerText));
    },
  };
}

let lastText: string | undefined;
let lastMatcher: PriorityMatcher | undefined;

/** parsePriorities, memoised on the text: one parse per settings change, not per message. */
export function prioritiesFor(text: string): PriorityMatcher {
  if (text !== lastText || !lastMatcher) {
    lastMatcher = parsePriorities(text);
    lastText = text;
  }
  return lastMatcher;
}
