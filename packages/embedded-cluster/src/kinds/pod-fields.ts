import type { KubeObject } from "../api/types.ts";
import { objectsIn, specOf, statusOf, stringValue, type JsonObject } from "../api/json-values.ts";

/** Readings of a pod that its table, the scheduler, the kubelet and the controllers share. */

export function podPhase(pod: KubeObject): string {
  return stringValue(statusOf(pod).phase);
}

export function podNodeName(pod: KubeObject): string {
  return stringValue(specOf(pod).nodeName);
}

/** Succeeded or Failed: the kubelet has nothing left to run (and a delete needs no grace period). */
export function podFinished(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === "Succeeded" || phase === "Failed";
}

/** The objects of `status.conditions`. */
export function podConditions(pod: KubeObject): JsonObject[] {
  return objectsIn(statusOf(pod).conditions);
}

/** A sidecar: an init container with `restartPolicy: Always`, which keeps running. */
export function isRestartableInit(container: JsonObject | undefined): boolean {
  return container?.restartPolicy === "Always";
}
