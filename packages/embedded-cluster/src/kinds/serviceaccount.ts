import type { FieldError, KubeObject } from "../api/types.ts";
import { validateKubeFinalizerNames } from "../api/validation.ts";
import { serviceAccountSchema } from "../patch/merge-schemas.ts";
import { ALL_VERBS, type ResourceDefinition } from "./types.ts";
import { ageCell, ageColumn, column, nameCell, nameColumn } from "./common.ts";

/**
 * core/v1 ServiceAccount: kubernetes pkg/registry/core/serviceaccount/strategy.go and
 * pkg/apis/core/validation/validation.go ValidateServiceAccount (ObjectMeta only).
 */

function secretCount(obj: KubeObject): number {
  return Array.isArray(obj.secrets) ? obj.secrets.length : 0;
}

function validate(obj: KubeObject): FieldError[] {
  return validateKubeFinalizerNames(obj.metadata.finalizers ?? [], "metadata.finalizers");
}

export const serviceAccountDefinition: ResourceDefinition = {
  group: "",
  version: "v1",
  kind: "ServiceAccount",
  listKind: "ServiceAccountList",
  resource: "serviceaccounts",
  singular: "serviceaccount",
  namespaced: true,
  shortNames: ["sa"],
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    validate,
    allowUnconditionalUpdate: true,
    mergeSchema: serviceAccountSchema,
    table: {
      columns: [
        nameColumn,
        column(
          "Secrets",
          'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret',
        ),
        ageColumn(),
      ],
      row: (obj, now) => [nameCell(obj), secretCount(obj), ageCell(obj, now)],
    },
  },
};
