/**
 * What a click on a Brody notification opens. Headless Chromium cannot click a system notification,
 * so the background's onClicked handler is driven here with the browser APIs it calls recorded.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: { method: string; args: unknown[] }[] = [];
const record =
  (method: string, answer?: unknown) =>
  async (...args: unknown[]) => {
    calls.push({ method, args });
    return answer;
  };

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: { getURL: (path: string) => `chrome-extension://brody${path}` },
    tabs: {
      create: record('tabs.create'),
      update: record('tabs.update'),
      query: async (query: unknown) => {
        calls.push({ method: 'tabs.query', args: [query] });
        return [{ id: 7, windowId: 3 }];
      },
    },
    windows: { update: record('windows.update') },
    notifications: { clear: record('notifications.clear', true) },
  },
}));

const { onNotificationClicked } = await import('../../extension/background/notifications/notifier');
const { notificationTarget } = await import('../../extension/background/notifications/messages');

beforeEach(() => {
  calls.length = 0;
});

describe('clicking a notification', () => {
  it('the digest opens Today in a tab and clears itself', async () => {
    await onNotificationClicked('brody-digest');
    expect(calls).toEqual([
      { method: 'tabs.create', args: [{ url: 'chrome-extension://brody/popup.html' }] },
      { method: 'notifications.clear', args: ['brody-digest'] },
    ]);
  });

  it('an urgent mail reopens its thread in the open Gmail tab, by its hex id', async () => {
    await onNotificationClicked('brody-urgent:1789000000000000001');
    const url = `https://mail.google.com/mail/u/0/#all/${(1789000000000000001n).toString(16)}`;
    expect(calls.find((c) => c.method === 'tabs.update')?.args).toEqual([7, { url, active: true }]);
    expect(calls.at(-1)).toEqual({
      method: 'notifications.clear',
      args: ['brody-urgent:1789000000000000001'],
    });
  });

  it('an id that is not Brody’s opens nothing', async () => {
    await onNotificationClicked('someone-else');
    expect(calls.map((c) => c.method)).toEqual(['notifications.clear']);
    expect(notificationTarget('brody-urgent:', 'today', (id) => id)).toBeUndefined();
  });
});
