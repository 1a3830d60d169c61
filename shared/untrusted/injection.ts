import { stripInvisible } from './invisible';

export interface InjectionVerdict {
  suspicious: boolean;
  /** Stable names of the signals found, e.g. `ignore-instructions`. */
  reasons: string[];
}

interface Signal {
  reason: string;
  pattern: RegExp;
}

/**
 * Phrases addressed to an AI rather than a person. They run on a normalised form (lower case, one
 * space between words, letter-spaced words joined), so "I G N O R E previous" and "Ignore\u200B all
 * previous" read the same. Several are narrowed to the AI-directed form: "you are now subscribed" or
 * "please reply with your availability" are everyday mail, not attacks.
 */
const SIGNALS: Signal[] = [
  {
    reason: 'ignore-instructions',
    pattern:
      /\b(?:ignore|disregard|forget|override|bypass)(?: (?:all|any|every|of|the|your|my|these|those))* (?:previous|prior|above|earlier|preceding|system|original|initial|existing)(?: \w+)? (?:instructions?|prompts?|rules|directions|directives|guidelines)\b/,
  },
  {
    reason: 'disregard-above',
    pattern: /\b(?:disregard|ignore|forget) (?:everything |all )?(?:the )?above\b/,
  },
  { reason: 'system-prompt', pattern: /\bsystem prompts?\b|\bdeveloper (?:message|prompt|mode)\b/ },
  {
    reason: 'role-change',
    pattern:
      /\byou are now (?:(?:a|an|the|my) )?(?:dan|gpt|ai|bot|chatbot|assistant|model|jailbroken|unrestricted|unfiltered|different|new)\b|\byou are now (?:in|acting|going to|no longer|free|called|named)\b|\byou are (?:an? )?(?:ai|assistant|chatbot|language model|llm)\b(?! (?:company|startup|researcher|engineer|expert|platform|team)\b)|\bfrom now on,? you\b|\bact as (?:an? )?(?:ai|assistant|model|system)\b|\bnew instructions?\b/,
  },
  {
    reason: 'as-an-ai',
    pattern: /\bas an ai\b(?! (?:company|startup|firm|researcher|engineer|expert|platform)\b)/,
  },
  {
    reason: 'role-marker',
    pattern:
      /(?:^|\n) ?(?:assistant|system) ?:|<\|im[ _](?:start|end)\|>|\[\/?inst\]|<\/?(?:system|assistant)>/,
  },
  {
    reason: 'mark-urgent',
    pattern:
      /\b(?:mark|flag|label|classify|rate|tag|set) (?:this|it|the)(?: (?:email|e mail|message|mail|thread|conversation))? (?:(?:as|to) )?(?:(?:very|highly|most) )?(?:urgent|important|high priority|critical|safe|not spam|legitimate)\b/,
  },
  {
    reason: 'forward-this',
    pattern:
      /\bforward (?:this|these|it|them|the (?:email|message|mail|thread))(?: (?:email|message|mail|thread|conversation))? to (?:\S+@\S+|an? (?:external |new )?address)|\bforward (?:all|every|your|the last(?: \d+)?) (?:emails?|messages?|mails?|conversations?|threads?|files?|documents?|contacts?|passwords?)\b/,
  },
  {
    reason: 'reply-with',
    pattern:
      /\b(?:reply|respond|answer) (?:only )?with (?:only|just|exactly|the (?:word|phrase|text|following)|["'“‘`])/,
  },
  {
    reason: 'reveal-secrets',
    pattern:
      /\b(?:reveal|print|show|repeat|output|tell me|leak|disclose) (?:me )?(?:your|the) (?:system prompt|prompt|instructions|initial instructions|hidden instructions|api keys?|keys|secrets?|passwords?|credentials|configuration)\b/,
  },
];

/**
 * Joins "i g n o r e" into "ignore": runs of three or more letters separated by single spaces are a
 * known evasion. Runs before wider gaps are collapsed, so "i g n o r e   a l l" stays two words.
 */
function joinLetterSpacing(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}])(?:\p{L}[ .\-_]){2,}\p{L}(?![\p{L}\p{N}])/gu, (run) =>
    run.replace(/[ .\-_]/g, ''),
  );
}

