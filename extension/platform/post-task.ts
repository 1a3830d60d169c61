/**
 * Runs `run` in a fresh task posted through a MessageChannel: unlike setTimeout it is not clamped,
 * and unlike requestIdleCallback it does not wait for an idle period a busy Gmail may not offer.
 * Work split this way lets the browser render between the pieces. Returns a cancel function.
 */
export function postTask(run: () => void): () => void {
  let cancelled = false;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (!cancelled) run();
  };
  channel.port2.postMessage(null);
  return () => {
    cancelled = true;
    channel.port1.close();
  };
}

/** Resolves in a fresh task (see postTask). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => postTask(resolve));
}
