/**
 * Kubernetes strategic merge patch, the server half: what kube-apiserver does with an
 * `application/strategic-merge-patch+json` body (kubectl apply, edit and patch send these).
 * Follows apimachinery pkg/util/strategicpatch/patch.go (`StrategicMergeMapPatch` with
 * MergeParallelList and IgnoreUnmatchedNulls), with the MergeSchema standing in for the Go
 * struct tags `patchStrategy` / `patchMergeKey`.
 *
 * The algorithm works in place, like upstream, on private copies of both inputs.
 */
import type { MergeSchema } from "../api/types.ts";
import { PatchError } from "./errors.ts";
import { goString, goTypeName, goValue } from "../api/go-format.ts";
import { goJsonKind } from "@paddock/registry-auth";
import { cloneJson, hasKey, isJsonObject, setMember, type JsonObject } from "../api/json-values.ts";

const DIRECTIVE = "$patch";
const RETAIN_KEYS = "$retainKeys";
const SET_ELEMENT_ORDER = "$setElementOrder";
const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

/**
 * Applies a strategic merge patch to `original` (an object; anything else counts as `{}`) and
 * returns the result; neither input is modified. Throws PatchError.
 */
export function applyStrategicMergePatch(original: unknown, patch: unknown, schema: MergeSchema): unknown {
  const base = isJsonObject(original) ? cloneJson(original) : {};
  // A JSON `null` body decodes to an empty Go map: nothing changes.
  if (patch === null) return base;
  if (!isJsonObject(patch)) {
    throw new PatchError(`json: cannot unmarshal ${goJsonKind(patch)} into Go value of type map[string]interface {}`, 400);
  }
  return mergeMap(base, cloneJson(patch), schema);
}

/** How the list under one field merges. */
interface ListStrategy {
  /** patchStrategy "merge": merge by key (maps) or as a set (primitives); otherwise the patch replaces the list. */
  merge: boolean;
  mergeKey: string | undefined;
  items: MergeSchema | undefined;
}

function fieldSchema(schema: MergeSchema | undefined, key: string): MergeSchema | undefined {
  const fields = schema?.fields;
  return fields && hasKey(fields, key) ? fields[key] : schema?.additionalProperties;
}

function listStrategy(schema: MergeSchema | undefined): ListStrategy {
  const merge =
    schema !== undefined && schema.strategy !== "replace" && (schema.mergeKey !== undefined || schema.strategy === "merge");
  return { merge, mergeKey: schema?.mergeKey, items: schema?.items };
}

// ---------------------------------------------------------------------------------------------
// Maps

/** Merges `patch` into `original` (both private copies) and returns the merged map. */
function mergeMap(original: JsonObject, patch: JsonObject, schema: MergeSchema | undefined): JsonObject {
  if (hasKey(patch, DIRECTIVE)) return applyMapDirective(patch);

  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, schema);

  for (const [patchKey, patchValue] of Object.entries(patch)) {
    const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    const key = isDeleteList ? directiveTarget(patchKey, DELETE_FROM_PRIMITIVE_LIST) : patchKey;

    if (patchValue === null) {
      delete original[key];
      continue;
    }
    if (!hasKey(original, key) || jsonKind(original[key]) !== jsonKind(patchValue)) {
      // A deletion list for a list the object does not have deletes nothing.
      if (!isDeleteList) setFromPatch(original, key, patchValue);
      continue;
    }

    const current = original[key];
    const subschema = fieldSchema(schema, key);
    if (isJsonObject(current)) {
      setMember(original, key, mergeMapField(current, patchValue as JsonObject, subschema));
    } else if (Array.isArray(current)) {
      setMember(original, key, mergeListField(key, current, patchValue as unknown[], subschema, isDeleteList));
    } else {
      setFromPatch(original, key, patchValue);
    }
  }
  return original;
}

function mergeMapField(current: JsonObject, patch: JsonObject, schema: MergeSchema | undefined): JsonObject {
  if (schema?.strategy === "replace") return (cleanPatchValue(patch) as JsonObject | undefined) ?? {};
  return mergeMap(current, patch, schema);
}