/** "> " quote markers and words split over a line ("pass-\nword", "priori- taire") hide phrases. */
function unwrap(text: string): string {
  return text
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
    .replace(/(\p{L})-(?:[ \t]*\r?\n[ \t>]*| )(\p{L})/gu, '$1$2');
}

export function normaliseForDetection(text: string): string {
  const visible = joinLetterSpacing(unwrap(stripInvisible(text).text.normalize('NFKC')).toLowerCase());
  const lines = visible
    .split(/\r?\n/)
    .map((line) => line.replace(/[^\p{L}\p{N}:<>|[\]/"'“‘`@.]+/gu, ' ').trim())
    .filter((line) => line.length > 0);
  return lines.join('\n');
}

/** With every space removed, for evasions that also drop the gaps between words. Long phrases only. */
const SQUASHED_IGNORE =
  /(?:ignore|disregard|forget)(?:all|any|the|your)*(?:previous|prior|above|earlier|preceding)(?:instructions?|prompts?|rules)/;

/**
 * Every signal above needs one of these on the raw text, or an evasion the normaliser undoes
 * (invisible or compatibility characters, letter spacing). Most mail has neither, and skipping the
 * normaliser for it is what keeps this cheap enough to run on every body the rule engine sees.
 * Anchored at word starts so the scan skips mid-word positions, and grouped by first letter so each
 * position tries one branch, not thirty; `ignor` also matches unanchored, for squashed text
 * ("pleaseignoreallprevious...").
 */
const HINT =
  /\b(?:i(?:gnor|m_(?:start|end)|nst\])|d(?:isregard|eveloper\W*(?:message|prompt|mode)|isclose\W+(?:me\W+)?(?:your|the)\W)|f(?:orget|rom\W+now\W+on|lag\W+(?:this|it|the)\b|orward\W+(?:this|these|it|them|the|all|every|your)\b)|o(?:verrid|utput\W+(?:me\W+)?(?:your|the)\W)|bypass|s(?:ystem\W*(?:prompts?|:|>)|et\W+(?:this|it|the)\b|how\W+(?:me\W+)?(?:your|the)\W)|a(?:ssistant\W*[:>]|ct\W+as|s\W+an\W+ai|nswer\W+(?:only\W+)?with)|you\W+are\W+(?:now|an?\W+(?:ai|assistant|chatbot|language|llm))|new\W+instruction|mark\W+(?:this|it|the)\b|l(?:abel\W+(?:this|it|the)\b|eak\W+(?:me\W+)?(?:your|the)\W)|classify\W+(?:this|it|the)\b|r(?:ate\W+(?:this|it|the)\b|e(?:ply\W+(?:only\W+)?with|spond\W+(?:only\W+)?with|veal\W+(?:me\W+)?(?:your|the)\W|peat\W+(?:me\W+)?(?:your|the)\W))|t(?:ag\W+(?:this|it|the)\b|ell\W+me\W+(?:me\W+)?(?:your|the)\W)|print\W+(?:me\W+)?(?:your|the)\W)|ignor/i;
/**
 * Characters NFKC folds into ASCII letters, plus invisible ones that split words. Written without the
 * `u` flag, astral ranges matched by their lead surrogate (D835: mathematical letters, D83C: enclosed
 * letters, DB40: tag characters and variation selectors), because a unicode-mode class scan was the
 * slowest part of checking a body that has none of them.
 */
const EVASION =
  /[\uFF01-\uFF5E\u2460-\u24FF\uFB00-\uFB06\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u061C\u017F\u0131\uD835\uD83C\uDB40]/;
/** ASCII is enough: spaced-out letters only spell a signal's English words when they are ASCII (or folded by NFKC, see EVASION). */
const LETTER_SPACED = /\b[a-z][ .\-_][a-z][ .\-_][a-z]\b/i;
/**
 * Hint words and spaced-out letters in one scan. Both branches start at a word boundary, which is
 * what keeps the combined pattern as fast as the hint words alone (an unanchored letter branch made
 * it several times slower).
 */
const HINTS = new RegExp(
  `${HINT.source.replace(/\)\|ignor$/, '')}|${LETTER_SPACED.source.slice(2)})|ignor`,
  'gi',
);
/** Every signal fits in a few dozen characters around its hint word. */
const WINDOW = 300;
const LONGEST_PHRASE = 150;

/**
 * Without evasion characters, only the text around hint words can hold a signal, so a long mail with
 * one "forward this" is checked in a window around it instead of normalised from end to end.
 */
function hintWindows(text: string): string | undefined {
  const windows: string[] = [];
  let covered = 0;
  HINTS.lastIndex = 0;
  for (let m = HINTS.exec(text); m; m = HINTS.exec(text)) {
    // From the start of the line, so line-anchored role markers ("System:") still see their line start.
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const start = Math.max(lineStart, m.index - WINDOW, covered);
    const end = Math.min(text.length, m.index + m[0].length + WINDOW);
    // A gap to the previous window becomes a line break, so no phrase is made up across it.
    if (end > start)
      windows.push(
        start > covered && windows.length > 0 ? `\n${text.slice(start, end)}` : text.slice(start, end),
      );
    covered = Math.max(covered, end);
    // Hits well inside this window are covered by it; the scan resumes where a phrase starting
    // there could run past the window's end, so a neighbour never cuts a phrase short.
    HINTS.lastIndex = Math.max(m.index + Math.max(1, m[0].length), end - LONGEST_PHRASE);
  }
  return windows.length > 0 ? windows.join('') : undefined;
}

/** Cheap pre-check: false means detectInjection would certainly find nothing. */
export function mayAddressAi(text: string): boolean {
  AI_WORD.lastIndex = 0;
  return (
    EVASION.test(text) ||
    HINT.test(text) ||
    LETTER_SPACED.test(text) ||
    AI_WORD.test(text) ||
    markdownExfil(text) !== undefined
  );
}

/**
 * Markdown images and reference-style link definitions whose URL carries a query: the exfiltration
 * channel of EchoLeak and the Superhuman report. Mail written by people has no use for either, and
 * the punctuation they need is gone after normalising, so they are matched on the raw text.
 */
const MARKDOWN_IMAGE = /!\[[^\]\n]{0,200}\]\s{0,3}(?:\(\s{0,3}<?\s{0,3}https?:\/\/|\[[^\]\n]{1,100}\])/i;
const REFERENCE_DEFINITION = /^[ \t]{0,3}\[[^\]\n]{1,100}\]:[ \t]*<?https?:\/\/[^\s?]+\?[^\s]*=/im;

