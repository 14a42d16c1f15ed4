// Waiting for what happens after a write (a watch, a controller, a kubelet) without sleeping blindly.

export interface PollOptions {
  /** default 8 s: long enough for a loaded machine, short enough to fail a test well before its timeout */
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `check` until it returns without throwing (an `expect` passed) and not `false`; answers its
 * value. When time is up, fails with the last error.
 */
export async function eventually<T>(check: () => T | Promise<T>, { timeoutMs = 8_000, intervalMs = 25 }: PollOptions = {}): Promise<Exclude<T, false>> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== false) return value as Exclude<T, false>;
      throw new Error(`still false after ${timeoutMs} ms`);
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Polls `probe` until `ok` holds for what it answers (by default: until it answers something, not
 * false, undefined or null); answers that value.
 */
export async function until<T>(
  probe: () => T | Promise<T>,
  ok: (value: T) => boolean = (value) => value !== false && value !== undefined && value !== null,
  options: PollOptions = {},
): Promise<NonNullable<T>> {
  return (await eventually(async () => {
    const value = await probe();
    if (!ok(value)) throw new Error(`still not there after ${options.timeoutMs ?? 8_000} ms: ${JSON.stringify(value)?.slice(0, 500)}`);
    return value;
  }, options)) as NonNullable<T>;
}
