/**
 * Urgency badge on every thread row. The background answers each batch of rows from its cache and
 * its local rule engine at once (even with the API down), then from the API, whose results replace
 * the rules' ones. For a page of rows the rule engine runs there, in the service worker, not on
 * Gmail's main thread. The few rows Gmail adds after load (new mail) are triaged here as well, in
 * the task that found them: an answer from the background reaches the page only after the frame
 * that lays out the new row, so the row would first be shown without its verdict.
 * Rows Gmail recycles for another thread are noticed by their key and re-decorated
 * in place, so a row never carries two badges. Learned rules (the user's corrections) come from
 * extension storage; when they change, only rows they bear on are re-badged and asked again.
 *
 * Layout: a table of thousands of rows costs tens of milliseconds to lay out, so it may be laid out
 * once for Brody, not once per slice. Every row's badge is put in place (empty, its size fixed by
 * CSS) in the same task that found the row, so all insertions share one layout; deciding what the
 * badges say starts after that frame. What goes inside a badge is written in requestAnimationFrame,
 * in batches, and only where it changed; the label is a layout boundary of its own, and an off-screen
 * badge's contents are skipped (content-visibility), so those writes never lay the table out again
 * and cost a frame only for the rows in view. Nothing in this path reads layout.
 */
import type {
  AiStatus,
  LearnedRule,
  MessageSummaryInput,
  TriageContextInput,
  TriageResult,
} from '../../../shared/schemas';
import { triage } from '../../../shared/triage';
import { applyLearnedRules } from '../../../shared/triage/learned/apply';
import { installBadgeRoving } from '../../components/badge-roving';
import { installBadgeTooltip } from '../../components/badge-tooltip';
import {
  BADGE_CLASS,
  type BadgeSource,
  createBadge,
  renderBadge,
  reserveBadgeWidth,
} from '../../components/urgency-badge';
import type { Feature } from '../../platform/feature-runner';
import type { PortReply } from '../../platform/messages';
import { observe } from '../../platform/observe';
import { ruleFingerprint } from '../../platform/rule-fingerprint';
import { getSetting, watchSetting } from '../../platform/settings';
import { createSlicedQueue } from '../../platform/sliced-queue';
import { connectTriage } from '../../platform/triage-connection';
import type { GmailView } from '../../sites/gmail/detect';
import {
  groupForRow,
  isVerticalRow,
  readRowIdentity,
  readThreadRow,
  type ThreadRowGroup,
} from '../../sites/gmail/read';
import { GMAIL, queryFirst } from '../../sites/gmail/selectors';
import { detectGmailTheme } from '../../sites/gmail/theme';
import { installBadgeCorrection } from './badge-correction';

const ROW_SELECTOR = GMAIL.threadRow.forms.join(', ');

interface Shown {
  result: TriageResult;
  source: BadgeSource;
  aiStatus?: AiStatus;
}

function badgeIn(group: ThreadRowGroup): HTMLElement[] {
  return group.parts.flatMap((part) => Array.from(part.querySelectorAll<HTMLElement>(`.${BADGE_CLASS}`)));
}

/** Puts exactly one badge in the group, reusing one that is already there. */
function placeBadge(group: ThreadRowGroup): HTMLElement {
  const [existing, ...extra] = badgeIn(group);
  for (const badge of extra) badge.remove();
  if (existing) return existing;
  const badge = createBadge();
  const slot = group.parts.map((part) => queryFirst(part, GMAIL.badgeSlot)).find((found) => found !== null);
  (slot ?? group.row).prepend(badge);
  return badge;
}

function show(group: ThreadRowGroup, key: string, shown: Shown, summary?: MessageSummaryInput): HTMLElement {
  const badge = placeBadge(group);
  renderBadge(badge, key, shown.result, shown.source, {
    from: summary?.from,
    aiStatus: shown.aiStatus,
  });
  const row = group.row;
  if (row.dataset.brodyUrgency !== shown.result.urgency) row.dataset.brodyUrgency = shown.result.urgency;
  if (row.dataset.brodyKey !== key) row.dataset.brodyKey = key;
  return badge;
}

