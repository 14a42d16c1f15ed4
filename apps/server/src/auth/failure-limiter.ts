import { TooManyRequestsError } from "../errors.ts";

/**
 * Counts failures per key (an address, a username) in a fixed window and refuses further attempts
 * once `limit` is reached, until the window ends. Kept per replica, as the login limits are.
 */
export class FailureLimiter {
  readonly #failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly message: (retryAfterSeconds: number) => string,
  ) {}

  /** Throws TooManyRequests while `key` is over the limit. */
  check(key: string, now = Date.now()): void {
    const entry = this.#failures.get(key);
    if (!entry || entry.resetAt <= now || entry.count < this.limit) return;
    const retryAfter = Math.max(1, Math.ceil((entry.resetAt - now) / 1000));
    throw new TooManyRequestsError(this.message(retryAfter), retryAfter);
  }

  fail(key: string, now = Date.now()): void {
    if (this.#failures.size > 10_000) for (const [k, e] of this.#failures) if (e.resetAt <= now) this.#failures.delete(k);
    const entry = this.#failures.get(key);
    if (!entry || entry.resetAt <= now) this.#failures.set(key, { count: 1, resetAt: now + this.windowMs });
    else entry.count++;
  }
}

export function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? "1 minute" : `${m} minutes`;
}
