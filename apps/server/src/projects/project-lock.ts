import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { LeaseLock } from "../names/lease-lock.ts";
import { ensureNamespace } from "./project-store.ts";

/** The Lease that serialises every change to a cluster's projects and memberships, across replicas. */
export const PROJECTS_LOCK = "paddock-projects";

const locks = new WeakMap<ClusterConnection, LeaseLock>();

/**
 * Runs `work` holding the cluster's projects lock (a Lease in the cluster-id namespace, made
 * first if missing), so that two replicas cannot both create a "Default", and a namespace cannot
 * join a project while that project is being deleted.
 */
export async function withProjectsLock<T>(cluster: ClusterConnection, work: () => Promise<T>): Promise<T> {
  await ensureNamespace(cluster, cluster.id);
  let lock = locks.get(cluster);
  if (!lock) {
    lock = new LeaseLock(cluster, cluster.id, `Another change to the projects of cluster "${cluster.id}" is in progress; try again in a moment.`);
    locks.set(cluster, lock);
  }
  return lock.withLock(PROJECTS_LOCK, work);
}
