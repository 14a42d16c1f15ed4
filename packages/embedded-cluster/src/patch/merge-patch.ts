/**
 * JSON merge patch (RFC 7386), as kube-apiserver applies `application/merge-patch+json`
 * (evanphx/json-patch v4 `MergePatch`).
 */
import { PatchError } from "./errors.ts";
import { cloneJson, hasKey, isJsonObject, setMember, type JsonObject } from "../api/json-values.ts";

export function applyMergePatch(original: unknown, patch: unknown): unknown {
  // RFC 7386: a patch that is not an object replaces the whole document. evanphx/json-patch
  // accepts only an array there; null or a scalar is "Invalid JSON Patch".
  if (Array.isArray(patch)) return withoutNullMembers(cloneJson(patch));
  if (!isJsonObject(patch)) throw new PatchError("Invalid JSON Patch", 400);

  const target = isJsonObject(original) ? cloneJson(original) : {};
  mergeInto(target, patch);
  return target;
}

function mergeInto(target: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = hasKey(target, key) ? target[key] : undefined;
    if (value === null) delete target[key];
    else if (isJsonObject(current) && isJsonObject(value)) mergeInto(current, value);
    else setMember(target, key, withoutNullMembers(cloneJson(value)));
  }
}

/**
 * A value the patch adds carries no null members: null means "absent" in a merge patch. Like
 * evanphx/json-patch, this reaches objects inside arrays too, but keeps null array elements.
 */
function withoutNullMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullMembers);
  if (!isJsonObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null) setMember(result, key, withoutNullMembers(item));
  }
  return result;
}
