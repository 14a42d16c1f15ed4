import { isJsonObject } from "../api/json-values.ts";
/**
 * A pod's QoS class, as kube-apiserver records it in `status.qosClass` on create
 * (kubernetes pkg/apis/core/helper/qos/qos.go ComputePodQOS, container-level resources).
 */

const SUFFIXES: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The numeric value of a resource.Quantity (`100m`, `1Gi`, `1e3`); undefined when it does not parse. */
export function parseQuantity(quantity: unknown): number | undefined {
  if (typeof quantity === "number") return quantity;
  if (typeof quantity !== "string") return undefined;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]*))$/.exec(quantity.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  if (match[2]) return number * 10 ** Number(match[2].slice(1));
  const factor = SUFFIXES[match[3] ?? ""];
  return factor === undefined ? undefined : number * factor;
}

const QOS_RESOURCES = ["cpu", "memory"];

function addPositive(into: Map<string, number>, list: unknown, found?: Set<string>): void {
  if (!isJsonObject(list)) return;
  for (const name of QOS_RESOURCES) {
    const value = parseQuantity(list[name]);
    if (value === undefined || value <= 0) continue;
    into.set(name, (into.get(name) ?? 0) + value);
    found?.add(name);
  }
}

export type QOSClass = "Guaranteed" | "Burstable" | "BestEffort";

/**
 * BestEffort without any cpu/memory request or limit; Guaranteed when every container limits both
 * and the summed requests equal the summed limits; Burstable otherwise.
 */
export function computePodQOS(spec: unknown): QOSClass {
  const s = isJsonObject(spec) ? spec : {};
  const containers = [s.containers, s.initContainers].flatMap((list) => (Array.isArray(list) ? list.filter(isJsonObject) : []));
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const container of containers) {
    const resources = isJsonObject(container.resources) ? container.resources : {};
    addPositive(requests, resources.requests);
    const limitsFound = new Set<string>();
    addPositive(limits, resources.limits, limitsFound);
    if (!QOS_RESOURCES.every((name) => limitsFound.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
