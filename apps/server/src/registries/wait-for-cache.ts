import type { ResourceCache } from "../kube/resource-cache.ts";

/**
 * Resolves once `ready()` holds for the cache (true), or after `timeoutMs` (false). A route that
 * wrote waits for the watch to bring its change in, so that a list right after it shows the change.
 */
export function waitForCache<T>(cache: ResourceCache<T>, ready: () => boolean, timeoutMs = 3_000): Promise<boolean> {
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
