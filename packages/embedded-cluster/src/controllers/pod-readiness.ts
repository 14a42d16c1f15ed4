import type { KubeObject } from "../api/types.ts";

/**
 * What controllers read from a pod's status (kubernetes pkg/api/v1/pod/util.go IsPodReady,
 * IsPodAvailable; pkg/controller/controller_utils.go IsPodActive).
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function statusOf(pod: KubeObject): JsonObject {
  return isObject(pod.status) ? pod.status : {};
}

export function podPhase(pod: KubeObject): string {
  const phase = statusOf(pod).phase;
  return typeof phase === "string" ? phase : "";
}

export function podNodeName(pod: KubeObject): string {
  const spec = isObject(pod.spec) ? pod.spec : {};
  return typeof spec.nodeName === "string" ? spec.nodeName : "";
}

/** Neither finished (Succeeded, Failed) nor being deleted. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata.deletionTimestamp;
}

export function podReadyCondition(pod: KubeObject): JsonObject | undefined {
  const conditions = statusOf(pod).conditions;
  if (!Array.isArray(conditions)) return undefined;
  return conditions.find((c): c is JsonObject => isObject(c) && c.type === "Ready");
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
