import type { LearnedRuleInput, TriageContextInput } from '../schemas';
import { type PriorityMatcher, prioritiesFor } from './priorities';

/** TriageContext with defaults applied by hand: zod parsing on the hot path costs throughput. */
export interface EngineContext {
  nowMs: number;
  nowIso: string;
  /** Minutes east of UTC taken from ctx.now, so "today 5pm" means the user's 5pm. */
  tzOffsetMin: number;
  userEmails: Set<string>;
  /** Lower-cased first names guessed from the user's addresses (jane.doe@ → jane). */
  firstNames: string[];
  vipAddresses: Set<string>;
  vipDomains: string[];
  /** Lower-cased addresses the user has written to. */
  sentTo: ReadonlySet<string>;
  senderStats: Record<string, { received: number; replied: number } | undefined>;
  /** Learned rules by lower-cased sender: a message only ever looks at its own sender's rules. */
  rulesBySender: Map<string, LearnedRuleInput[]>;
  priorities: PriorityMatcher;
}

function offsetOf(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

function firstNameOf(email: string): string | undefined {
  const local = email.split('@')[0] ?? '';
  const name = local.split(/[._+-]/)[0] ?? '';
  return /^[a-z]{2,}$/.test(name) ? name : undefined;
}

const NO_RULES = new Map<string, LearnedRuleInput[]>();
/**
 * Callers rating one row at a time pass the same rules array each time; it is indexed once. A changed
 * rule set must arrive as a new array, as state updates do; an array edited in place keeps its old index.
 */
const ruleIndexes = new WeakMap<readonly LearnedRuleInput[], Map<string, LearnedRuleInput[]>>();

function indexRules(rules: readonly LearnedRuleInput[]): Map<string, LearnedRuleInput[]> {
  let index = ruleIndexes.get(rules);
  if (index) return index;
  index = new Map();
  for (const rule of rules) {
    const sender = rule.sender.trim().toLowerCase();
    const list = index.get(sender);
    if (list) list.push(rule);
    else index.set(sender, [rule]);
  }
  ruleIndexes.set(rules, index);
  return index;
}

const NOBODY: ReadonlySet<string> = new Set();
/** The same Sent list arrives with every batch; it is lower-cased into a set once. */
const sentSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function sentToSet(list: readonly string[] | undefined): ReadonlySet<string> {
  if (!list || list.length === 0) return NOBODY;
  let set = sentSets.get(list);
  if (!set) {
    set = new Set(list.map((e) => e.trim().toLowerCase()).filter(Boolean));
    sentSets.set(list, set);
  }
  return set;
}

export function resolveContext(ctx: TriageContextInput | undefined): EngineContext {
  const parsed = ctx?.now ? Date.parse(ctx.now) : Number.NaN;
  const nowMs = Number.isFinite(parsed) ? parsed : Date.now();
  const userEmails = new Set((ctx?.userEmails ?? []).map((e) => e.trim().toLowerCase()).filter(Boolean));
  const vipAddresses = new Set<string>();
  const vipDomains: string[] = [];
  for (const raw of ctx?.vips ?? []) {
    const vip = raw.trim().toLowerCase();
    if (vip.startsWith('@')) vipDomains.push(vip.slice(1));
    else if (vip.includes('@')) vipAddresses.add(vip);
    else if (vip) vipDomains.push(vip);
  }
  const rulesBySender = ctx?.rules ? indexRules(ctx.rules) : NO_RULES;
  const firstNames = [...userEmails].map(firstNameOf).filter((n): n is string => n !== undefined);
  return {
    nowMs,
    nowIso: new Date(nowMs).toISOString(),
    // Without a stated now, the zone is this runtime's: the browser's own is the user's.
    tzOffsetMin: ctx?.now ? offsetOf(ctx.now) : -new Date(nowMs).getTimezoneOffset(),
    userEmails,
    firstNames,
    vipAddresses,
    vipDomains,
    sentTo: sentToSet(ctx?.sentTo),
    senderStats: ctx?.senderStats ?? {},
    rulesBySender,
    priorities: prioritiesFor(ctx?.priorities ?? ''),
  };
}
