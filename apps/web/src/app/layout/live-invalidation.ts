import type { QueryKey } from "@tanstack/react-query";

/**
 * The caches the server watches (apps/server/src/kube/cluster-connection.ts) whose changes only
 * workloads and the audit trail show. Pods and events change all the time while a workload rolls
 * out: they must not refetch every registry list of the cluster.
 */
const WORKLOAD_RESOURCES = new Set(["pods", "events", "replicaSets", "deployments"]);

export type ChangeScope = "workloads" | "everything";

/** Adds one change to what a burst changed, per cluster: the widest scope wins. */
export function addChange(pending: Map<string, ChangeScope>, cluster: string, resource: string): void {
  const scope: ChangeScope = WORKLOAD_RESOURCES.has(resource) ? "workloads" : "everything";
  if (pending.get(cluster) !== "everything") pending.set(cluster, scope);
}

/** Whether a query shows something a burst of changes may have changed. */
export function isStale(key: QueryKey, changed: ReadonlyMap<string, ChangeScope>): boolean {
  if (key[0] === "clusters" && key.length === 1) return changed.size > 0; // the Global view's counts
  const cluster = key.find((part): part is string => typeof part === "string" && changed.has(part));
  if (cluster === undefined) return false;
  if (changed.get(cluster) === "everything") return true;
  // workloads, a workload's events, the audit trail (Events), a registry's "used by" list
  return key[0] === "workloads" || key[0] === "audit" || key.includes("workloads");
}
