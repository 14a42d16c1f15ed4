/**
 * JSON patch (RFC 6902), as kube-apiserver applies `application/json-patch+json`
 * (gopkg.in/evanphx/json-patch.v4 v4.12 `Patch.Apply`), with its error messages. Like that
 * library, negative array indices count from the end.
 */
import { PatchError } from "./errors.ts";
import { goJsonKind } from "@paddock/registry-auth";
import { cloneJson, hasKey, isJsonObject, jsonEqual, setMember, type JsonObject } from "../api/json-values.ts";

/** Applies `operations` (a JSON array of `{op, path, from?, value?}`) to a copy of `original`. */
export function applyJsonPatch(original: unknown, operations: unknown): unknown {
  if (operations === null) return cloneJson(original);
  if (!Array.isArray(operations)) {
    throw new PatchError(`json: cannot unmarshal ${goJsonKind(operations)} into Go value of type jsonpatch.Patch`, 400);
  }
  for (const operation of operations) {
    if (operation !== null && !isJsonObject(operation)) {
      throw new PatchError(`json: cannot unmarshal ${goJsonKind(operation)} into Go value of type jsonpatch.Operation`, 400);
    }
  }

  let doc = cloneJson(original);
  for (const operation of operations as Array<JsonObject | null>) {
    doc = applyOperation(doc, operation ?? {});
  }
  return doc;
}

function applyOperation(doc: unknown, operation: JsonObject): unknown {
  const kind = typeof operation.op === "string" ? operation.op : "unknown";
  switch (kind) {
    case "add":
      add(doc, operation);
      return doc;
    case "remove":
      remove(doc, operation);
      return doc;
    case "replace":
      return replace(doc, operation);
    case "move":
      move(doc, operation);
      return doc;
    case "test":
      test(doc, operation);
      return doc;
    case "copy":
      copy(doc, operation);
      return doc;
    default:
      throw applyError(`Unexpected kind: ${kind}`);
  }
}

function applyError(message: string): PatchError {
  return new PatchError(message, 422);
}

const MISSING = "missing value";
const INVALID_INDEX = "invalid index referenced";

// ---------------------------------------------------------------------------------------------
// Operations

