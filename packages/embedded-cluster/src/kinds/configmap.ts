import type { FieldError, KubeObject } from "../api/types.ts";
import { fieldError, keyPath } from "../api/field-errors.ts";
import { validateConfigMapKeys, validateKubeFinalizerNames } from "../api/validation.ts";
import { genericSchema } from "../patch/merge-schemas.ts";
import { ALL_VERBS, type ResourceDefinition } from "./types.ts";
import { ageCell, ageColumn, column, nameCell, nameColumn } from "./common.ts";
import { bytesMap, MAX_SECRET_SIZE, normaliseBytesMap, normaliseStringMap, stringMap, validateImmutableData } from "./data-maps.ts";

/**
 * core/v1 ConfigMap: kubernetes pkg/registry/core/configmap/strategy.go and
 * pkg/apis/core/validation/validation.go ValidateConfigMap / ValidateConfigMapUpdate.
 */

function prepare(obj: KubeObject): void {
  normaliseStringMap(obj, "data", "ConfigMap");
  normaliseBytesMap(obj, "binaryData", "ConfigMap");
}

function validate(obj: KubeObject, old?: KubeObject): FieldError[] {
  const errors: FieldError[] = validateKubeFinalizerNames(obj.metadata.finalizers ?? [], "metadata.finalizers");
  if (old) errors.push(...validateImmutableData(obj, old, ["data", "binaryData"]));

  const data = stringMap(obj, "data");
  const binaryData = bytesMap(obj, "binaryData");
  let totalSize = 0;
  for (const [key, value] of data) {
    errors.push(...validateConfigMapKeys([key], "data"));
    if (binaryData.has(key)) errors.push(fieldError.invalid(keyPath("data", key), key, "duplicate of key present in binaryData"));
    totalSize += Buffer.byteLength(value, "utf8");
  }
  for (const [key, value] of binaryData) {
    errors.push(...validateConfigMapKeys([key], "binaryData"));
    if (data.has(key)) errors.push(fieldError.invalid(keyPath("binaryData", key), key, "duplicate of key present in data"));
    totalSize += value.length;
  }
  // Upstream reports the whole object with field.NewPath(""), which prints as `[]`.
  if (totalSize > MAX_SECRET_SIZE) errors.push(fieldError.tooLong("[]", MAX_SECRET_SIZE));
  return errors;
}

export const configMapDefinition: ResourceDefinition = {
  group: "",
  version: "v1",
  kind: "ConfigMap",
  listKind: "ConfigMapList",
  resource: "configmaps",
  singular: "configmap",
  namespaced: true,
  shortNames: ["cm"],
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    prepare,
    validate,
    allowUnconditionalUpdate: true,
    mergeSchema: genericSchema,
    table: {
      columns: [
        nameColumn,
        column(
          "Data",
          "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
        ),
        ageColumn(),
      ],
      row: (obj, now) => [nameCell(obj), stringMap(obj, "data").size + bytesMap(obj, "binaryData").size, ageCell(obj, now)],
    },
  },
};
