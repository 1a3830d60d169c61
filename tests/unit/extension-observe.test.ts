// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { badgeLabel, badgeTooltip, createBadge, renderBadge } from '../../extension/components/urgency-badge';
import { type FeatureError, runFeatures, startFeatureRuns } from '../../extension/platform/feature-runner';
import { observe } from '../../extension/platform/observe';
import { createSlicedQueue } from '../../extension/platform/sliced-queue';
import type { TriageResult } from '../../shared/schemas';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('observe()', () => {
  it('handles existing and later elements once each', async () => {
    document.body.innerHTML = '<ul><li class="item">a</li></ul>';
    const seen: string[] = [];
    const controller = new AbortController();
    observe('.item', (element) => seen.push(element.textContent ?? ''), { signal: controller.signal });
    const list = document.querySelector('ul')!;
    list.insertAdjacentHTML('beforeend', '<li class="item">b</li>');
    await tick();
    list.insertAdjacentHTML('beforeend', '<li>not matching</li>');
    await tick();
    expect(seen).toEqual(['a', 'b']);
    controller.abort();
    list.insertAdjacentHTML('beforeend', '<li class="item">after abort</li>');
    await tick();
    expect(seen).toEqual(['a', 'b']);
  });

  it('re-handles a recycled element when needsHandling says its content changed', async () => {
    document.body.innerHTML = '<div class="row" data-key="1"></div>';
    const handledKeys = new WeakMap<Element, string>();
    const calls: string[] = [];
    const controller = new AbortController();
    observe(
      '.row',
      (element) => {
        const key = element.getAttribute('data-key') ?? '';
        handledKeys.set(element, key);
        calls.push(key);
      },
      {
        signal: controller.signal,
        needsHandling: (element) => handledKeys.get(element) !== element.getAttribute('data-key'),
      },
    );
    const row = document.querySelector('.row')!;
    row.appendChild(document.createElement('span'));
    await tick();
    expect(calls).toEqual(['1']);
    row.innerHTML = '<b>new thread</b>';
    row.setAttribute('data-key', '2');
    await tick();
    expect(calls).toEqual(['1', '2']);
    controller.abort();
  });

  it('ignores mutations made only by our own nodes', async () => {
    document.body.innerHTML = '<div class="row"></div>';
    let scans = 0;
    const controller = new AbortController();
    observe('.row', () => undefined, {
      signal: controller.signal,
      needsHandling: () => {
        scans++;
        return false;
      },
      ignoreNode: (node) => node instanceof HTMLElement && node.dataset.brody !== undefined,
    });
    const before = scans;
    const ours = document.createElement('span');
    ours.dataset.brody = 'badge';
    document.querySelector('.row')!.append(ours);
    await tick();
    expect(scans).toBe(before);
    document.querySelector('.row')!.append(document.createElement('i'));
    await tick();
    expect(scans).toBeGreaterThan(before);
    controller.abort();
  });
});

describe('feature runner', () => {
  it('isolates a failing feature and tags its error', async () => {
    const errors: FeatureError[] = [];
    const started = await runFeatures(
      [
        { name: 'broken', matches: () => true, init: () => Promise.reject(new Error('boom')) },
        { name: 'works', matches: () => true, init: () => undefined },
        { name: 'elsewhere', matches: (view: string) => view === 'thread', init: () => undefined },
      ],
      'list',
      new AbortController().signal,
      (error) => errors.push(error),
    );
    expect(started).toEqual(['works']);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.feature).toBe('broken');
    expect(errors[0]?.message).toBe('[brody:broken] boom');
  });

  it('aborts the previous run on navigation', async () => {
    const signals: AbortSignal[] = [];
    let navigate: () => void = () => undefined;
    const page = new AbortController();
    startFeatureRuns({
      features: [{ name: 'f', matches: () => true, init: (signal) => void signals.push(signal) }],
      detectView: () => 'list',
      signal: page.signal,
      onNavigate: (restart) => {
        navigate = restart;
      },
    });
    // Features start in a task of their own: let the first run start before navigating.
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    navigate();
    await vi.waitFor(() => expect(signals).toHaveLength(2));
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
    page.abort();
    expect(signals[1]?.aborted).toBe(true);
  });
});

