import { isJsonObject, type JsonObject } from "../api/json-values.ts";
/**
 * JSON compared the way apimachinery's Semantic.DeepEqual compares the decoded Go values: fields set
 * to `false`, `""` or `null` decode to the same zero value as absent ones, and empty and nil slices
 * are equal.
 */

/** The value with zero-valued fields and empty lists dropped and keys sorted; undefined when it is empty. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(canonical);
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort()) {
      const v = canonical(value[key]);
      if (v !== undefined && v !== null && v !== false && v !== "") out[key] = v;
    }
    return out;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value)) ?? "null";
}

export function semanticallyEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
