import type { KubeObject } from "../api/types.ts";
import { genericSchema } from "../patch/merge-schemas.ts";
import { ALL_VERBS, type ResourceDefinition } from "./types.ts";
import { ageCell, CREATION_TIMESTAMP_DESCRIPTION, nameCell, nameColumn } from "./common.ts";

/**
 * Rancher's management.cattle.io/v3 Project, served as a custom resource: `spec.displayName`,
 * `spec.description`, `spec.clusterName`, `status.backingNamespace` are free-form (Rancher checks
 * them in its webhook, which Paddock does not reproduce). Without printer columns a custom resource
 * prints the apiextensions default: Name and an Age column of type `date`
 * (apiextensions-apiserver serveDefaultColumnsIfEmpty).
 */

export const projectDefinition: ResourceDefinition = {
  group: "management.cattle.io",
  version: "v3",
  kind: "Project",
  listKind: "ProjectList",
  resource: "projects",
  singular: "project",
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    // Custom resources bump metadata.generation on every change outside metadata.
    tracksGeneration: true,
    // customResourceStrategy.AllowUnconditionalUpdate is false.
    allowUnconditionalUpdate: false,
    mergeSchema: genericSchema,
    table: {
      columns: [nameColumn, { name: "Age", type: "date", format: "", description: CREATION_TIMESTAMP_DESCRIPTION, priority: 0 }],
      row: (obj: KubeObject, now: Date) => [nameCell(obj), ageCell(obj, now)],
    },
  },
};