describe('urgency badge', () => {
  const hostile: TriageResult = {
    id: 't1',
    urgency: 'high',
    category: 'action',
    reasons: [
      { rule: 'deadline', text: '<img src=x onerror="window.__pwned=1"> deadline today 5pm', weight: 3 },
      { rule: 'sender', text: 'from \u202Egnp.exe', weight: 1 },
    ],
    score: 4,
    source: 'ai',
    engine: 'model-x',
    suspicious: true,
    at: '2026-11-21T10:00:00Z',
  };

  it('renders reasons as text, strips direction overrides, and is accessible', () => {
    const badge = createBadge();
    renderBadge(badge, 't1', hostile, 'server');
    document.body.replaceChildren(badge);
    // Only Brody's own label element: nothing from the mail becomes markup.
    expect(badge.children).toHaveLength(1);
    expect(badge.firstElementChild?.className).toBe('brody-badge__label');
    expect(badge.firstElementChild?.children).toHaveLength(0);
    expect(document.querySelector('img')).toBeNull();
    expect(badge.textContent).toBe('high · action');
    // Interactive since corrections: a badge opens the correction menu.
    expect(badge.getAttribute('role')).toBe('button');
    // Reached with the arrow keys; the list's one Tab stop is chosen by badge-roving.ts.
    expect(badge.tabIndex).toBe(-1);
    expect(badge.getAttribute('aria-label')).toBe(badgeLabel(hostile));
    expect(badge.getAttribute('aria-label')).toMatch(/^Urgency high, action: <img/);
    // Brody's own tooltip shows this text; a native title would pop up beside it.
    expect(badge.hasAttribute('title')).toBe(false);
    const description = badge.getAttribute('aria-description') ?? '';
    expect(description).toBe(badgeTooltip(hostile, 'server'));
    expect(description).not.toContain('\u202E');
    expect(description).toContain('⚠ looks suspicious');
    expect(description).toContain('Source: Brody server (model-x)');
    expect(badge.className).toBe('brody-badge brody-badge--high brody-badge--suspicious');
  });

  it('writes nothing when the result it shows is shown again, and only what changed otherwise', async () => {
    const badge = createBadge();
    document.body.replaceChildren(badge);
    renderBadge(badge, 't1', hostile, 'rules');
    const text = badge.firstElementChild?.firstChild;
    const changes: string[] = [];
    const recorder = new MutationObserver((records) => {
      for (const record of records) changes.push(record.attributeName ?? record.type);
    });
    recorder.observe(badge, { subtree: true, attributes: true, childList: true, characterData: true });
    renderBadge(badge, 't1', hostile, 'rules');
    await tick();
    expect(changes).toEqual([]);
    renderBadge(badge, 't1', hostile, 'server');
    await tick();
    expect(changes.sort()).toEqual(['aria-description', 'data-brody-source']);
    // The label keeps its text node: a new result changes its text in place.
    renderBadge(badge, 't1', { ...hostile, urgency: 'low' }, 'server');
    expect(badge.firstElementChild?.firstChild).toBe(text);
    expect(badge.textContent).toBe('low · action');
    recorder.disconnect();
  });
});

describe('createSlicedQueue()', () => {
  it('works through every item, and after afterPaint() waits for a frame before the first slice', async () => {
    const done: number[] = [];
    const controller = new AbortController();
    const queue = createSlicedQueue<number>({ signal: controller.signal, process: (n) => done.push(n) });
    let framed = false;
    requestAnimationFrame(() => {
      framed = true;
    });
    queue.afterPaint();
    queue.push(1);
    queue.push(2);
    await Promise.resolve();
    expect(done).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(framed).toBe(true);
    expect(done).toEqual([1, 2]);
    // Later pushes are no longer held: they run in a microtask of the task that pushed them.
    queue.push(3);
    await Promise.resolve();
    await Promise.resolve();
    expect(done).toEqual([1, 2, 3]);
    controller.abort();
  });
});
