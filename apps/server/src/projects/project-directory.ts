import type { ClusterConnection } from "../kube/cluster-connection.ts";
import type { NamespaceSummary, ProjectSummary } from "../kube/summaries.ts";
import { NotFoundError } from "../errors.ts";
import { PADDOCK_NAMESPACE } from "../auth/user-store.ts";
import { backingNamespaceOf, projectOfNamespace } from "./rancher-model.ts";

/**
 * Read-only answers about a cluster's projects, from the caches. Other features import these:
 * the signatures are stable.
 */

/** Where Paddock keeps its users and session key. */
export const PADDOCK_SYSTEM_NAMESPACE = PADDOCK_NAMESPACE;

/** The message a cluster without the Project CRD answers with. */
export function projectsUnsupportedMessage(clusterId: string): string {
  return `Cluster "${clusterId}" has no Project resource (management.cattle.io/v3): apply it with "kubectl apply -f deploy/crds.yaml", then try again.`;
}

/** Throws unless the cluster has the Project CRD. */
export function requireProjectsSupported(cluster: ClusterConnection): void {
  if (!cluster.projectsSupported) throw new NotFoundError(projectsUnsupportedMessage(cluster.id));
}

/** Every project of the cluster (those in the cluster-id namespace), by display name; backingNamespace always filled in. */
export function listProjects(cluster: ClusterConnection): ProjectSummary[] {
  if (!cluster.projectsSupported) return [];
  return cluster.caches.projects
    .items()
    .filter((p) => p.namespace === cluster.id)
    .map((p) => withBackingNamespace(cluster, p))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.name.localeCompare(b.name));
}

/** The project `projectId` (e.g. "p-ab12c"), or NotFound saying so. backingNamespace is always filled in. */
export function requireProject(cluster: ClusterConnection, projectId: string): ProjectSummary {
  requireProjectsSupported(cluster);
  const project = cluster.caches.projects.get(cluster.id, projectId);
  if (!project) throw projectNotFound(cluster, projectId);
  return withBackingNamespace(cluster, project);
}

export function projectNotFound(cluster: ClusterConnection, projectId: string): NotFoundError {
  return new NotFoundError(`There is no project "${projectId}" in cluster "${cluster.id}": it may have been deleted. Reload the list of projects.`);
}

/** Names of the namespaces that belong to the project (annotation or label), sorted. */
export function namespacesOfProject(cluster: ClusterConnection, projectId: string): string[] {
  return cluster.caches.namespaces
    .items()
    .filter((ns) => projectOfNamespace(ns, cluster.id) === projectId)
    .map((ns) => ns.name)
    .sort();
}

/** The backing namespaces of every project of the cluster. */
export function backingNamespaces(cluster: ClusterConnection): Set<string> {
  return new Set(listProjects(cluster).map((p) => p.backingNamespace));
}

/**
 * Namespaces that Paddock and Rancher keep for themselves and that never join a project: the
 * cluster-id namespace (where Projects live), `paddock-system`, and every backing namespace.
 */
export function isReservedNamespace(cluster: ClusterConnection, namespace: string): boolean {
  return namespace === cluster.id || namespace === PADDOCK_SYSTEM_NAMESPACE || backingNamespaces(cluster).has(namespace);
}

/** The namespace, or NotFound. */
export function requireNamespace(cluster: ClusterConnection, namespace: string): NamespaceSummary {
  const found = cluster.caches.namespaces.get("", namespace);
  if (!found) throw new NotFoundError(`There is no namespace "${namespace}" in cluster "${cluster.id}".`);
  return found;
}

function withBackingNamespace(cluster: ClusterConnection, project: ProjectSummary): ProjectSummary {
  return project.backingNamespace ? project : { ...project, backingNamespace: backingNamespaceOf(project, cluster.id) };
}
