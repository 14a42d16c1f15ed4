export interface ReconcileQueueOptions {
  /** how long a key waits for more changes before it is worked on */
  debounceMs?: number;
  /** how many keys are worked on at once (never one key twice at once) */
  concurrency?: number;
  /** first retry delay after a failure, doubled each time up to maxRetryMs */
  retryMs?: number;
  maxRetryMs?: number;
  onError?: (key: string, error: unknown) => void;
}

/**
 * A work queue in the manner of client-go's workqueue: a key added several times before it is
 * worked on is worked on once; a key added while it is being worked on is worked on again after;
 * a failed key comes back with exponential back-off. Workers return `true` to ask for another pass
 * soon (the cluster had not caught up with a write yet).
 */
export class ReconcileQueue {
  readonly #debounceMs: number;
  readonly #concurrency: number;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;
  readonly #waiting = new Map<string, NodeJS.Timeout>();
  readonly #ready: string[] = [];
  readonly #readySet = new Set<string>();
  readonly #running = new Set<string>();
  readonly #dirty = new Set<string>();
  readonly #failures = new Map<string, number>();
  #active = 0;
  #stopped = false;
  #idleWaiters: Array<() => void> = [];

  constructor(
    private readonly work: (key: string) => Promise<boolean | void>,
    private readonly options: ReconcileQueueOptions = {},
  ) {
    this.#debounceMs = options.debounceMs ?? 100;
    this.#concurrency = options.concurrency ?? 4;
    this.#retryMs = options.retryMs ?? 1_000;
    this.#maxRetryMs = options.maxRetryMs ?? 30_000;
  }

  /** Works on `key` after the debounce delay (or `delayMs`), once however often it was added. */
  add(key: string, delayMs = this.#debounceMs): void {
    if (this.#stopped) return;
    if (this.#running.has(key)) {
      this.#dirty.add(key);
      return;
    }
    if (this.#readySet.has(key) || this.#waiting.has(key)) return;
    this.#waiting.set(
      key,
      setTimeout(() => {
        this.#waiting.delete(key);
        this.#enqueue(key);
      }, delayMs),
    );
  }

  /** Forgets every pending key (a leader that stopped leading). */
  clear(): void {
    for (const timer of this.#waiting.values()) clearTimeout(timer);
    this.#waiting.clear();
    this.#ready.length = 0;
    this.#readySet.clear();
    this.#dirty.clear();
    this.#failures.clear();
    this.#notifyIdle();
  }

  stop(): void {
    this.#stopped = true;
    this.clear();
  }

  /** Resolves when nothing is waiting or running (tests). */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #isIdle(): boolean {
    return this.#waiting.size === 0 && this.#ready.length === 0 && this.#running.size === 0;
  }

  #notifyIdle(): void {
    if (!this.#isIdle()) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #enqueue(key: string): void {
    if (this.#stopped || this.#readySet.has(key)) return;
    if (this.#running.has(key)) {
      this.#dirty.add(key);
      return;
    }
    this.#ready.push(key);
    this.#readySet.add(key);
    this.#pump();
  }

  #pump(): void {
    while (!this.#stopped && this.#active < this.#concurrency && this.#ready.length > 0) {
      const key = this.#ready.shift()!;
      this.#readySet.delete(key);
      this.#running.add(key);
      this.#active++;
      void this.#process(key);
    }
  }

  async #process(key: string): Promise<void> {
    let again = false;
    let failed = false;
    try {
      again = (await this.work(key)) === true;
      this.#failures.delete(key);
    } catch (error) {
      failed = true;
      this.options.onError?.(key, error);
    } finally {
      this.#running.delete(key);
      this.#active--;
    }
    if (!this.#stopped) {
      if (failed) {
        const failures = (this.#failures.get(key) ?? 0) + 1;
        this.#failures.set(key, failures);
        this.#dirty.delete(key);
        this.add(key, Math.min(this.#maxRetryMs, this.#retryMs * 2 ** (failures - 1)));
      } else if (this.#dirty.delete(key) || again) {
        this.add(key);
      }
    }
    this.#pump();
    this.#notifyIdle();
  }
}
