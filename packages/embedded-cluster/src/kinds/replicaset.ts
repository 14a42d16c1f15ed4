import type { KubeObject, TableCell } from "../api/types.ts";
import { replicaSetSchema } from "../patch/merge-schemas.ts";
import { ALL_VERBS, type ResourceDefinition, type TablePrinter } from "./types.ts";
import { ageCell, ageColumn, integerColumn, nameColumn } from "./common.ts";
import { intValue, specOf, statusOf } from "../api/json-values.ts";
import {
  containerCells,
  defaultTemplate,
  defaultWorkloadSpec,
  emptyStatusOnCreate,
  formatLabelSelector,
  nonNegative,
  templateColumns,
  validateSelectorAndTemplate,
  validateSelectorUnchanged,
} from "./workload-template.ts";

/**
 * apps/v1 ReplicaSets (kubernetes pkg/apis/apps/v1/defaults.go SetDefaults_ReplicaSet,
 * pkg/apis/apps/validation/validation.go ValidateReplicaSetSpec, pkg/registry/apps/replicaset/strategy.go).
 */

const replicaSetTable: TablePrinter = {
  columns: [
    nameColumn,
    integerColumn(
      "Desired",
      "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller",
    ),
    integerColumn(
      "Current",
      "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller",
    ),
    integerColumn("Ready", "The number of ready replicas for this replica set."),
    ageColumn(),
    ...templateColumns(
      "Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    ),
  ],
  row(replicaSet: KubeObject, now: Date): TableCell[] {
    const spec = specOf(replicaSet);
    const status = statusOf(replicaSet);
    const [names, images] = containerCells(replicaSet);
    return [
      replicaSet.metadata.name ?? "",
      intValue(spec.replicas),
      intValue(status.replicas),
      intValue(status.readyReplicas),
      ageCell(replicaSet, now),
      names,
      images,
      formatLabelSelector(spec.selector),
    ];
  },
};

export const replicaSetDefinition: ResourceDefinition = {
  group: "apps",
  version: "v1",
  kind: "ReplicaSet",
  listKind: "ReplicaSetList",
  resource: "replicasets",
  singular: "replicaset",
  namespaced: true,
  shortNames: ["rs"],
  categories: ["all"],
  verbs: ALL_VERBS,
  subresources: ["status", "scale"],
  strategy: {
    allowUnconditionalUpdate: true,
    hasStatusSubresource: true,
    tracksGeneration: true,
    mergeSchema: replicaSetSchema,
    table: replicaSetTable,
    fieldSelectors: {
      // ReplicaSetToSelectableFields
      "status.replicas": (rs) => String(intValue(statusOf(rs).replicas)),
    },
    defaults(replicaSet) {
      defaultTemplate(defaultWorkloadSpec(replicaSet));
    },
    prepare: emptyStatusOnCreate,
    validate(replicaSet, old) {
      const spec = specOf(replicaSet);
      const errors = [
        ...nonNegative(spec.replicas, "spec.replicas"),
        ...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"),
        ...validateSelectorAndTemplate(spec),
      ];
      if (old) errors.push(...validateSelectorUnchanged(spec, specOf(old)));
      return errors;
    },
  },
};
