/**
 * The API's memory of model answers, beside ai_cache. Two jobs: an answer whose cache write failed is
 * still never paid for twice (kept here instead), and identical contents asked by concurrent requests
 * share one model call instead of racing for it.
 */
export interface AiMemoOptions {
  /** Answers kept when the database would not take them; the oldest go first. */
  maxEntries?: number;
  /**
   * Whether a request may wait on a model call another request started. Node: yes. Workers: no, a
   * request there may not await a promise that another request settles.
   */
  shareInFlight?: boolean;
}

export class AiMemo {
  private readonly values = new Map<string, unknown>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly maxEntries: number;
  readonly shareInFlight: boolean;

  constructor(options: AiMemoOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.shareInFlight = options.shareInFlight ?? true;
  }

  get(key: string): unknown {
    return this.values.get(key);
  }

  /** Kept when the cache write failed; the next request reads it before asking the model. */
  remember(key: string, value: unknown): void {
    this.values.delete(key);
    this.values.set(key, value);
    while (this.values.size > this.maxEntries) {
      const oldest = this.values.keys().next().value;
      if (oldest === undefined) break;
      this.values.delete(oldest);
    }
  }

  /** The answer another request is already waiting for, if any (null when it yielded none). */
  pending(key: string): Promise<unknown> | undefined {
    return this.shareInFlight ? this.inFlight.get(key) : undefined;
  }

  /**
   * Marks keys as being asked; the returned function settles them with what the model said (a
   * missing key settles as null: the waiting request then keeps its rule verdict).
   */
  claim(keys: readonly string[]): (answers: ReadonlyMap<string, unknown>) => void {
    if (!this.shareInFlight) return () => {};
    const settlers = new Map<string, (value: unknown) => void>();
    for (const key of keys) {
      if (this.inFlight.has(key)) continue;
      this.inFlight.set(key, new Promise((resolve) => settlers.set(key, resolve)));
    }
    return (answers) => {
      for (const [key, settle] of settlers) {
        this.inFlight.delete(key);
        settle(answers.get(key) ?? null);
      }
    };
  }
}

export function memoKey(userId: string, kind: string, contentKey: string): string {
  return `${userId}\u0001${kind}\u0001${contentKey}`;
}
