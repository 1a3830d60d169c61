import { createMiddleware } from 'hono/factory';
import { ApiFailure } from './api-failure';
import type { AppEnv } from './app-env';

/** Length-independent comparison: the time to refuse a token says nothing about its prefix. */
export function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/**
 * The loopback API answers only requests addressed to loopback by name: a DNS-rebinding page reaches
 * 127.0.0.1 under its own host name, and this is what tells the two apart. Requests without a Host
 * (in-process callers, never a browser) pass.
 */
export function requireLoopbackHost(allowedHosts: () => ReadonlySet<string>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const host = c.req.header('host');
    if (host !== undefined && !allowedHosts().has(host.toLowerCase())) {
      throw new ApiFailure('forbidden', 'Host not allowed');
    }
    return next();
  });
}

/** What a browser may send as Host for a server listening on loopback at `port`. */
export function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}
