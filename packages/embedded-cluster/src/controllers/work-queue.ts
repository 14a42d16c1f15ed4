import type { KubeObject } from "../api/types.ts";

/** The key a controller queues an object under: `namespace/name`. */
export function queueKey(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ""}/${obj.metadata.name ?? ""}`;
}

/** What a controller logs or reports about a failure. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A deduplicating work queue, like client-go's workqueue: a key queued while it is being
 * processed runs again afterwards; a failed key is retried after a delay.
 */
export class WorkQueue {
  readonly #pending = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #running = false;
  #stopped = false;

  constructor(
    private readonly reconcile: (key: string) => Promise<void>,
    private readonly onError: (key: string, error: unknown) => void = () => {},
    private readonly retryDelayMs = 1000,
  ) {}

  add(key: string): void {
    if (this.#stopped) return;
    this.#pending.add(key);
    if (!this.#running) void this.#drain();
  }

  addAfter(key: string, delayMs: number): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.add(key);
    }, delayMs);
    this.#timers.add(timer);
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#pending.clear();
  }

  /** Resolves once nothing is queued or running (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.#running || this.#pending.size > 0) await new Promise((r) => setTimeout(r, 5));
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (!this.#stopped && this.#pending.size > 0) {
        const key = this.#pending.values().next().value as string;
        this.#pending.delete(key);
        try {
          await this.reconcile(key);
        } catch (error) {
          this.onError(key, error);
          this.addAfter(key, this.retryDelayMs);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}
