import type { CopyState } from "@paddock/contracts";
import type { ClusterConnection } from "../kube/cluster-connection.ts";
import { isTerminating, type SecretSummary } from "../kube/summaries.ts";
import { NotFoundError } from "../errors.ts";
import {
  ATTACH_TO_DEFAULT_SA_ANNOTATION,
  DESCRIPTION_ANNOTATION,
  IGNORE_NAMESPACES_ANNOTATION,
  MANAGED_BY_LABEL,
  MANAGED_BY_PADDOCK,
  PROJECT_SCOPED_COPY_ANNOTATION,
  PROJECT_SCOPED_SECRET_LABEL,
  backingNamespaceName,
  backingNamespaceOf,
  isIgnoredNamespace,
  isProjectRegistrySource,
} from "../projects/rancher-model.ts";
import { namespacesOfProject } from "../projects/project-directory.ts";

/**
 * Rule 2 of ../shared/DESIGN.md, as pure functions over a cluster's caches: where the copies of a
 * project registry belong, and how far each one is from its source. The controller
 * (project-registry-controller.ts) acts on them; the registries routes report them.
 */

export interface RegistryCopyStates {
  state: "Active" | "Syncing" | "Conflict";
  message?: string;
  copies: CopyState[];
}

/** Where the sources of a project's registries live. */
export function projectBackingNamespace(cluster: ClusterConnection, projectId: string): string {
  const project = cluster.caches.projects.get(cluster.id, projectId);
  return project ? backingNamespaceOf(project, cluster.id) : backingNamespaceName(cluster.id, projectId);
}

/** The live (not terminating) namespaces of a project, its backing namespace left out. */
function projectNamespaces(cluster: ClusterConnection, projectId: string): string[] {
  const backing = projectBackingNamespace(cluster, projectId);
  return namespacesOfProject(cluster, projectId).filter((name) => {
    const ns = cluster.caches.namespaces.get("", name);
    return name !== backing && !!ns && !isTerminating(ns);
  });
}

/** Every namespace that should hold a copy of `source`: the project's, minus the ignore-listed ones. */
export function desiredCopyNamespaces(cluster: ClusterConnection, projectId: string, source: SecretSummary): string[] {
  const ignore = source.annotations[IGNORE_NAMESPACES_ANNOTATION];
  return projectNamespaces(cluster, projectId).filter((ns) => ns !== source.namespace && !isIgnoredNamespace(ns, ignore));
}

/** A copy made for `projectId`'s registry: labelled for that project and annotated as a copy. */
export function isOwnCopy(secret: SecretSummary, projectId: string): boolean {
  return secret.annotations[PROJECT_SCOPED_COPY_ANNOTATION] === "true" && secret.labels[PROJECT_SCOPED_SECRET_LABEL] === projectId;
}

/**
 * Source annotations a copy repeats. The copy's own attach-to-default-ServiceAccount annotation
 * records that the controller attached it, so that it knows, with no state of its own, to take it
 * off the ServiceAccount again when the source stops asking or the copy goes.
 */
const MIRRORED_ANNOTATIONS = [DESCRIPTION_ANNOTATION, ATTACH_TO_DEFAULT_SA_ANNOTATION];

/** The labels and annotations a copy of `source` carries (besides its data and type). */
export function copyMetadata(source: { annotations?: Record<string, string> | undefined }, projectId: string): {
  labels: Record<string, string>;
  annotations: Record<string, string>;
} {
  const annotations: Record<string, string> = { [PROJECT_SCOPED_COPY_ANNOTATION]: "true" };
  for (const key of MIRRORED_ANNOTATIONS) {
    const value = source.annotations?.[key];
    if (value) annotations[key] = value;
  }
  return { labels: { [PROJECT_SCOPED_SECRET_LABEL]: projectId, [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK }, annotations };
}

/** An own copy equal to its source: same type and data, the copy's labels and annotations. */
export function copyIsInSync(copy: SecretSummary, source: SecretSummary, projectId: string): boolean {
  if (!isOwnCopy(copy, projectId) || copy.type !== source.type || copy.dataDigest !== source.dataDigest) return false;
  const wanted = copyMetadata(source, projectId);
  return (
    Object.entries(wanted.labels).every(([k, v]) => copy.labels[k] === v) &&
    Object.entries(wanted.annotations).every(([k, v]) => copy.annotations[k] === v) &&
    MIRRORED_ANNOTATIONS.every((k) => (copy.annotations[k] ?? "") === (source.annotations[k] ?? ""))
  );
}

/** Whether the controller attached this copy to its namespace's `default` ServiceAccount. */
export function copyAttachesToDefaultServiceAccount(copy: Pick<SecretSummary, "annotations">): boolean {
  return copy.annotations[ATTACH_TO_DEFAULT_SA_ANNOTATION] === "true";
}

/** The source of a project registry, from the cache; undefined when there is none. */
export function findProjectRegistrySource(cluster: ClusterConnection, projectId: string, name: string): SecretSummary | undefined {
  const secret = cluster.caches.secrets.get(projectBackingNamespace(cluster, projectId), name);
  return secret && isProjectRegistrySource(secret, projectId) ? secret : undefined;
}

/** Every project registry source of the project (any Secret type: Rancher copies them all alike). */
export function projectRegistrySources(cluster: ClusterConnection, projectId: string): SecretSummary[] {
  const backing = projectBackingNamespace(cluster, projectId);
  return cluster.caches.secrets
    .items()
    .filter((s) => s.namespace === backing && isProjectRegistrySource(s, projectId))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function conflictMessage(namespace: string, secret: SecretSummary): string {
  return `namespace "${namespace}" already has a secret "${secret.name}" (type ${secret.type}) that is not a copy of this registry`;
}

/** The state of each copy of the project registry `sourceName`, and of the registry as a whole. */
export function copyStates(cluster: ClusterConnection, projectId: string, sourceName: string): RegistryCopyStates {
  const source = findProjectRegistrySource(cluster, projectId, sourceName);
  if (!source) throw new NotFoundError(`There is no project registry "${sourceName}" in project "${projectId}".`);
  const desired = new Set(desiredCopyNamespaces(cluster, projectId, source));
  const copies: CopyState[] = [];
  for (const namespace of projectNamespaces(cluster, projectId)) {
    if (namespace === source.namespace) continue;
    if (!desired.has(namespace)) {
      copies.push({ namespace, state: "Ignored", message: `namespace "${namespace}" is in the registry's ignore list` });
      continue;
    }
    const existing = cluster.caches.secrets.get(namespace, sourceName);
    if (!existing || existing.deletionTimestamp) copies.push({ namespace, state: "Missing" });
    else if (!isOwnCopy(existing, projectId)) copies.push({ namespace, state: "Conflict", message: conflictMessage(namespace, existing) });
    else if (!copyIsInSync(existing, source, projectId)) copies.push({ namespace, state: "OutOfDate" });
    else copies.push({ namespace, state: "Synced" });
  }
  const synced = copies.filter((c) => c.state === "Synced").length;
  const total = copies.filter((c) => c.state !== "Ignored").length;
  const conflicts = copies.filter((c) => c.state === "Conflict");
  if (conflicts.length > 0) return { state: "Conflict", message: conflicts.map((c) => c.message).join("; "), copies };
  const progress = `${synced} of ${total} ${total === 1 ? "namespace" : "namespaces"}`;
  return { state: synced < total ? "Syncing" : "Active", message: progress, copies };
}
