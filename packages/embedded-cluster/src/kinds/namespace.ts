import type { FieldError, KubeObject } from "../api/types.ts";
import { fieldError } from "../api/field-errors.ts";
import { isQualifiedName, nameIsDNSLabel, validateKubeFinalizerNames } from "../api/validation.ts";
import { namespaceSchema } from "../patch/merge-schemas.ts";
import type { ResourceDefinition } from "./types.ts";
import { asJsonObject, getString } from "../api/json-values.ts";
import { ageCell, ageColumn, column, nameCell, nameColumn } from "./common.ts";

/**
 * core/v1 Namespace: kubernetes pkg/registry/core/namespace/strategy.go, pkg/apis/core/v1/defaults.go
 * and pkg/apis/core/validation/validation.go ValidateNamespace / ValidateNamespaceUpdate.
 */

/** The label every namespace carries with its own name (v1.LabelMetadataName). */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** The finalizer kube-apiserver puts on every new namespace; the namespace controller removes it. */
export const KUBERNETES_FINALIZER = "kubernetes";

function spec(obj: KubeObject): Record<string, unknown> {
  const existing = asJsonObject(obj.spec);
  if (existing) return existing;
  const created: Record<string, unknown> = {};
  obj.spec = created;
  return created;
}

function finalizersOf(obj: KubeObject): string[] {
  const value = asJsonObject(obj.spec)?.finalizers;
  return Array.isArray(value) ? value.filter((f): f is string => typeof f === "string") : [];
}

function phase(obj: KubeObject): string {
  return getString(obj, "status", "phase") ?? "";
}

/** SetDefaults_Namespace (name label) and SetDefaults_NamespaceStatus (phase Active). */
function defaults(obj: KubeObject): void {
  const name = obj.metadata.name;
  // Namespaces created with generateName get the label once a name exists (the strategy's Canonicalize).
  if (name) obj.metadata.labels = { ...obj.metadata.labels, [NAMESPACE_NAME_LABEL]: name };
  const status = asJsonObject(obj.status) ?? {};
  if (!status.phase) status.phase = "Active";
  obj.status = status;
}

/**
 * PrepareForCreate: status is Active and `spec.finalizers` gains `kubernetes`.
 * PrepareForUpdate: `spec.finalizers` and `status` cannot change through the main resource
 * (upstream only the namespaces/finalize and namespaces/status subresources change them).
 */
function prepare(obj: KubeObject, old?: KubeObject): void {
  if (old) {
    const oldFinalizers = asJsonObject(old.spec)?.finalizers;
    if (oldFinalizers === undefined) delete spec(obj).finalizers;
    else spec(obj).finalizers = structuredClone(oldFinalizers);
    if (old.status === undefined) delete obj.status;
    else obj.status = structuredClone(old.status);
    // The delete marks a namespace and makes it Terminating in one write (namespace storage.go Delete).
    if (obj.metadata.deletionTimestamp) obj.status = { ...asJsonObject(obj.status), phase: "Terminating" };
    return;
  }
  obj.status = { phase: "Active" };
  const finalizers = finalizersOf(obj);
  if (!finalizers.includes(KUBERNETES_FINALIZER)) spec(obj).finalizers = [...finalizers, KUBERNETES_FINALIZER];
}

function validate(obj: KubeObject): FieldError[] {
  const errors = validateKubeFinalizerNames(obj.metadata.finalizers ?? [], "metadata.finalizers");
  // validateFinalizerName reports `spec.finalizers` without an index.
  for (const finalizer of finalizersOf(obj)) {
    for (const message of isQualifiedName(finalizer)) errors.push(fieldError.invalid("spec.finalizers", finalizer, message));
    errors.push(...validateKubeFinalizerNames([finalizer], "spec.finalizers", false));
  }
  return errors;
}

export const namespaceDefinition: ResourceDefinition = {
  group: "",
  version: "v1",
  kind: "Namespace",
  listKind: "NamespaceList",
  resource: "namespaces",
  singular: "namespace",
  namespaced: false,
  shortNames: ["ns"],
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
  subresources: ["status"],
  strategy: {
    defaults,
    prepare,
    validate,
    validateName: nameIsDNSLabel,
    hasStatusSubresource: true,
    allowUnconditionalUpdate: true,
    mergeSchema: namespaceSchema,
    table: {
      columns: [nameColumn, column("Status", "The status of the namespace"), ageColumn()],
      row: (obj, now) => [nameCell(obj), phase(obj), ageCell(obj, now)],
    },
    fieldSelectors: {
      "status.phase": phase,
      name: (obj) => obj.metadata.name ?? "",
    },
  },
};
