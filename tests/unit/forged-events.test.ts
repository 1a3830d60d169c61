// @vitest-environment happy-dom
/**
 * A script in the Gmail page can dispatch clicks and keys on Brody's controls. Those events are not
 * trusted (`isTrusted` false) and must change nothing: no learned rule, no task, no open menu.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeCorrectionMenu, openCorrectionMenu } from '../../extension/components/correction-menu';
import { renderSummaryCard } from '../../extension/components/SummaryCard';
import { EMPTY_CARD } from '../../extension/components/SummaryCardState';
import type { ActionItem } from '../../shared/schemas';
import { userClick } from './user-events';

afterEach(() => {
  closeCorrectionMenu();
  document.body.replaceChildren();
});

describe('forged events on Brody controls', () => {
  it('a synthetic click on "Mark high" stores no correction and leaves the menu open', () => {
    const anchor = document.createElement('button');
    document.body.append(anchor);
    const picks: string[] = [];
    openCorrectionMenu({
      anchor,
      sender: 'ana@example.com',
      topic: ['invoice'],
      current: 'low',
      onPick: (urgency, scope) => picks.push(`${urgency}/${scope}`),
    });
    const topic = document.querySelector<HTMLElement>('[data-brody-scope="sender-topic"]');
    const high = document.querySelector<HTMLElement>('[data-brody-pick="high"]');
    expect(high).not.toBeNull();
    const forged = new MouseEvent('click', { bubbles: true });
    expect(forged.isTrusted).not.toBe(true);
    topic?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(topic?.getAttribute('aria-checked')).toBe('false');
    high?.dispatchEvent(forged);
    high?.click();
    expect(picks).toEqual([]);
    expect(document.querySelector('[data-brody-pick="high"]')).not.toBeNull();
    // Keys from a script do not walk or close the menu either.
    high?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(document.querySelector('[data-brody-pick="high"]')).not.toBeNull();
    // The user's own clicks work.
    userClick(topic);
    userClick(high);
    expect(picks).toEqual(['high/sender-topic']);
  });

  it('a synthetic click on a summary card button adds no task', () => {
    const mount = document.createElement('div');
    document.body.append(mount);
    const added: ActionItem[] = [];
    renderSummaryCard(
      mount,
      {
        ...EMPTY_CARD,
        pending: false,
        origin: 'api',
        summary: {
          threadId: 't1',
          summary: 'Ann asks for the numbers.',
          keyPoints: [],
          actionItems: [{ text: 'Send the numbers' }],
          source: 'rules',
          engine: 'rules',
          aiStatus: 'off',
          suspicious: false,
          notes: [],
          messageCount: 1,
          at: '2026-11-22T06:00:00.000Z',
        },
      },
      (item) => added.push(item),
    );
    const buttons = [...mount.querySelectorAll('button')];
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) button.click();
    expect(added).toEqual([]);
    userClick(mount.querySelector('button.add-task'));
    expect(added.map((item) => item.text)).toEqual(['Send the numbers']);
  });
});
