import type { NamespaceSummary, ProjectSummary } from "../kube/summaries.ts";

/** What the rules below read of an object. */
interface Labelled {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

// Rancher's own labels and annotations (../shared/DESIGN.md, "Domain model").
export const PROJECT_ID_ANNOTATION = "field.cattle.io/projectId"; // "<clusterId>:<projectName>"
export const PROJECT_ID_LABEL = "field.cattle.io/projectId"; // "<projectName>"
export const DESCRIPTION_ANNOTATION = "field.cattle.io/description";
export const PROJECT_SCOPED_SECRET_LABEL = "management.cattle.io/project-scoped-secret"; // "<projectName>"
export const PROJECT_SCOPED_COPY_ANNOTATION = "management.cattle.io/project-scoped-secret-copy"; // "true"
export const IGNORE_NAMESPACES_ANNOTATION = "management.cattle.io/project-scoped-secret-ignore-namespaces";
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_PADDOCK = "paddock";
export const ATTACH_TO_DEFAULT_SA_ANNOTATION = "paddock.io/attach-to-default-service-account";

export const DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
export const DOCKER_CFG = "kubernetes.io/dockercfg";
export const TLS = "kubernetes.io/tls";

/** The project a namespace belongs to in `clusterId`, from Rancher's annotation (or label). */
export function projectOfNamespace(ns: Pick<NamespaceSummary, "annotations" | "labels">, clusterId: string): string | null {
  const annotation = ns.annotations[PROJECT_ID_ANNOTATION];
  if (annotation) {
    const [cluster, project] = annotation.split(":");
    return cluster === clusterId && project ? project : null;
  }
  return ns.labels[PROJECT_ID_LABEL] || null;
}

/** `<clusterId>-<projectName>`: where a project's registries (the sources of the copies) live. */
export function backingNamespaceName(clusterId: string, projectName: string): string {
  return `${clusterId}-${projectName}`;
}

export function backingNamespaceOf(project: ProjectSummary, clusterId: string): string {
  return project.backingNamespace || backingNamespaceName(clusterId, project.name);
}

export function isRegistryType(type: string): boolean {
  return type === DOCKER_CONFIG_JSON || type === DOCKER_CFG;
}

/** The source of a project registry: in the backing namespace, labelled, not a copy. */
export function isProjectRegistrySource(secret: Labelled, projectName?: string): boolean {
  const label = secret.labels[PROJECT_SCOPED_SECRET_LABEL];
  return !!label && (projectName === undefined || label === projectName) && secret.annotations[PROJECT_SCOPED_COPY_ANNOTATION] !== "true";
}

export function isProjectRegistryCopy(secret: Labelled): boolean {
  return !!secret.labels[PROJECT_SCOPED_SECRET_LABEL] && secret.annotations[PROJECT_SCOPED_COPY_ANNOTATION] === "true";
}

/** Entries of the ignore-namespaces annotation: plain names, or regular expressions when they hold `*`. */
export function isIgnoredNamespace(namespace: string, annotationValue: string | undefined): boolean {
  if (!annotationValue) return false;
  return annotationValue
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .some((entry) => {
      if (!entry.includes("*")) return entry === namespace;
      try {
        return new RegExp(`^(?:${entry})$`).test(namespace);
      } catch {
        return false;
      }
    });
}
