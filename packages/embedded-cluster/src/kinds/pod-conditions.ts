import type { KubeObject } from "../api/types.ts";
import { statusOf, type JsonObject } from "../api/json-values.ts";
import { podConditions } from "./pod-fields.ts";

export interface PodCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
}

/**
 * The condition as the API stores it: `lastProbeTime: null`, and `lastTransitionTime` kept from the
 * previous condition of that type unless its status changed (kubelet status manager, podutil.UpdatePodCondition).
 */
export function withTransitionTime(condition: PodCondition, previous: JsonObject | undefined, now: string): JsonObject {
  const since = previous && previous.status === condition.status && typeof previous.lastTransitionTime === "string" ? previous.lastTransitionTime : now;
  return {
    type: condition.type,
    status: condition.status,
    lastProbeTime: null,
    lastTransitionTime: since,
    ...(condition.reason ? { reason: condition.reason } : {}),
    ...(condition.message ? { message: condition.message } : {}),
  };
}

/** Sets one condition of a pod's status in place, keeping its position when it exists. */
export function setPodCondition(pod: KubeObject, condition: PodCondition, now: string): void {
  const status = statusOf(pod);
  const conditions = podConditions(pod);
  const index = conditions.findIndex((c) => c.type === condition.type);
  const next = withTransitionTime(condition, conditions[index], now);
  if (index === -1) conditions.push(next);
  else conditions[index] = next;
  status.conditions = conditions;
  pod.status = status;
}
