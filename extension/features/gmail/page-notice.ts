/**
 * A short "Task added" line at the bottom of the page, in a shadow root Brody owns, announced
 * politely. The text is set with textContent: it may carry a mail's subject.
 */
const SHOWN_MS = 4_000;
let current: { host: HTMLElement; timer: ReturnType<typeof setTimeout> } | null = null;

export function showPageNotice(text: string, signal: AbortSignal): void {
  if (current) {
    clearTimeout(current.timer);
    current.host.remove();
  }
  const host = document.createElement('div');
  host.dataset.brody = 'notice';
  const shadow = host.attachShadow({ mode: 'open' });
  const line = document.createElement('div');
  line.setAttribute('role', 'status');
  line.style.cssText =
    'position:fixed;left:50%;bottom:24px;transform:translateX(-50%);z-index:2147483002;max-width:480px;' +
    'padding:8px 14px;border-radius:6px;background:#202124;color:#fff;font:13px/1.4 system-ui,sans-serif;' +
    'white-space:nowrap;overflow:hidden;text-overflow:ellipsis';
  line.textContent = text;
  shadow.append(line);
  document.body.append(host);
  const timer = setTimeout(() => host.remove(), SHOWN_MS);
  current = { host, timer };
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      host.remove();
    },
    { once: true },
  );
}
