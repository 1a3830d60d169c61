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

  const offer = (element: Element, seen: Set<Element>): void => {
    if (seen.has(element) || !needsHandling(element)) return;
    seen.add(element);
    handled.add(element);
    onElement(element);
  };

  const scanAll = (): void => {
    if (signal.aborted) return;
    const seen = new Set<Element>();
    for (const element of root.querySelectorAll(selector)) offer(element, seen);
  };

  // After the first pass only what changed is looked at: the elements added (and what they hold),
  // and the matching ancestor of a change made inside one. A re-rendered row costs one row, not the list.
  const changed = new Set<Node>();
  const changedWithin = new Set<Node>();
  const scanChanged = (): void => {
    if (signal.aborted) return;
    const seen = new Set<Element>();
    for (const node of changed) {
      if (!(node instanceof Element) || !node.isConnected) continue;
      if (node.matches(selector)) offer(node, seen);
      for (const element of node.querySelectorAll(selector)) offer(element, seen);
      const around = node.parentElement?.closest(selector);
      if (around) offer(around, seen);
    }
    for (const node of changedWithin) {
      const element = node instanceof Element ? node : node.parentElement;
      const around = element?.isConnected ? element.closest(selector) : null;
      if (around) offer(around, seen);
    }
    changed.clear();
    changedWithin.clear();
  };

  let scheduled = false;
  const scheduleScan = (): void => {
    if (scheduled) return;
    scheduled = true;
    // Coalesce a burst of mutations (Gmail re-renders many rows at once) into one pass.
    queueMicrotask(() => {
      scheduled = false;
      scanChanged();
    });
  };

  // Our own decorations change their text and children all the time; none of that is Gmail's doing.
  const insideOurs = (node: Node): boolean => {
    for (let at: Node | null = node; at && at !== root; at = at.parentNode) {
      if (ignoreNode?.(at)) return true;
    }
    return false;
  };
  const isOnlyOurs = (record: MutationRecord): boolean => {
    if (!ignoreNode) return false;
    // Our own nodes put into a row first: that check is cheap, the walk up to the root is not.
    if (record.type === 'childList') {
      const nodes = [...record.addedNodes, ...record.removedNodes];
      if (nodes.length > 0 && nodes.every(ignoreNode)) return true;
    }
    return insideOurs(record.target);
  };

  const observer = new MutationObserver((records) => {
    let any = false;
    for (const record of records) {
      if (isOnlyOurs(record)) continue;
      any = true;
      changedWithin.add(record.target);
      for (const node of record.addedNodes) changed.add(node);
    }
    if (any) scheduleScan();
  });
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-thread-id', 'data-legacy-thread-id'],
  });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  scanAll();
}