function markdownExfil(text: string): string | undefined {
  if (!text.includes('](') && !text.includes(']:') && !text.includes('][')) return undefined;
  if (MARKDOWN_IMAGE.test(text)) return 'markdown-image';
  if (REFERENCE_DEFINITION.test(text)) return 'markdown-reference-link';
  return undefined;
}

/**
 * Words that name an AI model or assistant, in the languages mail arrives in. A bare "assistant" is
 * left out: people have assistants, and their mail talks about them.
 */
const AI_TERM = String.raw`(?:(?:ai|a\.i\.|ki|ia) ?(?:assistant(?:s|en|e)?|assistent(?:en|e)?|asistente|assistente|agent(?:s|en|e)?|agente|model(?:s|lo|o|e)?|modèle|system|bot|tool|summari[sz]er|reader|helper)|(?:assistant|asistente|assistente|agent|agente|modelo|modello|modèle|model) (?:de |d'|da )?(?:ia|ki|ai|lenguaje|linguagem|langage)|language models?|sprachmodell|taalmodel|modello linguistico|llms?|copilot[aeo]?|chatbot|gemini|chatgpt|gpt ?\d?|claude|e ?mail ?assistant|e mail assistent|virtual assistant|aiアシスタント|aiエージェント|言語モデル|ai ?助手|ai ?代理|语言模型|人工智能|智能助[手理]|コパイロット)`;
/** Any AI word at all: the cheap test before the addressee patterns run. */
const AI_WORD =
  /\b(?:ai|a\.i\.|ki|ia|llms?|gpt|chatgpt|gemini|claude|copilot[aeo]?|chatbot|language\s+models?|sprachmodell|taalmodel|modell?o\s+(?:de\s+)?(?:lenguaje|linguagem|linguistico)|modèle\s+de\s+langage|e-?mail\s+assist\w*|(?:system|sistema|système|systeme|systeem)\s*:)|アシスタント|システム|系统|エージェント|言語モデル|助手|助理|语言模型|人工智能|コパイロット/gi;
