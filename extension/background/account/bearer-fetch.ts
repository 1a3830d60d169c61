/**
 * A `fetch` for the saved API that carries the device's access token and, on a 401, refreshes the
 * session once and sends again. For callers that build their own typed client (the meeting brief).
 */
export function bearerFetch(
  token: () => Promise<string>,
  onUnauthorized: () => Promise<string | null>,
  doFetch: typeof fetch = (input, init) => fetch(input, init),
): typeof fetch {
  const send = (input: RequestInfo | URL, init: RequestInit | undefined, value: string) => {
    const headers = new Headers(init?.headers);
    if (value) headers.set('authorization', `Bearer ${value}`);
    return doFetch(input, { ...init, headers });
  };
  return async (input, init) => {
    const first = await send(input, init, await token());
    if (first.status !== 401) return first;
    const fresh = await onUnauthorized().catch(() => null);
    return fresh === null ? first : send(input, init, fresh);
  };
}
