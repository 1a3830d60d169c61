interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

function escapeChar(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function source(node: TrieNode): string {
  const alternatives = [...node.next].map(([ch, child]) => escapeChar(ch) + source(child));
  if (alternatives.length === 0) return '';
  const body = alternatives.length === 1 ? (alternatives[0] ?? '') : `(?:${alternatives.join('|')})`;
  return node.end ? `(?:${body})?` : body;
}

/**
 * One regex for many literal phrases, shaped as a trie: the engine picks a branch per character
 * instead of trying every phrase at every position. Far cheaper than a flat alternation of dozens
 * of phrases on the hot path. Phrases must start and end with a word character.
 */
export function phraseRegex(phrases: readonly string[], flags = 'g'): RegExp {
  const root: TrieNode = { end: false, next: new Map() };
  for (const phrase of phrases) {
    let node = root;
    for (const ch of phrase) {
      let child = node.next.get(ch);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  return new RegExp(`\\b${source(root)}\\b`, flags);
}

/**
 * The same regex, built on first use: a module that declares phrase sets (loaded by every content
 * script that bundles the engine) costs nothing at load, only when a mail is first triaged.
 */
export function lazyPhraseRegex(phrases: () => readonly string[], flags = 'g'): () => RegExp {
  let built: RegExp | undefined;
  return () => {
    built ??= phraseRegex(phrases(), flags);
    return built;
  };
}
