import type { ResourceCache } from "./resource-cache.ts";

/** How long a route that wrote waits for the watch; past it, the route answers anyway. */
const CACHE_WAIT_MS = 3_000;

/**
 * Resolves once `ready()` holds for the cache (true), or after `timeoutMs` (false). A route that
 * wrote waits for the watch to bring its change in, so that a list right after it shows the change.
 */
function waitForCache<T>(cache: ResourceCache<T>, ready: () => boolean, timeoutMs = CACHE_WAIT_MS): Promise<boolean> {
  if (ready()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (value: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const unsubscribe = cache.onChange(() => {
      if (ready()) finish(true);
    });
  });
}

interface WrittenObject {
  metadata?: { namespace?: string; name?: string; uid?: string; resourceVersion?: string };
}

/** Waits until the cache holds `written` as the cluster answered it, or something newer in its place. */
export function waitForWrite<T>(cache: ResourceCache<T>, written: WrittenObject): Promise<boolean> {
  const { namespace = "", name = "", uid = "", resourceVersion = "" } = written.metadata ?? {};
  return waitForCache(cache, () => {
    const held = cache.version(namespace, name);
    return held !== undefined && (held.uid !== uid || isAtLeast(held.resourceVersion, resourceVersion));
  });
}

/** Waits until the cache no longer holds the object `uid` under that name (any object, when uid is undefined). */
export function waitForGone<T>(cache: ResourceCache<T>, namespace: string, name: string, uid: string | undefined, timeoutMs = CACHE_WAIT_MS): Promise<boolean> {
  return waitForCache(
    cache,
    () => {
      const held = cache.version(namespace, name);
      return held === undefined || (uid !== undefined && held.uid !== uid);
    },
    timeoutMs,
  );
}

// resourceVersions are opaque to clients; where both are integers (etcd's revisions, the embedded
// cluster's) a later write has a larger one.
function isAtLeast(held: string, written: string): boolean {
  if (held === written) return true;
  const [a, b] = [Number(held), Number(written)];
  return held !== "" && written !== "" && Number.isInteger(a) && Number.isInteger(b) && a >= b;
}