/**
 * The ways a mail speaks to a model rather than about one: a vocative ("Dear Gemini", "Copilot:"),
 * a note addressed to one, a condition on being one ("if you are an AI agent"), one that "reads this
 * mailbox", or a system header with new instructions. Any language, any casing, after normalising.
 */
const ADDRESSES_AI = new RegExp(
  [
    String.raw`(?:^|[\n.!?|:>\]\[(]|\b(?:dear|hi|hello|hey|attention|attn|ok|okay)) ?${AI_TERM} ?:`,
    String.raw`\b(?:dear|hi|hello|hey|attention|attn|querido|estimado|cher|chère|liebe[rs]?|caro|cara|beste|prezado)\b (?:(?:the|my|our|dear|friendly|helpful|any|all|little|mr|ms) )?${AI_TERM}\b`,
    String.raw`\b(?:note|message|memo|instructions?|notice|reminder|nota|opmerking|hinweis|nachricht|mensaje|messaggio|mensagem|instrucci[oó]n(?:es)?|istruzion[ei]|instruç(?:ão|ões)|instructies|consignes?|anweisung(?:en)?|bericht|aviso|avviso|remarque)\b (?:to|for|an|à|a|al|para|per|pour|voor|für|aan|ao|alla?|all'|au|aux)\b (?:[^\s:]+ ){0,3}${AI_TERM}`,
    String.raw`(?:\b(?:if|when|since|as long as) (?:you are|you're)|\bshould you be\b|\byou are (?:now )?(?:the |an? |my |their )?(?:user'?s? )?|\b(?:si tu es|si vous êtes|si eres|si usted es|se sei|se lei è|se você é|se voce e|se for|wenn du|wenn sie|falls du|falls sie|als je|indien je|als u)\b|如果你是|もしあなたが) ?(?:\S+ ){0,3}${AI_TERM}`,
    String.raw`${AI_TERM}\b[^.!?\n]{0,40}(?:\b(?:reading|processing|summari[sz]ing|scanning|triaging|handling|parsing|that reads|that processes|who reads|which reads|reads this|reads the|que lea|que lee|que procese|que processe|que processa|que lê|que le|qui lit|qui traite|die (?:diese|deze)|der diese|che legge|che elabora|leest|verwerkt|liest|verarbeitet)\b|を処理|を読|读取|处理|阅读)`,
    String.raw`\b(?:system|sistema|système|systeme|systeem|システム|系统)\b ?:[^.!?\n]{0,60}(?:instructions?|instrucciones|consignes|anweisung(?:en)?|istruzioni|instruções|instructies|指示|指令|override|priority)`,
    String.raw`${AI_TERM} ?(?:override|overrule|directive|command|instructions?)\b`,
    String.raw`(?:\b(?:ignora|ignore[sz]?|ignoriere|negeer|ignorar|vergiss|oublie|olvida|dimentica|esqueça)\b|忽略|無視)[^.!?\n]{0,40}(?:instrucciones|instructions|anweisungen|istruzioni|instruções|instruçoes|instructies|consignes|indicaciones|指令|指示)`,
    String.raw`(?:致|给|給|へ|への|宛)\s?${AI_TERM}|${AI_TERM}\s?(?:へ|への|宛て)`,
    String.raw`\blet'?s play a game\b[^.!?\n]{0,60}\byou are\b`,
  ].join('|'),
  'u',
);

