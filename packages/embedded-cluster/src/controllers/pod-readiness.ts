import type { KubeObject } from "../api/types.ts";
import type { JsonObject } from "../api/json-values.ts";
import { podConditions, podFinished } from "../kinds/pod-fields.ts";

/**
 * What controllers read from a pod's status (kubernetes pkg/api/v1/pod/util.go IsPodReady,
 * IsPodAvailable; pkg/controller/controller_utils.go IsPodActive).
 */

/** Neither finished (Succeeded, Failed) nor being deleted. */
export function isPodActive(pod: KubeObject): boolean {
  return !podFinished(pod) && !pod.metadata.deletionTimestamp;
}

export function podReadyCondition(pod: KubeObject): JsonObject | undefined {
  return podConditions(pod).find((c) => c.type === "Ready");
}

export function isPodReady(pod: KubeObject): boolean {
  return podReadyCondition(pod)?.status === "True";
}

/** When the pod last became ready (the Ready condition's lastTransitionTime), in ms; undefined when unset. */
export function podReadySince(pod: KubeObject): number | undefined {
  const time = podReadyCondition(pod)?.lastTransitionTime;
  if (typeof time !== "string") return undefined;
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Ready for at least minReadySeconds. */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/** When a ready pod becomes available, in ms (for a requeue); undefined when it is not ready or already is. */
export function podAvailableAt(pod: KubeObject, minReadySeconds: number, now: number): number | undefined {
  if (!isPodReady(pod) || minReadySeconds <= 0 || isPodAvailable(pod, minReadySeconds, now)) return undefined;
  const since = podReadySince(pod);
  return since === undefined ? undefined : since + minReadySeconds * 1000;
}
