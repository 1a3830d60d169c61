/**
 * Typed one-shot requests from extension pages to the background; answers are parsed, so a page
 * never renders a shape it did not expect.
 */
import { browser } from 'wxt/browser';
import { ApiStatus, type RuntimeRequest, UrgencyCounts } from './messages';

export async function requestStatus(apiUrl?: string): Promise<ApiStatus> {
  const request: RuntimeRequest = apiUrl ? { type: 'test-connection', apiUrl } : { type: 'status' };
  return ApiStatus.parse(await browser.runtime.sendMessage(request));
}

export async function requestCounts(): Promise<UrgencyCounts> {
  const request: RuntimeRequest = { type: 'counts' };
  return UrgencyCounts.parse(await browser.runtime.sendMessage(request));
}