/** Words split by a hyphen at a line end, and CJK text with spaces inserted, hide the AI word itself. */
// ASCII, not \p{L}: a unicode-mode scan of a long body costs more than the whole rest of the check.
const SPLIT_WORD = /[A-Za-z]-(?:[ \t]*\r?\n[ \t>]*| )[A-Za-z]/;
const CJK_SPACED = /([\u3040-\u30ff\u4e00-\u9fff])[ \t]+(?=[\u3040-\u30ff\u4e00-\u9fff])/g;

/** What may follow "ai", "ki" or "ia" inside one word for AI_TERM to match ("aiassistant", "kibot"). */
const TERM_TAIL = /^(?:ass?ist|agent|mod[eè]l|system|bot|tool|summari|reader|helper)/i;
/** Latin letters only: "ai代理" and "aiアシスタント" are AI terms written without a space. */
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/;

/**
 * "ai", "ki" and "ia" open many everyday words ("kind", "aid", "Ian"). Such a hit names no AI unless
 * the word goes on with one of AI_TERM's companions, so it opens no window.
 */
function prefixOnly(text: string, m: RegExpExecArray): boolean {
  if (m[0].length !== 2) return false;
  const next = m.index + 2;
  if (!LATIN_LETTER.test(text.charAt(next))) return false;
  return !TERM_TAIL.test(text.slice(next, next + 12));
}

function addressedWindows(raw: string): string | undefined {
  let text = raw;
  if (SPLIT_WORD.test(text)) text = unwrap(text);
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) text = text.replace(CJK_SPACED, '$1');
  const windows: string[] = [];
  let covered = 0;
  AI_WORD.lastIndex = 0;
  for (let m = AI_WORD.exec(text); m; m = AI_WORD.exec(text)) {
    if (prefixOnly(text, m)) continue;
    const start = Math.max(covered, m.index - 160);
    const end = Math.min(text.length, m.index + m[0].length + 200);
    if (end > start) windows.push(text.slice(start, end));
    covered = end;
    AI_WORD.lastIndex = Math.max(m.index + m[0].length, end - 60);
  }
  return windows.length > 0 ? windows.join('\n') : undefined;
}

export function detectInjection(text: string): InjectionVerdict {
  const exfil = markdownExfil(text);
  // Invisible and compatibility characters are folded away once, up front; the folded text is then
  // read like any other, around its hint words, instead of normalised from end to end.
  const folded = EVASION.test(text) ? stripInvisible(text).text.normalize('NFKC') : text;
  const windows = hintWindows(folded);
  const verdict = windows === undefined ? { suspicious: false, reasons: [] } : detectNormalised(windows);
  const addressed = addressedWindows(folded);
  if (addressed !== undefined && !verdict.reasons.includes('addresses-ai')) {
    if (ADDRESSES_AI.test(normaliseForDetection(addressed).replace(/\n/g, ' ')))
      verdict.reasons.push('addresses-ai');
  }
  if (exfil) verdict.reasons.push(exfil);
  return { suspicious: verdict.reasons.length > 0, reasons: verdict.reasons };
}

function detectNormalised(text: string): InjectionVerdict {
  const normalised = normaliseForDetection(text);
  const flat = normalised.replace(/\n/g, ' ');
  const reasons = SIGNALS.filter(({ reason, pattern }) =>
    pattern.test(reason === 'role-marker' ? normalised : flat),
  ).map(({ reason }) => reason);
  if (!reasons.includes('ignore-instructions') && SQUASHED_IGNORE.test(flat.replace(/[^\p{L}]/gu, ''))) {
    reasons.unshift('ignore-instructions');
  }
  return { suspicious: reasons.length > 0, reasons };
}
