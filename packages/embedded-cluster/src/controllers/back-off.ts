/**
 * Per-key exponential back-off, as client-go's util/flowcontrol/backoff.go (without jitter, which
 * kubelet's image back-off does not use): the first failure waits `initialMs`, each failure during
 * or soon after a wait doubles it up to `maxMs`, and a key left alone for twice `maxMs` starts over.
 */
export class BackOff {
  readonly #entries = new Map<string, { backOffMs: number; lastUpdate: number }>();

  constructor(
    readonly initialMs: number,
    readonly maxMs: number,
  ) {}

  /** Records a failure of `key` at `now` and lengthens its wait. */
  next(key: string, now: number): void {
    const entry = this.#entries.get(key);
    if (!entry || this.#hasExpired(entry.lastUpdate, now)) {
      this.#entries.set(key, { backOffMs: this.initialMs, lastUpdate: now });
      return;
    }
    entry.backOffMs = Math.min(entry.backOffMs * 2, this.maxMs);
    entry.lastUpdate = now;
  }

  /** IsInBackOffSinceUpdate: whether the wait that began at the last failure is still running. */
  isInBackOff(key: string, now: number): boolean {
    return this.remainingMs(key, now) > 0;
  }

  /** How long the current wait still lasts (0 when none). */
  remainingMs(key: string, now: number): number {
    const entry = this.#entries.get(key);
    if (!entry || this.#hasExpired(entry.lastUpdate, now)) return 0;
    return Math.max(0, entry.lastUpdate + entry.backOffMs - now);
  }

  /** The length of the current wait of `key` (0 when none). */
  currentMs(key: string): number {
    return this.#entries.get(key)?.backOffMs ?? 0;
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }

  /** Drops keys that have been left alone long enough to start over. */
  gc(now: number): void {
    for (const [key, entry] of this.#entries) if (this.#hasExpired(entry.lastUpdate, now)) this.#entries.delete(key);
  }

  #hasExpired(lastUpdate: number, now: number): boolean {
    return now - lastUpdate > this.maxMs * 2;
  }
}
