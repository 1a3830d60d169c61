/**
 * Token buckets in memory, one per key (a client address, a user). On Node that is the process; on
 * Cloudflare it is one isolate, so a client spread over many isolates gets more: a brake on runaway
 * clients and password-style guessing from one place, not a global quota.
 */
import { createMiddleware } from 'hono/factory';
import { ApiFailure } from './api-failure';
import type { AppEnv } from './app-env';

export interface Bucket {
  /** Requests allowed at once. */
  burst: number;
  /** Requests regained per second. */
  perSecond: number;
}

export interface RateLimits {
  /** Every request, per client address. */
  perIp: Bucket;
  /** Every signed-in request, per user. */
  perUser: Bucket;
  /** Sign-in, refresh and pairing-code requests, per client address. */
  signInPerIp: Bucket;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perIp: { burst: 600, perSecond: 10 },
  perUser: { burst: 600, perSecond: 10 },
  signInPerIp: { burst: 20, perSecond: 1 / 30 },
};

const MAX_KEYS = 50_000;

export class TokenBuckets {
  private readonly state = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly bucket: Bucket,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when a request may go now, else the seconds until one may. */
  take(key: string): number {
    const now = this.now();
    const entry = this.state.get(key);
    let tokens = this.bucket.burst;
    if (entry !== undefined) {
      tokens = Math.min(this.bucket.burst, entry.tokens + ((now - entry.at) / 1000) * this.bucket.perSecond);
      this.state.delete(key);
    } else if (this.state.size >= MAX_KEYS) {
      // Oldest first: Map keeps insertion order, and every take re-inserts its key.
      const oldest = this.state.keys().next().value;
      if (oldest !== undefined) this.state.delete(oldest);
    }
    if (tokens >= 1) {
      this.state.set(key, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.state.set(key, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / this.bucket.perSecond));
  }
}

export function rateLimit(
  buckets: TokenBuckets,
  keyOf: (c: Parameters<Parameters<typeof createMiddleware<AppEnv>>[0]>[0]) => string,
) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const wait = buckets.take(keyOf(c));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new ApiFailure('rate_limited', `Too many requests; try again in ${wait} s`);
    }
    return next();
  });
}
