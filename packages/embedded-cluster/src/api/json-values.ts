import type { KubeObject } from "./types.ts";

/**
 * Plain JSON values (what JSON.parse returns): equality, copies, and reads that do not trust the
 * shape of client-supplied objects (a field of the wrong type reads as missing).
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value if it is a JSON object, else undefined. */
export function asJsonObject(value: unknown): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

/** The objects of a list (other elements skipped); [] when it is not a list. */
export function objectsIn(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/** The value if it is a string, else "" (a Go string's zero value). */
export function stringValue(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The value if it is a number, else 0 (a Go int's zero value). */
export function intValue(value: unknown): number {
  return typeof value === "number" ? value : 0;
}

/** `spec`, or an empty object when it is missing or not an object. */
export function specOf(obj: KubeObject): JsonObject {
  return asJsonObject(obj.spec) ?? {};
}

/** `status`, or an empty object when it is missing or not an object. */
export function statusOf(obj: KubeObject): JsonObject {
  return asJsonObject(obj.status) ?? {};
}

/** A nested value, or undefined where the path leaves the objects. */
export function getPath(obj: unknown, ...path: string[]): unknown {
  let current: unknown = obj;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A nested value if it is a string, else undefined. */
export function getString(obj: unknown, ...path: string[]): string | undefined {
  const value = getPath(obj, ...path);
  return typeof value === "string" ? value : undefined;
}

export function hasKey(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Sets an own member; unlike `object[key] = value`, also for the key "__proto__" (a valid data key). */
export function setMember(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/** Structural equality: object key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => hasKey(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}
