/**
 * Urgency badge on every thread row. The local rule engine answers at once (even with the API
 * down); the background then answers from its cache and from the API, and those results replace
 * the local ones. Rows Gmail recycles for another thread are noticed by their key and re-decorated
 * in place, so a row never carries two badges.
 */
import type { MessageSummaryInput, TriageContextInput, TriageResult } from '../../../shared/schemas';
import { triage } from '../../../shared/triage';
import { installBadgeTooltip } from '../../components/badge-tooltip';
import { BADGE_CLASS, type BadgeSource, createBadge, renderBadge } from '../../components/urgency-badge';
import type { Feature } from '../../platform/feature-runner';
import type { PortReply } from '../../platform/messages';
import { observe } from '../../platform/observe';
import { getSetting } from '../../platform/settings';
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

const ROW_SELECTOR = GMAIL.threadRow.forms.join(', ');

interface Shown {
  result: TriageResult;
  source: BadgeSource;
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

function show(group: ThreadRowGroup, key: string, shown: Shown): void {
  renderBadge(placeBadge(group), key, shown.result, shown.source);
  group.row.dataset.brodyUrgency = shown.result.urgency;
  group.row.dataset.brodyKey = key;
}

export const rowUrgencyBadge: Feature<GmailView> = {
  name: 'row-urgency-badge',
  matches: (view) => view.kind === 'list',
  async init(signal) {
    document.documentElement.dataset.brodyTheme = detectGmailTheme();
    installBadgeTooltip(signal);
    const context: TriageContextInput = {
      userEmails: await getSetting('userEmails'),
      vips: await getSetting('vips'),
    };
    if (signal.aborted) return;

    // Best result known per key for this run; server answers outrank the local rules.
    const known = new Map<string, Shown>();
    // Old markup derives keys from sender+subject+date, so identical rows can share one key.
    const rowsByKey = new Map<string, Set<HTMLElement>>();
    const queued = new WeakSet<Element>();
    const askedBackground = new Set<string>();

    const applyReply = (reply: PortReply): void => {
      if (reply.type !== 'triage-results') return;
      for (const result of reply.results) {
        const shown: Shown = { result, source: reply.origin };
        known.set(result.id, shown);
        for (const row of rowsByKey.get(result.id) ?? []) {
          const group = row.dataset.brodyKey === result.id ? groupForRow(row) : null;
          if (group) show(group, result.id, shown);
        }
      }
    };
    const connection = connectTriage(signal, applyReply);

    const decorate = (row: HTMLElement): MessageSummaryInput | null => {
      queued.delete(row);
      const group = groupForRow(row);
      // read.ts bounds every field to the contract's limits; the background validates the full shape.
      const summary = group ? readThreadRow(group) : null;
      if (!group || !summary) return null;
      const shown = known.get(summary.id) ?? { result: triage(summary, context), source: 'rules' as const };
      if (!known.has(summary.id)) known.set(summary.id, shown);
      const rows = rowsByKey.get(summary.id) ?? new Set<HTMLElement>();
      rowsByKey.set(summary.id, rows.add(row));
      show(group, summary.id, shown);
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
        if (pendingSend.length === 0) return;
        connection.send(pendingSend.splice(0));
      },
    });
    const pendingSend: MessageSummaryInput[] = [];

    observe(
      ROW_SELECTOR,
      (row) => {
        if (!(row instanceof HTMLElement)) return;
        queued.add(row);
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
          if (row.dataset.brodyKey !== key || badges.length !== 1 || badges[0]?.dataset.brodyKey !== key)
            return true;
          // A badge left on local rules by an earlier run (navigation aborted it) asks the background again.
          return badges[0]?.dataset.brodySource === 'rules' && !askedBackground.has(key);
        },
      },
    );
  },
};
