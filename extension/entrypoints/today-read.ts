/**
 * The popup's first read of Today, as a classic script the popup's HTML runs before its React
 * bundle: the read runs while the browser is still loading and evaluating React, so the day is in
 * hand by the time React can render it. The popup's module picks the result up from
 * `EARLY_TODAY_KEY` (use-local-day.ts) and reads by itself where this script did not run.
 */
import { earlyTodayRead } from '../background/today/early';

export default defineUnlistedScript(() => {
  earlyTodayRead();
});
