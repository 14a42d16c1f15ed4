import type { KubeObject } from "../api/types.ts";

export interface PodCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function podConditions(status: unknown): JsonObject[] {
  return isObject(status) && Array.isArray(status.conditions) ? status.conditions.filter(isObject) : [];
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
  const status: JsonObject = isObject(pod.status) ? pod.status : {};
  const conditions = podConditions(status);
  const index = conditions.findIndex((c) => c.type === condition.type);
  const next = withTransitionTime(condition, conditions[index], now);
  if (index === -1) conditions.push(next);
  else conditions[index] = next;
  status.conditions = conditions;
  pod.status = status;
}