function add(doc: unknown, operation: JsonObject): void {
  const path = stringField(operation, "path");
  if (path === undefined) throw applyError(`add operation failed to decode path: ${MISSING}`);
  const location = locate(doc, path);
  if (!location) throw applyError(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  const failure = insertAt(location, valueOf(operation));
  if (failure) throw applyError(`error in add for path: '${path}': ${failure}`);
}

function remove(doc: unknown, operation: JsonObject): void {
  const path = stringField(operation, "path");
  if (path === undefined) throw applyError(`remove operation failed to decode path: ${MISSING}`);
  const location = locate(doc, path);
  if (!location) throw applyError(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  const failure = removeAt(location);
  if (failure) throw applyError(`error in remove for path: '${path}': ${failure}`);
}

function replace(doc: unknown, operation: JsonObject): unknown {
  const path = requiredField(operation, "path", "replace operation failed to decode path");
  const value = valueOf(operation);
  if (path === "") {
    if (!isJsonObject(value) && !Array.isArray(value)) throw applyError("replace operation value must be object or array");
    return value;
  }
  const location = locate(doc, path);
  if (!location) throw applyError(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
  if (!read(location).found) throw applyError(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
  writeAt(location, value);
  return doc;
}

function move(doc: unknown, operation: JsonObject): void {
  const from = requiredField(operation, "from", "move operation failed to decode from");
  const source = locate(doc, from);
  if (!source) throw applyError(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const value = read(source);
  if (!value.found) throw applyError(`error in move for path: '${source.key}': ${value.failure}`);
  const removed = removeAt(source);
  if (removed) throw applyError(`error in move for path: '${source.key}': ${removed}`);

  const path = requiredField(operation, "path", "move operation failed to decode path");
  const target = locate(doc, path);
  if (!target) throw applyError(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  const failure = insertAt(target, value.value);
  if (failure) throw applyError(`error in move for path: '${path}': ${failure}`);
}

function copy(doc: unknown, operation: JsonObject): void {
  const from = requiredField(operation, "from", "copy operation failed to decode from");
  const source = locate(doc, from);
  if (!source) throw applyError(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const value = read(source);
  if (!value.found) throw applyError(`error in copy for from: '${from}': ${value.failure}`);

  const path = stringField(operation, "path");
  if (path === undefined) throw applyError(`copy operation failed to decode path: ${MISSING}`);
  const target = locate(doc, path);
  if (!target) throw applyError(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  const failure = insertAt(target, cloneJson(value.value));
  if (failure) throw applyError(`error while adding value during copy: ${failure}`);
}

function test(doc: unknown, operation: JsonObject): void {
  const path = requiredField(operation, "path", "test operation failed to decode path");
  const expected = valueOf(operation);
  const failed = applyError(`testing value ${path} failed: test failed`);
  if (path === "") {
    if (!jsonEqual(doc, expected)) throw failed;
    return;
  }
  const location = locate(doc, path);
  if (!location) throw applyError(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
  const actual = read(location);
  // A missing key reads as null, so `{"op":"test","value":null}` passes for it.
  if (!actual.found && !actual.missingKey) throw applyError(`error in test for path: '${path}': ${actual.failure}`);
  if (!jsonEqual(actual.found ? actual.value : null, expected)) throw failed;
}

/** An operation's `value`; an absent one counts as null. */
function valueOf(operation: JsonObject): unknown {
  return hasKey(operation, "value") ? cloneJson(operation.value) : null;
}

function stringField(operation: JsonObject, field: string): string | undefined {
  const value = operation[field];
  return typeof value === "string" ? value : undefined;
}

/** `path`/`from` for the operations whose messages carry the decoding error. */
function requiredField(operation: JsonObject, field: "path" | "from", context: string): string {
  const value = operation[field];
  if (typeof value === "string") return value;
  if (value === undefined || value === null) {
    const what = field === "path" ? "operation missing path field" : "operation, missing from field";
    throw applyError(`${context}: ${what}: ${MISSING}`);
  }
  throw applyError(`${context}: json: cannot unmarshal ${goJsonKind(value)} into Go value of type string`);
}

// ---------------------------------------------------------------------------------------------
// JSON pointers (RFC 6901)

/** The container a pointer's last token addresses, and that token. */
interface Location {
  container: JsonObject | unknown[];
  key: string;
}

/** Finds the parent container of `pointer`; undefined when the path to it does not exist. */
function locate(doc: unknown, pointer: string): Location | undefined {
  if (!pointer.startsWith("/")) return undefined;
  const tokens = pointer.slice(1).split("/").map(decodeToken);
  const key = tokens.pop() as string;
  let node = doc;
  for (const token of tokens) {
    if (!isJsonObject(node) && !Array.isArray(node)) return undefined;
    const child = read({ container: node, key: token });
    if (!child.found) return undefined;
    node = child.value;
  }
  if (!isJsonObject(node) && !Array.isArray(node)) return undefined;
  return { container: node, key };
}

function decodeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

type ReadResult = { found: true; value: unknown } | { found: false; failure: string; missingKey: boolean };

function read({ container, key }: Location): ReadResult {
  if (!Array.isArray(container)) {
    if (hasKey(container, key)) return { found: true, value: container[key] };
    return { found: false, failure: `unable to get nonexistent key: ${key}: ${MISSING}`, missingKey: true };
  }
  const index = existingIndex(container, key);
  if (typeof index === "string") return { found: false, failure: index, missingKey: false };
  return { found: true, value: container[index] };
}

/** Sets an existing member (replace). */
function writeAt({ container, key }: Location, value: unknown): void {
  if (Array.isArray(container)) container[existingIndex(container, key) as number] = value;
  else setMember(container, key, value);
}

/** Adds a member or inserts an array element; returns the failure text, if any. */
function insertAt({ container, key }: Location, value: unknown): string | undefined {
  if (!Array.isArray(container)) {
    setMember(container, key, value);
    return undefined;
  }
  if (key === "-") {
    container.push(value);
    return undefined;
  }
  const parsed = parseIndex(key);
  if (typeof parsed === "string") return `value was not a proper array index: '${key}': ${parsed}`;
  const size = container.length + 1;
  if (parsed >= size || parsed < -size) return `Unable to access invalid index: ${parsed}: ${INVALID_INDEX}`;
  container.splice(parsed < 0 ? parsed + size : parsed, 0, value);
  return undefined;
}

/** Removes a member or an array element; returns the failure text, if any. */
function removeAt({ container, key }: Location): string | undefined {
  if (!Array.isArray(container)) {
    if (!hasKey(container, key)) return `Unable to remove nonexistent key: ${key}: ${MISSING}`;
    delete container[key];
    return undefined;
  }
  const index = existingIndex(container, key);
  if (typeof index === "string") return index;
  container.splice(index, 1);
  return undefined;
}

/** The position of an existing element, or the failure text. */
function existingIndex(list: unknown[], key: string): number | string {
  const parsed = parseIndex(key);
  if (typeof parsed === "string") return parsed;
  if (parsed >= list.length || parsed < -list.length) return `Unable to access invalid index: ${parsed}: ${INVALID_INDEX}`;
  return parsed < 0 ? parsed + list.length : parsed;
}

/** Go's strconv.Atoi: an optional sign and decimal digits; returns the failure text otherwise. */
function parseIndex(token: string): number | string {
  if (!/^[+-]?\d+$/.test(token)) return `strconv.Atoi: parsing ${JSON.stringify(token)}: invalid syntax`;
  const index = Number(token);
  if (!Number.isSafeInteger(index)) return `strconv.Atoi: parsing ${JSON.stringify(token)}: value out of range`;
  return index;
}
