import type { KubeObject } from "../api/types.ts";
import { badRequest } from "../api/status.ts";
import { goBase64Decode } from "./go-decoding.ts";
import { asRecord } from "./common.ts";

/**
 * The `map[string][]byte` and `map[string]string` fields of Secrets and ConfigMaps, normalised the
 * way Go's JSON decoding leaves them: base64 values decoded (and therefore re-encoded canonically),
 * wrong value types refused with kube-apiserver's decode error (handlers transformDecodeError):
 * `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4`.
 */

function decodeError(kind: string, version: string, why: string): Error {
  return badRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${why}`);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "boolean") return "bool";
  return typeof value; // string | number | object
}

/** Reads a JSON object field as a map, refusing other JSON types as Go would. */
export function readMap(obj: KubeObject, field: string, kind: string, goType: string): Record<string, unknown> | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  const record = asRecord(value);
  if (!record) {
    throw decodeError(kind, "v1", `json: cannot unmarshal ${typeName(value)} into Go struct field ${kind}.${field} of type ${goType}`);
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
      throw decodeError(kind, "v1", `json: cannot unmarshal ${typeName(value)} into Go struct field ${kind}.${field} of type []uint8`);
    }
    const result = goBase64Decode(value);
    if ("error" in result) throw decodeError(kind, "v1", result.error);
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
      throw decodeError(kind, "v1", `json: cannot unmarshal ${typeName(value)} into Go struct field ${kind}.${field} of type string`);
    }
    strings.set(key, value);
  }
  return strings;
}

/** The keys and decoded values of an already normalised `map[string][]byte` field. */
export function bytesMap(obj: KubeObject, field: string): Map<string, Buffer> {
  const map = asRecord(obj[field]) ?? {};
  return new Map(Object.entries(map).map(([key, value]) => [key, Buffer.from(typeof value === "string" ? value : "", "base64")]));
}

/** The keys and values of an already normalised `map[string]string` field. */
export function stringMap(obj: KubeObject, field: string): Map<string, string> {
  const map = asRecord(obj[field]) ?? {};
  return new Map(Object.entries(map).map(([key, value]) => [key, typeof value === "string" ? value : ""]));
}

/** reflect.DeepEqual of two maps, treating a missing map and an empty one alike. */
export function sameMap(a: unknown, b: unknown): boolean {
  const left = asRecord(a) ?? {};
  const right = asRecord(b) ?? {};
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && left[key] === right[key]);
}
