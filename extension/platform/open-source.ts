/**
 * Opens an item's source: a Gmail thread in the Gmail tab the user already has (so their session
 * and scroll stay), anything else in a new tab.
 */
import { browser } from 'wxt/browser';

export async function openSource(url: string): Promise<void> {
  if (url.startsWith('https://mail.google.com/')) {
    const [tab] = await browser.tabs.query({ url: 'https://mail.google.com/*' });
    if (tab?.id !== undefined) {
      await browser.tabs.update(tab.id, { url, active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
      return;
    }
  }
  await browser.tabs.create({ url });
}
