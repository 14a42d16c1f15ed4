import { goUnmarshalIntoMapError } from "@paddock/registry-auth";
import type { FieldError, KubeObject } from "../api/types.ts";
import { fieldError, keyPath } from "../api/field-errors.ts";
import { getString } from "../api/json-values.ts";
import { validateConfigMapKeys, validateKubeFinalizerNames } from "../api/validation.ts";
import { genericSchema } from "../patch/merge-schemas.ts";
import { ALL_VERBS, type ResourceDefinition } from "./types.ts";
import { ageCell, ageColumn, column, nameCell, nameColumn } from "./common.ts";
import { bytesMap, MAX_SECRET_SIZE, normaliseBytesMap, normaliseStringMap, validateImmutableData } from "./data-maps.ts";

/**
 * core/v1 Secret: kubernetes pkg/registry/core/secret/strategy.go and
 * pkg/apis/core/validation/validation.go ValidateSecret / ValidateSecretUpdate.
 */

const REDACTED = "<secret contents redacted>";

function secretType(obj: KubeObject): string {
  return getString(obj, "type") ?? "";
}

/** SetDefaults_Secret. */
function defaults(obj: KubeObject): void {
  if (!secretType(obj)) obj.type = "Opaque";
}

/**
 * Decoding: `data` values are base64 (re-encoded canonically, as Go's round trip does) and
 * `stringData` is merged over `data`, then dropped (Convert_v1_Secret_To_core_Secret).
 */
function prepare(obj: KubeObject): void {
  normaliseBytesMap(obj, "data", "Secret");
  const stringData = normaliseStringMap(obj, "stringData", "Secret");
  if (stringData.size > 0) {
    const data = (obj.data ?? {}) as Record<string, string>;
    for (const [key, value] of stringData) data[key] = Buffer.from(value, "utf8").toString("base64");
    obj.data = data;
  }
  delete obj.stringData;
}

function validate(obj: KubeObject, old?: KubeObject): FieldError[] {
  const errors: FieldError[] = validateKubeFinalizerNames(obj.metadata.finalizers ?? [], "metadata.finalizers");
  if (old) errors.push(...validateUpdate(obj, old));

  const data = bytesMap(obj, "data");
  errors.push(...validateConfigMapKeys(data.keys(), "data"));
  let totalSize = 0;
  for (const value of data.values()) totalSize += value.length;
  if (totalSize > MAX_SECRET_SIZE) errors.push(fieldError.tooLong("data", MAX_SECRET_SIZE));

  errors.push(...validateByType(obj, data));
  return errors;
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  if (secretType(obj) !== secretType(old)) errors.push(fieldError.invalid("type", secretType(obj), "field is immutable"));
  errors.push(...validateImmutableData(obj, old, ["data"]));
  return errors;
}

/** The per-type rules; Opaque, "" and unknown types have none. */
function validateByType(obj: KubeObject, data: Map<string, Buffer>): FieldError[] {
  const errors: FieldError[] = [];
  switch (secretType(obj)) {
    case "kubernetes.io/service-account-token": {
      // Only the name annotation is required; uid and token are filled in later by a controller.
      if (!obj.metadata.annotations?.["kubernetes.io/service-account.name"]) {
        errors.push(fieldError.required(keyPath("metadata.annotations", "kubernetes.io/service-account.name")));
      }
      break;
    }
    case "kubernetes.io/dockercfg":
      errors.push(...validateJsonKey(data, ".dockercfg"));
      break;
    case "kubernetes.io/dockerconfigjson":
      // Any JSON object passes: `auths` is not required.
      errors.push(...validateJsonKey(data, ".dockerconfigjson"));
      break;
    case "kubernetes.io/basic-auth":
      // The values may be empty, but one of the keys must be present.
      if (!data.has("username") && !data.has("password")) {
        errors.push(fieldError.required(keyPath("data", "username")), fieldError.required(keyPath("data", "password")));
      }
      break;
    case "kubernetes.io/ssh-auth":
      if ((data.get("ssh-privatekey")?.length ?? 0) === 0) errors.push(fieldError.required(keyPath("data", "ssh-privatekey")));
      break;
    case "kubernetes.io/tls":
      if (!data.has("tls.crt")) errors.push(fieldError.required(keyPath("data", "tls.crt")));
      if (!data.has("tls.key")) errors.push(fieldError.required(keyPath("data", "tls.key")));
      break;
    default:
      break;
  }
  return errors;
}

function validateJsonKey(data: Map<string, Buffer>, key: string): FieldError[] {
  const bytes = data.get(key);
  if (bytes === undefined) return [fieldError.required(keyPath("data", key))];
  const problem = goUnmarshalIntoMapError(bytes);
  return problem ? [fieldError.invalid(keyPath("data", key), REDACTED, problem)] : [];
}

export const secretDefinition: ResourceDefinition = {
  group: "",
  version: "v1",
  kind: "Secret",
  listKind: "SecretList",
  resource: "secrets",
  singular: "secret",
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    defaults,
    prepare,
    validate,
    allowUnconditionalUpdate: true,
    mergeSchema: genericSchema,
    table: {
      columns: [
        nameColumn,
        column("Type", "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
        column(
          "Data",
          "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
        ),
        ageColumn(),
      ],
      row: (obj, now) => [nameCell(obj), secretType(obj), bytesMap(obj, "data").size, ageCell(obj, now)],
    },
    fieldSelectors: { type: (obj) => secretType(obj) },
  },
};