/** `$patch` in a map: `replace` keeps only the patch's content, `delete` empties the map. */
function applyMapDirective(patch: JsonObject): JsonObject {
  const directive = patch[DIRECTIVE];
  if (directive === "replace") {
    const { [DIRECTIVE]: _directive, ...content } = patch;
    return cleanPatchValue(content) as JsonObject;
  }
  if (directive === "delete") return {};
  // Upstream accepts no other value here, `merge` included.
  throw new PatchError(`unknown patch type: ${goString(directive)} in map: ${goValue(patch)}`, 500);
}

/** `$retainKeys: [...]`: the object keeps only these fields; the patch may set no others. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasKey(patch, RETAIN_KEYS)) return;
  const retained = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retained)) throw new PatchError("invalid patch format of retainKeys", 400);

  const keep = new Set(retained);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(key)) throw new PatchError("invalid patch format of retainKeys", 400);
  }
  for (const key of Object.keys(original)) {
    if (!keep.has(key)) delete original[key];
  }
}

/** The field a `$deleteFromPrimitiveList/<field>` or `$setElementOrder/<field>` key is about. */
function directiveTarget(key: string, prefix: string): string {
  const slash = key.indexOf("/");
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    const what = prefix === SET_ELEMENT_ORDER ? "setElementOrder list" : "primitive list";
    throw new PatchError(`invalid patch format of ${what}`, 400);
  }
  return key.slice(slash + 1);
}

/**
 * Sets a value taken verbatim from the patch. Like decoding into the Go type would, this drops
 * nulls inside maps and the directive keys, and omits maps marked `$patch` (a `$patch: delete` for
 * something that does not exist deletes nothing).
 */
function setFromPatch(target: JsonObject, key: string, value: unknown): void {
  const cleaned = cleanPatchValue(value);
  if (cleaned === undefined) delete target[key];
  else setMember(target, key, cleaned);
}

/**
 * The patch value without directives and without null map entries; undefined when the value is
 * itself a directive. Upstream (`removeDirectives`) also drops a `$patch: replace` map for a field
 * the object lacks; here its content is kept, as a real cluster would show it (defaulting there
 * usually means the field exists).
 */
function cleanPatchValue(value: unknown): unknown {
  if (Array.isArray(value)) return cleanList(value);
  if (!isJsonObject(value)) return value;
  if (hasKey(value, DIRECTIVE) && value[DIRECTIVE] !== "replace") return undefined;

  const cleaned: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || isDirectiveKey(key)) continue;
    const cleanedItem = cleanPatchValue(item);
    if (cleanedItem !== undefined) setMember(cleaned, key, cleanedItem);
  }
  return cleaned;
}

/** In a list, an element carrying `$patch` is a marker for the list (replace, delete), never content. */
function cleanList(list: unknown[]): unknown[] {
  return list
    .filter((item) => !(isJsonObject(item) && hasKey(item, DIRECTIVE)))
    .map(cleanPatchValue)
    .filter((item) => item !== undefined);
}

