import type { FieldError, KubeObject } from "../api/types.ts";
import { fieldError } from "../api/field-errors.ts";
import { genericSchema } from "../patch/merge-schemas.ts";
import { ALL_VERBS, type ResourceDefinition } from "./types.ts";
import { getPath, getString } from "../api/json-values.ts";
import { ageCell, ageColumn, column, nameCell, nameColumn } from "./common.ts";

/**
 * coordination.k8s.io/v1 Lease: kubernetes pkg/registry/coordination/lease/strategy.go and
 * pkg/apis/coordination/validation/validation.go ValidateLeaseSpec.
 * Leases are the one kind here that refuses an update without a resourceVersion.
 */

function validate(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const duration = getPath(obj, "spec", "leaseDurationSeconds");
  if (typeof duration === "number" && duration <= 0) {
    errors.push(fieldError.invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"));
  }
  const transitions = getPath(obj, "spec", "leaseTransitions");
  if (typeof transitions === "number" && transitions < 0) {
    errors.push(fieldError.invalid("spec.leaseTransitions", transitions, "must be greater than or equal to 0"));
  }
  const preferredHolder = getString(obj, "spec", "preferredHolder");
  if (preferredHolder && !getString(obj, "spec", "strategy")) {
    errors.push(fieldError.forbidden("spec.preferredHolder", "may only be specified if `strategy` is defined"));
  }
  return errors;
}

export const leaseDefinition: ResourceDefinition = {
  group: "coordination.k8s.io",
  version: "v1",
  kind: "Lease",
  listKind: "LeaseList",
  resource: "leases",
  singular: "lease",
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    validate,
    allowUnconditionalUpdate: false,
    mergeSchema: genericSchema,
    table: {
      columns: [
        nameColumn,
        column(
          "Holder",
          "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.",
        ),
        ageColumn(),
      ],
      row: (obj, now) => [nameCell(obj), getString(obj, "spec", "holderIdentity") ?? "", ageCell(obj, now)],
    },
  },
};