interface Write {
  key: string;
  shown: Shown;
}

/**
 * While a page of rows is being decorated, its writes are applied at most this often. Every frame
 * with a write costs a style, layout and paint pass whose fixed part grows with the table, so a
 * few larger batches cost far less than one small batch per frame.
 */
const FLUSH_INTERVAL_MS = 50;
/**
 * A frame writes badges for at most this long and leaves the rest to the next frame, so a page of
 * answers arriving at once never makes one long frame, however slow the machine.
 */
const WRITE_BUDGET_MS = 8;
/**
 * A slice that finds at most this many rows the run has not seen (new mail, not a page of rows) is
 * triaged in the page at once: well under a millisecond, and the verdict shares the row's frame.
 */
const ANSWER_HERE_MAX_ROWS = 5;

/**
 * Collects badge writes and applies them in one batch per frame, and in a burst at most once per
 * FLUSH_INTERVAL_MS. A hidden tab gets no animation frames, so there the batch runs in a task.
 */
function createFrameWriter(signal: AbortSignal, apply: (row: HTMLElement, write: Write) => void) {
  const pending = new Map<HTMLElement, Write>();
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = Number.NEGATIVE_INFINITY;
  const flush = (): void => {
    frame = 0;
    clearTimeout(timer);
    timer = undefined;
    if (signal.aborted) return;
    const started = performance.now();
    lastFlush = started;
    for (const [row, write] of pending) {
      pending.delete(row);
      apply(row, write);
      if (performance.now() - started >= WRITE_BUDGET_MS) break;
    }
    // What the budget left goes in the very next frame, not after the flush interval.
    if (pending.size > 0) next();
  };
  const next = (): void => {
    if (document.visibilityState === 'hidden') timer = setTimeout(flush, 0);
    else frame = requestAnimationFrame(flush);
  };
  const schedule = (): void => {
    if (frame || timer !== undefined) return;
    if (document.visibilityState === 'hidden') {
      timer = setTimeout(flush, 0);
      return;
    }
    const wait = lastFlush + FLUSH_INTERVAL_MS - performance.now();
    if (wait > 0)
      timer = setTimeout(() => {
        timer = undefined;
        schedule();
      }, wait);
    else frame = requestAnimationFrame(flush);
  };
  signal.addEventListener(
    'abort',
    () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      pending.clear();
    },
    { once: true },
  );
  // A tab hidden while a frame is awaited would otherwise keep its badges empty until shown again.
  document.addEventListener(
    'visibilitychange',
    () => {
      if (document.visibilityState !== 'hidden' || !frame) return;
      cancelAnimationFrame(frame);
      frame = 0;
      schedule();
    },
    { signal },
  );
  return {
    write(row: HTMLElement, write: Write): void {
      pending.set(row, write);
      schedule();
    },
    /** For a user's own correction: a few rows, written in the task of the click that made it. */
    writeNow(row: HTMLElement, write: Write): void {
      pending.delete(row);
      apply(row, write);
    },
    /** The key a row is about to show, when a write for it is waiting. */
    pendingKey: (row: HTMLElement): string | undefined => pending.get(row)?.key,
  };
}

