import { randomInt } from "node:crypto";
import { PROJECT_GROUP, PROJECT_VERSION } from "../kube/cluster-connection.ts";
import { MANAGED_BY_LABEL, MANAGED_BY_PADDOCK, PROJECT_ID_ANNOTATION, PROJECT_ID_LABEL, backingNamespaceName } from "./rancher-model.ts";

// Rancher marks the projects it gives every cluster with these labels
// (rancher pkg/controllers/management/auth/project_cluster_handler.go).
export const DEFAULT_PROJECT_LABEL = "authz.management.cattle.io/default-project";
export const SYSTEM_PROJECT_LABEL = "authz.management.cattle.io/system-project";

export const MANAGED_BY = { [MANAGED_BY_LABEL]: MANAGED_BY_PADDOCK } as const;

const NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Rancher's project names: `p-` and 5 random lowercase letters or digits. */
export function randomProjectName(): string {
  let suffix = "";
  for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[randomInt(NAME_ALPHABET.length)];
  return `p-${suffix}`;
}

export interface ProjectFields {
  displayName: string;
  description?: string;
  /** extra labels, e.g. Rancher's default-project / system-project markers */
  labels?: Record<string, string>;
}

/** A management.cattle.io/v3 Project as Rancher stores it, in the cluster-id namespace. */
export function projectObject(clusterId: string, name: string, fields: ProjectFields): Record<string, unknown> {
  return {
    apiVersion: `${PROJECT_GROUP}/${PROJECT_VERSION}`,
    kind: "Project",
    metadata: { name, namespace: clusterId, labels: { ...fields.labels, ...MANAGED_BY } },
    spec: { displayName: fields.displayName, description: fields.description ?? "", clusterName: clusterId },
    status: { backingNamespace: backingNamespaceName(clusterId, name) },
  };
}

/** The merge patch that puts a namespace in a project, or (projectName null) out of every project. */
export function membershipPatch(clusterId: string, projectName: string | null): Record<string, unknown> {
  return {
    metadata: {
      annotations: { [PROJECT_ID_ANNOTATION]: projectName === null ? null : `${clusterId}:${projectName}` },
      labels: { [PROJECT_ID_LABEL]: projectName },
    },
  };
}

/** Labels and annotations of a namespace created in a project. */
export function memberMetadata(clusterId: string, projectName: string | undefined): { labels: Record<string, string>; annotations?: Record<string, string> } {
  if (!projectName) return { labels: { ...MANAGED_BY } };
  return {
    labels: { ...MANAGED_BY, [PROJECT_ID_LABEL]: projectName },
    annotations: { [PROJECT_ID_ANNOTATION]: `${clusterId}:${projectName}` },
  };
}
