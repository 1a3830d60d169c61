import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { PopupApp } from './PopupApp';
import { firstDay } from './use-local-day';

/** Long enough for a local read of the day, short enough that a slow one shows "Loading" at once. */
const FIRST_PAINT_WAIT_MS = 150;

const root = document.getElementById('root');
if (root) {
  void firstDay(FIRST_PAINT_WAIT_MS).then((day) =>
    // One synchronous render with the day in hand: no "Loading" frame, no extra task before it shows.
    flushSync(() =>
      createRoot(root).render(
        <StrictMode>
          <PopupApp initialDay={day} />
        </StrictMode>,
      ),
    ),
  );
}
