/**
 * The only MutationObserver features use. It calls `onElement` for every element matching
 * `selector` that needs handling, now and whenever the DOM changes, until `signal` aborts.
 *
 * By default an element is handled once (remembered in a WeakSet). Gmail recycles `tr` nodes with
 * another thread's content, so a feature may pass `needsHandling` to decide from the element's
 * current content instead; the helper still never hands the same element out twice in one pass.
 */
export interface ObserveOptions {
  signal: AbortSignal;
  root?: ParentNode & Node;
  needsHandling?: (element: Element) => boolean;
  /** Mutations made only by these nodes (our own decorations) do not trigger a rescan. */
  ignoreNode?: (node: Node) => boolean;
}

export function observe(
  selector: string,
  onElement: (element: Element) => void,
  options: ObserveOptions,
): void {
  const { signal, root = document, ignoreNode } = options;
  if (signal.aborted) return;
  const handled = new WeakSet<Element>();
  const needsHandling = options.needsHandling ?? ((element: Element) => !handled.has(element));

  const scan = (): void => {
    if (signal.aborted) return;
    const seen = new Set<Element>();
    for (const element of root.querySelectorAll(selector)) {
      if (seen.has(element) || !needsHandling(element)) continue;
      seen.add(element);
      handled.add(element);
      onElement(element);
    }
  };

  let scheduled = false;
  const scheduleScan = (): void => {
    if (scheduled) return;
    scheduled = true;
    // Coalesce a burst of mutations (Gmail re-renders many rows at once) into one scan.
    queueMicrotask(() => {
      scheduled = false;
      scan();
    });
  };

  const isOnlyOurs = (record: MutationRecord): boolean => {
    if (!ignoreNode) return false;
    if (record.type !== 'childList') return ignoreNode(record.target);
    const nodes = [...record.addedNodes, ...record.removedNodes];
    return nodes.length > 0 && nodes.every(ignoreNode);
  };

  const observer = new MutationObserver((records) => {
    if (records.some((record) => !isOnlyOurs(record))) scheduleScan();
  });
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-thread-id', 'data-legacy-thread-id'],
  });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  scan();
}
