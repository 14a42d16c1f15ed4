import { goBase64Decode, goJsonKind } from "@paddock/registry-auth";
import type { FieldError, KubeObject } from "../api/types.ts";
import { fieldError } from "../api/field-errors.ts";
import { asJsonObject } from "../api/json-values.ts";
import { badRequest } from "../api/status.ts";

/**
 * The `map[string][]byte` and `map[string]string` fields of Secrets and ConfigMaps, normalised the
 * way Go's JSON decoding leaves them: base64 values decoded (and therefore re-encoded canonically),
 * wrong value types refused with kube-apiserver's decode error (handlers transformDecodeError):
 * `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4`.
 * Also the rules the two kinds share (pkg/apis/core/validation/validation.go).
 */

/** core.MaxSecretSize: the most bytes of values a Secret or a ConfigMap holds. */
export const MAX_SECRET_SIZE = 1024 * 1024;

const IMMUTABLE_WHEN_SET = "field is immutable when `immutable` is set";

function decodeError(kind: string, why: string): Error {
  return badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${why}`);
}

/** Reads a JSON object field as a map, refusing other JSON types as Go would. */
function readMap(obj: KubeObject, field: string, kind: string, goType: string): Record<string, unknown> | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  const record = asJsonObject(value);
  if (!record) {
    throw decodeError(kind, `json: cannot unmarshal ${goJsonKind(value)} into Go struct field ${kind}.${field} of type ${goType}`);
  }
  return record;
}

/**
 * Checks and canonicalises a `map[string][]byte` field in place (Secret `data`, ConfigMap `binaryData`).
 * Returns the decoded bytes per key.
 */
export function normaliseBytesMap(obj: KubeObject, field: string, kind: string): Map<string, Buffer> {
  const decoded = new Map<string, Buffer>();
  const map = readMap(obj, field, kind, "map[string][]uint8");
  if (!map) return decoded;
  for (const [key, value] of Object.entries(map)) {
    if (value === null) {
      decoded.set(key, Buffer.alloc(0));
      map[key] = "";
      continue;
    }
    if (typeof value !== "string") {
      throw decodeError(kind, `json: cannot unmarshal ${goJsonKind(value)} into Go struct field ${kind}.${field} of type []uint8`);
    }
    const result = goBase64Decode(value);
    if ("error" in result) throw decodeError(kind, result.error);
    decoded.set(key, result.bytes);
    map[key] = result.bytes.toString("base64");
  }
  return decoded;
}

/** Checks a `map[string]string` field (ConfigMap `data`, Secret `stringData`); null values become "". */
export function normaliseStringMap(obj: KubeObject, field: string, kind: string): Map<string, string> {
  const strings = new Map<string, string>();
  const map = readMap(obj, field, kind, "map[string]string");
  if (!map) return strings;
  for (const [key, value] of Object.entries(map)) {
    if (value === null) {
      map[key] = "";
      strings.set(key, "");
      continue;
    }
    if (typeof value !== "string") {
      throw decodeError(kind, `json: cannot unmarshal ${goJsonKind(value)} into Go struct field ${kind}.${field} of type string`);
    }
    strings.set(key, value);
  }
  return strings;
}

/** The keys and decoded values of an already normalised `map[string][]byte` field. */
export function bytesMap(obj: KubeObject, field: string): Map<string, Buffer> {
  const map = asJsonObject(obj[field]) ?? {};
  return new Map(Object.entries(map).map(([key, value]) => [key, Buffer.from(typeof value === "string" ? value : "", "base64")]));
}

/** The keys and values of an already normalised `map[string]string` field. */
export function stringMap(obj: KubeObject, field: string): Map<string, string> {
  const map = asJsonObject(obj[field]) ?? {};
  return new Map(Object.entries(map).map(([key, value]) => [key, typeof value === "string" ? value : ""]));
}

/** reflect.DeepEqual of two maps, treating a missing map and an empty one alike. */
function sameMap(a: unknown, b: unknown): boolean {
  const left = asJsonObject(a) ?? {};
  const right = asJsonObject(b) ?? {};
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && left[key] === right[key]);
}

/** ValidateSecretUpdate / ValidateConfigMapUpdate: an immutable object keeps `immutable` and the given maps. */
export function validateImmutableData(obj: KubeObject, old: KubeObject, fields: readonly string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (obj.immutable !== true) errors.push(fieldError.forbidden("immutable", IMMUTABLE_WHEN_SET));
  for (const field of fields) {
    if (!sameMap(obj[field], old[field])) errors.push(fieldError.forbidden(field, IMMUTABLE_WHEN_SET));
  }
  return errors;
}