function isDirectiveKey(key: string): boolean {
  return (
    key === DIRECTIVE ||
    key === RETAIN_KEYS ||
    key.startsWith(`${SET_ELEMENT_ORDER}/`) ||
    key.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`)
  );
}

// ---------------------------------------------------------------------------------------------
// Lists

function mergeListField(
  field: string,
  current: unknown[],
  patch: unknown[],
  schema: MergeSchema | undefined,
  isDeleteList: boolean,
): unknown[] {
  const strategy = listStrategy(schema);
  // A deletion list applies whatever the field's strategy is.
  if (!strategy.merge && !isDeleteList) return cleanList(patch);
  return mergeList(field, current, patch, strategy, isDeleteList);
}

function mergeList(field: string, original: unknown[], patch: unknown[], strategy: ListStrategy, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;

  if (elementKind(original, patch) === "primitive") {
    if (isDeleteList) return original.filter((item) => !patch.includes(item));
    const merged = [...new Set([...original, ...patch])];
    return normalizeElementOrder(merged, patch, original, undefined);
  }

  const mergeKey = strategy.mergeKey;
  if (mergeKey === undefined) throw new PatchError(`cannot merge lists without merge key for ${field}`, 500);

  const maps = original as JsonObject[];
  const { remaining, regular, replace } = applyListDirectives(maps, patch as JsonObject[], mergeKey);
  if (replace) {
    for (const item of regular) requireMergeKey(item, mergeKey);
    return cleanList(regular);
  }

  const merged = [...remaining];
  for (const item of regular) {
    const value = requireMergeKey(item, mergeKey);
    const index = merged.findIndex((candidate) => hasKey(candidate, mergeKey) && candidate[mergeKey] === value);
    if (index >= 0) merged[index] = mergeMap(merged[index] as JsonObject, item, strategy.items);
    else merged.push(cleanPatchValue(item) as JsonObject);
  }
  return normalizeElementOrder(merged, regular, remaining, mergeKey);
}

/**
 * Applies the special elements of a merging list of maps: `{"$patch": "delete", <key>: v}` removes
 * the element with that key, `{"$patch": "replace"}` makes the patch's elements the whole list.
 */
function applyListDirectives(
  original: JsonObject[],
  patch: JsonObject[],
  mergeKey: string,
): { remaining: JsonObject[]; regular: JsonObject[]; replace: boolean } {
  let remaining = original;
  const regular: JsonObject[] = [];
  let replace = false;
  for (const item of patch) {
    if (!hasKey(item, DIRECTIVE)) {
      regular.push(item);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === "delete") {
      const value = requireMergeKey(item, mergeKey);
      remaining = remaining.filter((candidate) => !(hasKey(candidate, mergeKey) && candidate[mergeKey] === value));
    } else if (directive === "replace") {
      replace = true;
    } else if (directive === "merge") {
      throw new PatchError("merging lists cannot yet be specified in the patch", 500);
    } else {
      throw new PatchError(`unknown patch type: ${goString(directive)} in map: ${goValue(item)}`, 500);
    }
  }
  return { remaining, regular, replace };
}

/** Whether a merging list holds maps or primitives; every element must be of the same JSON type. */
function elementKind(...lists: unknown[][]): "map" | "primitive" {
  const items = lists.flat();
  const first = items[0];
  if (Array.isArray(first)) throw new PatchError("lists of lists are not supported", 422);
  const type = goTypeName(first);
  if (items.some((item) => goTypeName(item) !== type)) {
    throw new PatchError(`list element types are not identical: ${goValue(lists)}`, 500);
  }
  return isJsonObject(first) ? "map" : "primitive";
}

function requireMergeKey(item: unknown, mergeKey: string): unknown {
  if (!isJsonObject(item)) throw badArgType({}, item);
  if (!hasKey(item, mergeKey)) {
    throw new PatchError(`map: ${goValue(item)} does not contain declared merge key: ${mergeKey}`, 500);
  }
  return item[mergeKey];
}

function badArgType(expected: unknown, actual: unknown): PatchError {
  const actualType = actual === null ? "%!s(<nil>)" : goTypeName(actual);
  return new PatchError(`expected a ${goTypeName(expected)}, but received a ${actualType}`, 500);
}

// ---------------------------------------------------------------------------------------------
// Order of merged lists (apimachinery normalizeElementOrder / mergeSortedSlice; design:
// community/contributors/design-proposals/cli/preserve-order-in-strategic-merge-patch.md)

/**
 * Orders a merged list: the elements named by `patchOrder` follow that order; the others
 * ("server-only") keep the order they had in `serverOrder` (the list before the patch). The two
 * runs are interleaved: a server-only element goes first only when it stood before the next patch
 * element in the old list, so elements new to the list come before the remaining server-only ones.
 */
function normalizeElementOrder(merged: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string | undefined): unknown[] {
  // Elements of a list of maps are identified by their merge key, which every one must have.
  const identity = (item: unknown): unknown => (mergeKey === undefined ? item : requireMergeKey(item, mergeKey));
  const patchIdentities = patchOrder.map(identity);
  const serverIdentities = serverOrder.map(identity);
  const inPatch = (item: unknown): boolean => patchIdentities.includes(identity(item));
  const patchItems = sortByOrder(merged.filter(inPatch), patchIdentities, identity);
  const serverOnly = sortByOrder(
    merged.filter((item) => !inPatch(item)),
    serverIdentities,
    identity,
  );

  const serverIndex = (item: unknown): number => serverIdentities.indexOf(identity(item));
  const stoodBefore = (server: unknown, fromPatch: unknown): boolean => {
    const serverAt = serverIndex(server);
    const patchAt = serverIndex(fromPatch);
    return serverAt >= 0 && patchAt >= 0 && serverAt < patchAt;
  };
  const result: unknown[] = [];
  let s = 0;
  let p = 0;
  while (s < serverOnly.length || p < patchItems.length) {
    const takeServer = p >= patchItems.length || (s < serverOnly.length && stoodBefore(serverOnly[s], patchItems[p]));
    result.push(takeServer ? serverOnly[s++] : patchItems[p++]);
  }
  return result;
}

function sortByOrder(items: unknown[], order: unknown[], identity: (item: unknown) => unknown): unknown[] {
  const rank = (item: unknown): number => {
    const index = order.indexOf(identity(item));
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...items].sort((a, b) => rank(a) - rank(b));
}

// ---------------------------------------------------------------------------------------------
// $setElementOrder/<field>: kubectl's list of every element's merge key in the order wanted

function applySetElementOrder(original: JsonObject, patch: JsonObject, schema: MergeSchema | undefined): void {
  for (const orderKey of Object.keys(patch)) {
    if (!orderKey.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[orderKey];
    delete patch[orderKey];
    if (!Array.isArray(order)) throw badArgType([], order);

    const field = directiveTarget(orderKey, SET_ELEMENT_ORDER);
    const inOriginal = hasKey(original, field);
    const inPatch = hasKey(patch, field);
    const originalList = original[field];
    const patchList = patch[field];
    if (inOriginal && !Array.isArray(originalList)) throw badArgType([], originalList);
    if (inPatch && !Array.isArray(patchList)) throw badArgType([], patchList);
    if (!inOriginal && !inPatch) continue;

    const strategy = listStrategyFor(fieldSchema(schema, field), order);
    const originalItems = (originalList ?? []) as unknown[];
    const patchItems = (patchList ?? []) as unknown[];
    validatePatchAgainstOrder(patchItems, order, strategy.mergeKey);

    let merged: unknown[];
    if (!inPatch) merged = originalItems;
    else if (!inOriginal || !strategy.merge) merged = cleanList(patchItems);
    else merged = mergeList(field, originalItems, patchItems, strategy, false);

    const ordered = strategy.merge && merged.length > 0;
    setMember(original, field, ordered ? normalizeElementOrder(merged, order, originalItems, mergeKeyFor(merged, strategy)) : merged);
    delete patch[field];
  }
}

/**
 * kubectl sends `$setElementOrder` only for lists it merges, each element holding just the merge
 * key (or the value, for primitives). For a field the schema does not describe, that says how the
 * list merges, as the real server would know from the Go type.
 */
function listStrategyFor(schema: MergeSchema | undefined, order: unknown[]): ListStrategy {
  if (schema !== undefined || order.length === 0) return listStrategy(schema);
  if (order.every((item) => !isJsonObject(item) && !Array.isArray(item))) return listStrategy({ strategy: "merge" });
  const keys = new Set(order.map((item) => (isJsonObject(item) ? Object.keys(item).join("/") : "")));
  const [mergeKey] = keys;
  if (keys.size === 1 && mergeKey && !mergeKey.includes("/")) return listStrategy({ mergeKey });
  return listStrategy(undefined);
}

/** Lists of primitives are ordered by value, lists of maps by their merge key. */
function mergeKeyFor(items: unknown[], strategy: ListStrategy): string | undefined {
  return items.some(isJsonObject) ? strategy.mergeKey : undefined;
}

/**
 * The patch's elements (deletions aside) must appear in `$setElementOrder` and in the same
 * relative order (apimachinery validatePatchWithSetOrderList).
 */
function validatePatchAgainstOrder(patchList: unknown[], order: unknown[], mergeKey: string | undefined): void {
  if (order.length === 0 || patchList.length === 0) return;
  let items = patchList;
  if (mergeKey !== undefined) {
    for (const item of patchList) if (!isJsonObject(item)) throw badArgType({}, item);
    items = patchList.filter((item) => (item as JsonObject)[DIRECTIVE] !== "delete");
  }

  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isJsonObject(item) && hasKey(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (sameElement(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw new PatchError(
      `the order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goValue(order)}`,
      500,
    );
  }
}

function sameElement(left: unknown, right: unknown, mergeKey: string | undefined): boolean {
  if (mergeKey === undefined) return left === right;
  return requireMergeKey(left, mergeKey) === requireMergeKey(right, mergeKey);
}

/** Go's reflect type of a decoded JSON value, as far as merging cares: map, slice, or the scalar type. */
function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