export const rowUrgencyBadge: Feature<GmailView> = {
  name: 'row-urgency-badge',
  matches: (view) => view.kind === 'list',
  async init(signal) {
    reserveBadgeWidth();
    document.documentElement.dataset.brodyTheme = detectGmailTheme();
    const tooltip = installBadgeTooltip(signal);
    const roving = installBadgeRoving(signal);
    const [storedRules, userEmails, vips, priorities] = await Promise.all([
      getSetting('learnedRules'),
      getSetting('userEmails'),
      getSetting('vips'),
      getSetting('priorities'),
    ]);
    if (signal.aborted) return;
    let rules: LearnedRule[] = storedRules;
    // What the in-page answer for new mail reads; the background's answer adds what only it knows.
    const context: Omit<TriageContextInput, 'rules'> = { userEmails, vips, priorities };
    watchSetting('userEmails', (next) => (context.userEmails = next), signal);
    watchSetting('vips', (next) => (context.vips = next), signal);
    watchSetting('priorities', (next) => (context.priorities = next), signal);

    // Best result known per key for this run; server answers outrank the local rules.
    const known = new Map<string, Shown>();
    const summaries = new Map<string, MessageSummaryInput>();
    // Old markup derives keys from sender+subject+date, so identical rows can share one key.
    const rowsByKey = new Map<string, Set<HTMLElement>>();
    const queued = new WeakSet<Element>();
    const askedBackground = new Set<string>();
    // The batch that last asked for a key: answers to older batches were computed under older rules.
    const latestBatch = new Map<string, number>();

    const writer = createFrameWriter(signal, (row, { key, shown }) => {
      const group = row.isConnected ? groupForRow(row) : null;
      if (!group) return;
      const badge = show(group, key, shown, summaries.get(key));
      roving.adopt(badge);
      tooltip.refresh(badge);
    });
    // The thread each row held when last read: a row waits for its first answer with no key written.
    const readKey = new WeakMap<HTMLElement, string>();
    // The key a row shows or is about to show: a recycled row may still carry its old thread's key.
    const rowKey = (row: HTMLElement): string | undefined =>
      readKey.get(row) ?? writer.pendingKey(row) ?? row.dataset.brodyKey;

    const showKey = (key: string, shown: Shown, now = false): void => {
      known.set(key, shown);
      for (const row of rowsByKey.get(key) ?? []) {
        if (rowKey(row) !== key) continue;
        if (now) writer.writeNow(row, { key, shown });
        else writer.write(row, { key, shown });
      }
    };

    /**
     * The user's corrections applied at once to what a row shows, until the background's answer
     * under the new rules arrives: a correction never waits for a round trip.
     */
    const preview = (key: string, summary: MessageSummaryInput, now: boolean): void => {
      const current = known.get(key);
      if (!current) return;
      const unlearned = {
        ...current.result,
        reasons: current.result.reasons.filter((r) => r.rule !== 'learned'),
      };
      showKey(key, { result: applyLearnedRules(unlearned, summary, rules), source: 'rules' }, now);
    };

    const applyReply = (reply: PortReply): void => {
      if (reply.type !== 'triage-results') return;
      for (const result of reply.results) {
        if ((latestBatch.get(result.id) ?? -1) > reply.batch) continue;
        showKey(result.id, { result, source: reply.origin, aiStatus: reply.aiStatus });
      }
    };
    const connection = connectTriage(signal, applyReply);
    const ask = (batch: MessageSummaryInput[]): void => {
      if (batch.length === 0) return;
      const numbers = connection.send(batch);
      batch.forEach((summary, index) => {
        const number = numbers[index];
        if (number !== undefined) latestBatch.set(summary.id, number);
      });
    };

    // `stored` is what the background published; `rules` adds a correction made here that the
    // background has not published yet. Only published rules are worth asking the background about.
    let stored: LearnedRule[] = storedRules;
    const rebadge = (before: LearnedRule[], asked: LearnedRule[]): void => {
      const again: MessageSummaryInput[] = [];
      for (const [key, summary] of summaries) {
        const now = ruleFingerprint(rules, summary);
        if (ruleFingerprint(before, summary) !== now) preview(key, summary, false);
        if (ruleFingerprint(asked, summary) !== now) again.push(summary);
      }
      ask(again);
    };
    watchSetting(
      'learnedRules',
      (next) => {
        const [before, asked] = [rules, stored];
        rules = stored = next;
        rebadge(before, asked);
      },
      signal,
    );

    installBadgeCorrection(signal, {
      rowSelector: ROW_SELECTOR,
      lookup(badge) {
        const key = badge.dataset.brodyKey;
        const summary = key ? summaries.get(key) : undefined;
        const shown = key ? known.get(key) : undefined;
        return summary && shown ? { summary, urgency: shown.result.urgency } : null;
      },
      apply(rule) {
        // Replaces an earlier correction of the same target, as the background will.
        const sameTarget = (old: LearnedRule): boolean =>
          old.scope === rule.scope &&
          old.sender === rule.sender &&
          old.topic.join(' ') === rule.topic.join(' ');
        const before = rules;
        rules = [...rules.filter((old) => !sameTarget(old)), rule];
        for (const [key, summary] of summaries) {
          if (ruleFingerprint(before, summary) === ruleFingerprint(rules, summary)) continue;
          // Answers already on their way were computed without this rule: hold them off until re-asked.
          latestBatch.set(key, Number.MAX_SAFE_INTEGER);
          preview(key, summary, true);
        }
      },
    });

    const decorate = (row: HTMLElement): MessageSummaryInput | null => {
      queued.delete(row);
      const group = groupForRow(row);
      // read.ts bounds every field to the contract's limits; the background validates the full shape.
      const summary = group ? readThreadRow(group) : null;
      if (!group || !summary) return null;
      summaries.set(summary.id, summary);
      readKey.set(row, summary.id);
      const rows = rowsByKey.get(summary.id) ?? new Set<HTMLElement>();
      rowsByKey.set(summary.id, rows.add(row));
      // A key seen before shows its verdict now; a new one keeps its reserved, empty badge until
      // the background's first answer (its cache or its rules), a round trip later.
      const shown = known.get(summary.id);
      if (shown) writer.write(row, { key: summary.id, shown });
      if (askedBackground.has(summary.id)) return null;
      askedBackground.add(summary.id);
      return summary;
    };

    const queue = createSlicedQueue<HTMLElement>({
      signal,
      process: (row) => {
        const summary = decorate(row);
        if (summary) pendingSend.push(summary);
      },
      afterSlice: () => {
        const batch = pendingSend.splice(0);
        // New mail: its verdict now, in the task that found it, before the browser lays it out.
        if (batch.length <= ANSWER_HERE_MAX_ROWS)
          for (const summary of batch)
            if (!known.has(summary.id))
              showKey(summary.id, { result: triage(summary, { ...context, rules }), source: 'rules' }, true);
        ask(batch);
      },
    });
    const pendingSend: MessageSummaryInput[] = [];

    // The first scan puts every row's badge in place; decorating them waits for that frame.
    queue.afterPaint();
    observe(
      ROW_SELECTOR,
      (row) => {
        if (!(row instanceof HTMLElement)) return;
        queued.add(row);
        // The badge's space now, in the task that found the row: it shares Gmail's layout.
        const group = groupForRow(row);
        if (group) roving.adopt(placeBadge(group));
        queue.push(row);
      },
      {
        signal,
        ignoreNode: (node) => node instanceof HTMLElement && node.dataset.brody !== undefined,
        needsHandling: (row) => {
          if (queued.has(row) || !(row instanceof HTMLElement)) return false;
          // Never decorated: no need to read the row before queueing it (keeps the first scan cheap).
          if (row.dataset.brodyKey === undefined && !isVerticalRow(row)) return true;
          const group = groupForRow(row);
          if (!group) return false;
          const key = readRowIdentity(group).id;
          const badges = badgeIn(group);
          if (writer.pendingKey(row) === key && badges.length === 1) return false;
          if (row.dataset.brodyKey !== key || badges.length !== 1 || badges[0]?.dataset.brodyKey !== key)
            return true;
          // A badge left on local rules by an earlier run (navigation aborted it) asks the background again.
          return badges[0]?.dataset.brodySource === 'rules' && !askedBackground.has(key);
        },
      },
    );
  },
};
