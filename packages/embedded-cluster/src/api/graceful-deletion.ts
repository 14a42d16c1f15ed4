import type { ResourceDefinition } from "../kinds/types.ts";
import type { KubeObject } from "./types.ts";
import { metaTime } from "./meta-time.ts";

/**
 * What a delete request does to an object's deletion: apiserver pkg/registry/rest/delete.go
 * BeforeDelete, with the kind's CheckGracefulDelete (Strategy.gracePeriodSeconds).
 */
export type DeletionPlan =
  /** Nothing to wait for: the object goes now, or once its finalizers are done. */
  | { kind: "immediate" }
  /** Already being deleted, and the request does not shorten the wait: nothing changes. */
  | { kind: "pending" }
  /** The object stays, marked to go at `deletionTimestamp` (now + the grace period). */
  | { kind: "graceful"; deletionTimestamp: string; gracePeriodSeconds: number };

export function planDeletion(def: ResourceDefinition, obj: KubeObject, requested: number | undefined, now = Date.now()): DeletionPlan {
  const gracePeriod = def.strategy.gracePeriodSeconds;
  if (!gracePeriod) return { kind: "immediate" };
  // Negative values mean 1 s on the delete path.
  const asked = requested !== undefined && requested < 0 ? 1 : requested;
  const { deletionTimestamp, deletionGracePeriodSeconds: current } = obj.metadata;
  if (deletionTimestamp) {
    if (!current) return { kind: "immediate" };
    // A deletion under way may only be shortened, keeping the time it started.
    if (asked === undefined || asked >= current) return { kind: "pending" };
    const startedAt = Date.parse(deletionTimestamp) - current * 1000;
    return { kind: "graceful", deletionTimestamp: metaTime(startedAt + asked * 1000), gracePeriodSeconds: asked };
  }
  const period = gracePeriod(obj, asked);
  return { kind: "graceful", deletionTimestamp: metaTime(now + period * 1000), gracePeriodSeconds: period };
}
