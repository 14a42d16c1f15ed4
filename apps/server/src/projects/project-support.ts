import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { requireProjectsSupported } from "./project-directory.ts";

const PROBE_INTERVAL_MS = 1_000;
const probes = new WeakMap<ClusterConnection, { at: number; running?: Promise<boolean> }>();

/**
 * Looks again for the Project CRD on a cluster that had none when it was contacted (someone may
 * have applied deploy/crds.yaml since): when it is there now, starts the projects cache. At most
 * one probe a second per cluster.
 */
export async function probeProjectSupport(cluster: ClusterConnection): Promise<boolean> {
  if (cluster.projectsSupported) return true;
  const last = probes.get(cluster);
  if (last?.running) return last.running;
  if (last && Date.now() - last.at < PROBE_INTERVAL_MS) return false;
  const running = cluster.caches.projects.start().then(
    () => {
      cluster.projectsSupported = true;
      if (cluster.message?.includes("deploy/crds.yaml")) cluster.message = undefined;
      return true;
    },
    () => false,
  );
  probes.set(cluster, { at: Date.now(), running });
  try {
    return await running;
  } finally {
    probes.set(cluster, { at: Date.now() });
  }
}

/** Throws (telling to apply deploy/crds.yaml) unless the cluster has the Project CRD, probing once more first. */
export async function ensureProjectsSupported(cluster: ClusterConnection): Promise<void> {
  if (!cluster.projectsSupported) await probeProjectSupport(cluster);
  requireProjectsSupported(cluster);
}
