/**
 * Learned rules in the background: Dexie is the source of truth, and every change is published to
 * extension storage so open Gmail tabs (which cannot open Dexie) re-badge without a reload.
 */
import type { LearnedRule } from '../../shared/schemas';
import type { RuntimeRequest } from '../platform/messages';
import type { BrodyDatabase } from './db';
import { recordWrite, SYNC_STORES } from './sync/sync-tables';

/** Same bound as TriageContext.rules: the whole list must fit in one triage request. */
export const MAX_RULES = 2_000;

export type RuleRequest = Extract<
  RuntimeRequest,
  { type: 'add-rule' | 'delete-rule' | 'confirm-rule' | 'list-rules' }
>;

export interface RulesServiceDeps {
  db: BrodyDatabase;
  /** Called with the full list after every change. */
  publish: (rules: LearnedRule[]) => Promise<void>;
  now?: () => Date;
}

export interface RulesService {
  /** Newest confirmation first. */
  list(): Promise<LearnedRule[]>;
  add(rule: LearnedRule): Promise<LearnedRule[]>;
  remove(id: string): Promise<LearnedRule[]>;
  /** Marks the sender's rules as confirmed now, so they stop fading. */
  confirm(sender: string): Promise<LearnedRule[]>;
  /** Rules for these (lower-cased) senders: what a triage batch needs to send along. */
  forSenders(senders: ReadonlySet<string>): Promise<LearnedRule[]>;
  /** Re-publishes the stored list (at start, in case storage was cleared). */
  publish(): Promise<LearnedRule[]>;
  handle(request: RuleRequest): Promise<{ ok: true; rules: LearnedRule[] }>;
}

function sameTarget(a: LearnedRule, b: LearnedRule): boolean {
  return a.scope === b.scope && a.sender === b.sender && a.topic.join(' ') === b.topic.join(' ');
}

export function createRulesService(deps: RulesServiceDeps): RulesService {
  const now = deps.now ?? (() => new Date());
  const { db } = deps;

  const list = async (): Promise<LearnedRule[]> =>
    (await db.rules.orderBy('confirmedAt').reverse().toArray()).slice(0, MAX_RULES);

  const wall = () => now().getTime();
  /** Every rule write goes with its outbox entry, in one transaction. */
  const write = <T>(body: () => Promise<T>): Promise<T> =>
    db.transaction('rw', ['rules', ...SYNC_STORES], body);
  const drop = async (old: LearnedRule): Promise<void> => {
    await db.rules.delete(old.id);
    await recordWrite(db, 'rules', old.id, old, undefined, wall);
  };

  const publish = async (): Promise<LearnedRule[]> => {
    const rules = await list();
    await deps.publish(rules);
    return rules;
  };

  const service: RulesService = {
    list,
    publish,
    async add(input) {
      const stamp = now().toISOString();
      const rule: LearnedRule = {
        ...input,
        sender: input.sender.trim().toLowerCase(),
        topic: input.scope === 'sender-topic' ? input.topic.map((word) => word.toLowerCase()) : [],
        // The page's clock and dates are not trusted: a rule starts fresh when the user makes it.
        createdAt: stamp,
        confirmedAt: stamp,
      };
      await write(async () => {
        // A new correction for the same sender (and topic) replaces the old one instead of piling up.
        const existing = await db.rules.where('sender').equals(rule.sender).toArray();
        for (const old of existing.filter((old) => sameTarget(old, rule) && old.id !== rule.id))
          await drop(old);
        const before = await db.rules.get(rule.id);
        await db.rules.put(rule);
        await recordWrite(db, 'rules', rule.id, before, rule, wall);
        const overflow = (await db.rules.count()) - MAX_RULES;
        if (overflow > 0)
          for (const old of await db.rules.orderBy('confirmedAt').limit(overflow).toArray()) await drop(old);
      });
      return publish();
    },
    async remove(id) {
      await write(async () => {
        const old = await db.rules.get(id);
        if (old) await drop(old);
      });
      return publish();
    },
    async confirm(sender) {
      const address = sender.trim().toLowerCase();
      const stamp = now().toISOString();
      const changed = await write(async () => {
        const matching = await db.rules.where('sender').equals(address).toArray();
        for (const old of matching) {
          const next = { ...old, confirmedAt: stamp };
          await db.rules.put(next);
          await recordWrite(db, 'rules', old.id, old, next, wall);
        }
        return matching.length;
      });
      return changed > 0 ? publish() : list();
    },
    async forSenders(senders) {
      if (senders.size === 0) return [];
      return db.rules
        .where('sender')
        .anyOf([...senders])
        .toArray();
    },
    async handle(request) {
      switch (request.type) {
        case 'add-rule':
          return { ok: true, rules: await service.add(request.rule) };
        case 'delete-rule':
          return { ok: true, rules: await service.remove(request.id) };
        case 'confirm-rule':
          return { ok: true, rules: await service.confirm(request.sender) };
        case 'list-rules':
          return { ok: true, rules: await list() };
      }
    },
  };
  return service;
}
