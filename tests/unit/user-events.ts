/**
 * The DOM test environment cannot produce trusted events, as a page script cannot. A user's click is
 * stood in for by an event whose `isTrusted` reads true: what a real click in the browser carries.
 */
export function userEvent<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

export function userClick(target: Element | null | undefined): void {
  target?.dispatchEvent(userEvent(new MouseEvent('click', { bubbles: true, cancelable: true })));
}
