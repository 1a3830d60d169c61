/**
 * Hybrid logical clocks: wall-clock milliseconds, a counter for events within one millisecond or
 * while the wall clock lags a clock already seen, and the device id as the final tie-break. Encoded
 * so that plain string comparison is the clocks' total order, which is what Postgres and IndexedDB
 * indexes compare.
 */
export interface Hlc {
  ms: number;
  counter: number;
  node: string;
}

const MS_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
/** A remote clock this far ahead of our wall clock is a broken device, not news. */
export const MAX_DRIFT_MS = 24 * 3_600_000;

const NODE = /^[A-Za-z0-9_-]{1,64}$/;
const ENCODED = new RegExp(`^(\\d{${MS_DIGITS}})-(\\d{${COUNTER_DIGITS}})-([A-Za-z0-9_-]{1,64})$`);

export class HlcError extends Error {
  override name = 'HlcError';
}

export function encodeHlc(clock: Hlc): string {
  if (!NODE.test(clock.node)) throw new HlcError('node id must be 1–64 of [A-Za-z0-9_-]');
  if (!Number.isSafeInteger(clock.ms) || clock.ms < 0) throw new HlcError('clock ms out of range');
  if (!Number.isInteger(clock.counter) || clock.counter < 0 || clock.counter > MAX_COUNTER)
    throw new HlcError('clock counter out of range');
  return `${String(clock.ms).padStart(MS_DIGITS, '0')}-${String(clock.counter).padStart(COUNTER_DIGITS, '0')}-${clock.node}`;
}

export function decodeHlc(text: string): Hlc {
  const m = ENCODED.exec(text);
  if (!m) throw new HlcError('not a clock');
  return { ms: Number(m[1]), counter: Number(m[2]), node: m[3] as string };
}

export function isHlc(text: string): boolean {
  return ENCODED.test(text);
}

/** One device's clock. `now()` for a local edit, `receive()` for every clock seen from elsewhere. */
export class HybridClock {
  private last: Hlc;

  constructor(
    readonly node: string,
    private readonly wall: () => number = Date.now,
    last?: string,
  ) {
    if (!NODE.test(node)) throw new HlcError('node id must be 1–64 of [A-Za-z0-9_-]');
    this.last = last ? { ...decodeHlc(last), node } : { ms: 0, counter: 0, node };
  }

  /** The newest clock issued or seen, to persist so a restart never goes backwards. */
  current(): string {
    return encodeHlc(this.last);
  }

  now(): string {
    const wall = this.wall();
    if (wall > this.last.ms) this.last = { ms: wall, counter: 0, node: this.node };
    else this.last = this.bump(this.last.ms, this.last.counter + 1);
    return encodeHlc(this.last);
  }

  receive(remote: string): void {
    const other = decodeHlc(remote);
    const wall = this.wall();
    if (other.ms > wall + MAX_DRIFT_MS) throw new HlcError('remote clock is too far ahead');
    const ms = Math.max(wall, this.last.ms, other.ms);
    let counter = 0;
    if (ms === this.last.ms && ms === other.ms) counter = Math.max(this.last.counter, other.counter) + 1;
    else if (ms === this.last.ms) counter = this.last.counter + 1;
    else if (ms === other.ms) counter = other.counter + 1;
    this.last = this.bump(ms, counter);
  }

  /** Past the counter's room the clock moves on a millisecond rather than wrap and go backwards. */
  private bump(ms: number, counter: number): Hlc {
    return counter > MAX_COUNTER
      ? { ms: ms + 1, counter: 0, node: this.node }
      : { ms, counter, node: this.node };
  }
}
