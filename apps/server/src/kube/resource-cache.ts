import { Watch, type KubeConfig } from "@kubernetes/client-node";

export type CacheEvent = "ADDED" | "MODIFIED" | "DELETED";

export interface ListResult {
  items: unknown[];
  metadata?: { resourceVersion?: string };
}

export interface ResourceCacheOptions<T> {
  kubeConfig: KubeConfig;
  /** the watch path, e.g. `/api/v1/secrets` */
  path: string;
  list: () => Promise<ListResult>;
  /** what is kept of each object: for Secrets, never the data */
  transform: (raw: Record<string, unknown>) => T;
  onError?: (error: unknown) => void;
}

type Listener<T> = (type: CacheEvent, item: T, previous: T | undefined) => void;

interface Metadata {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
}

/** Which object, at which version, the cache holds under a name. */
export interface CachedVersion {
  uid: string;
  resourceVersion: string;
}

/**
 * A list-then-watch cache of one resource, like client-go's reflector: it re-lists on a 410
 * or a watch it cannot resume, resumes a dropped watch from the last resourceVersion, and keeps
 * only the transformed form of each object.
 */
export class ResourceCache<T> {
  readonly #items = new Map<string, T>();
  readonly #versions = new Map<string, CachedVersion>();
  readonly #listeners = new Set<Listener<T>>();
  #resourceVersion = "";
  #stopped = false;
  #abort: AbortController | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #failures = 0;
  #synced = false;
  #lastError: unknown;

  constructor(private readonly options: ResourceCacheOptions<T>) {}

  get synced(): boolean {
    return this.#synced;
  }

  get lastError(): unknown {
    return this.#lastError;
  }

  /** Lists once (rejecting when the cluster cannot be reached), then keeps watching. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#relist();
    void this.#watch();
  }

  stop(): void {
    this.#stopped = true;
    this.#abort?.abort();
    clearTimeout(this.#retryTimer);
  }

  items(): T[] {
    return [...this.#items.values()];
  }

  get(namespace: string, name: string): T | undefined {
    return this.#items.get(`${namespace}/${name}`);
  }

  /** The uid and resourceVersion of what the cache holds (for a cluster-scoped object, namespace ""). */
  version(namespace: string, name: string): CachedVersion | undefined {
    return this.#versions.get(`${namespace}/${name}`);
  }

  onChange(listener: Listener<T>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #relist(): Promise<void> {
    const result = await this.options.list();
    const next = new Map<string, T>();
    this.#versions.clear();
    for (const raw of result.items) {
      const meta = (raw as { metadata?: Metadata }).metadata ?? {};
      const key = keyOf(meta);
      next.set(key, this.options.transform(raw as Record<string, unknown>));
      this.#versions.set(key, versionOf(meta));
    }
    const previous = new Map(this.#items);
    this.#items.clear();
    for (const [key, item] of next) this.#items.set(key, item);
    this.#resourceVersion = result.metadata?.resourceVersion ?? "";
    this.#synced = true;
    for (const [key, item] of next) this.#emit(previous.has(key) ? "MODIFIED" : "ADDED", item, previous.get(key));
    for (const [key, item] of previous) if (!next.has(key)) this.#emit("DELETED", item, item);
  }

  async #watch(): Promise<void> {
    if (this.#stopped) return;
    let expired = false;
    const done = new Promise<unknown>((resolve) => {
      void new Watch(this.options.kubeConfig)
        .watch(
          this.options.path,
          { resourceVersion: this.#resourceVersion, allowWatchBookmarks: true },
          (type: string, object: Record<string, unknown>) => {
            if (type === "ERROR") {
              if ((object as { code?: number }).code === 410) expired = true;
              this.#abort?.abort();
              return;
            }
            const meta = (object.metadata ?? {}) as Metadata;
            if (meta.resourceVersion) this.#resourceVersion = meta.resourceVersion;
            if (type === "BOOKMARK") return;
            const key = keyOf(meta);
            const previous = this.#items.get(key);
            const item = this.options.transform(object);
            if (type === "DELETED") {
              this.#items.delete(key);
              this.#versions.delete(key);
            } else {
              this.#items.set(key, item);
              this.#versions.set(key, versionOf(meta));
            }
            this.#failures = 0;
            this.#emit(type as CacheEvent, item, previous);
          },
          (error: unknown) => resolve(error),
        )
        .then(
          (controller) => {
            this.#abort = controller;
          },
          (error: unknown) => resolve(error),
        );
    });
    const error = await done;
    if (this.#stopped) return;
    if ((error as { statusCode?: number; code?: number } | undefined)?.code === 410 || /410/.test(String((error as Error | undefined)?.message ?? ""))) expired = true;
    if (error && !expired && !isAbort(error)) {
      this.#failures++;
      this.#lastError = error;
      this.options.onError?.(error);
    }
    const delay = this.#failures === 0 ? 0 : Math.min(30_000, 500 * 2 ** Math.min(this.#failures, 6));
    this.#retryTimer = setTimeout(() => {
      void (async () => {
        try {
          if (expired || this.#failures > 0) await this.#relist();
          this.#lastError = undefined;
        } catch (relistError) {
          this.#failures++;
          this.#lastError = relistError;
          this.options.onError?.(relistError);
        }
        void this.#watch();
      })();
    }, delay);
  }

  #emit(type: CacheEvent, item: T, previous: T | undefined): void {
    for (const listener of this.#listeners) {
      try {
        listener(type, item, previous);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }
}

function keyOf(meta: Metadata): string {
  return `${meta.namespace ?? ""}/${meta.name ?? ""}`;
}

function versionOf(meta: Metadata): CachedVersion {
  return { uid: meta.uid ?? "", resourceVersion: meta.resourceVersion ?? "" };
}

function isAbort(error: unknown): boolean {
  return (error as { name?: string })?.name === "AbortError" || /aborted/i.test(String((error as Error)?.message ?? ""));
}
