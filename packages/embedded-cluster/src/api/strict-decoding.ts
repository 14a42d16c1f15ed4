import { goQuote } from "./go-format.ts";
import { isJsonObject, type JsonObject } from "./json-values.ts";
import type { FieldNode } from "./field-schema/field-schema.ts";
import { converterTypeProblem, jsonKindOf, jsonTypeProblem, type ErrorContext, type JsonKind, type TypeProblem } from "./go-type-errors.ts";

/**
 * Decoding into a kind's Go type, as kube-apiserver does, with the strict errors it collects:
 *
 * - JSON bodies: sigs.k8s.io/json UnmarshalStrict (DisallowUnknownFields, DisallowDuplicateFields):
 *   `unknown field "spec.foo"`, `duplicate field "metadata.name"`, in document order, each message
 *   once, at most 100; the path is the keys and `[i]` indexes from the root
 *   (internal/golang/encoding/json decode.go, kubernetes_patch.go).
 * - Patched objects (strategic merge patch): apimachinery runtime.DefaultUnstructuredConverter
 *   FromUnstructuredWithValidation (pkg/runtime/converter.go): unknown fields only, sorted, and the
 *   key of a map is not part of the path of what lies under it.
 *
 * The decoded value keeps only known fields, as the Go struct would: Warn and Ignore store what
 * Strict would have refused, without the unknown fields.
 *
 * A value of the wrong type is a `typeError` (go-type-errors.ts), which fails the request whatever
 * the field validation directive: Go's decoders return it instead of the strict errors. A kind
 * without a Go type (a custom resource: a struct root without `goType`) is not type-checked.
 */
export interface StrictDecoding {
  value: unknown;
  /** `unknown field "…"` / `duplicate field "…"` messages. */
  errors: string[];
  /** The type error Go's decoder returns, if any. */
  typeError?: string;
}

const MAX_STRICT_ERRORS = 100;

class StrictErrors {
  readonly list: string[] = [];
  readonly #seen = new Set<string>();
  #firstTypeError: string | undefined;
  #fatalTypeError: string | undefined;

  /** The first type error, unless a fatal one (which stops Go's decoding) came after it. */
  get typeError(): string | undefined {
    return this.#fatalTypeError ?? this.#firstTypeError;
  }

  addType(problem: TypeProblem): void {
    if (problem.fatal) this.#fatalTypeError ??= problem.message;
    else this.#firstTypeError ??= problem.message;
  }

  add(kind: "unknown field" | "duplicate field", path: string): void {
    const message = `${kind} ${goQuote(path)}`;
    if (this.list.length >= MAX_STRICT_ERRORS || this.#seen.has(message)) return;
    this.#seen.add(message);
    this.list.push(message);
  }
}

/** `spec` + `foo` → `spec.foo`; `""` + `spec` → `spec`. */
function keyPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

// ---------------------------------------------------------------------------------------------
// JSON text

/**
 * Decodes JSON text (already known to be valid JSON) into the shape of `root`. Duplicate keys
 * behave as in Go: a struct decoded twice keeps the fields of both, a list's elements are decoded
 * into the earlier ones, and a map value or an interface{} value is replaced.
 */
export function decodeStrictJson(text: string, root: FieldNode): StrictDecoding {
  const reader = new JsonReader(text, checksTypes(root));
  const errors = new StrictErrors();
  reader.skipSpace();
  const value = reader.value(root, "", undefined, errors);
  return withTypeError({ value, errors: errors.list }, errors);
}

function checksTypes(root: FieldNode): boolean {
  return !(root.kind === "struct" && root.goType === undefined);
}

function withTypeError(decoding: StrictDecoding, errors: StrictErrors): StrictDecoding {
  const typeError = errors.typeError;
  return typeError === undefined ? decoding : { ...decoding, typeError };
}

function kindAt(char: string | undefined): JsonKind {
  switch (char) {
    case "{":
      return "object";
    case "[":
      return "array";
    case '"':
      return "string";
    case "t":
    case "f":
      return "bool";
    case "n":
      return "null";
    default:
      return "number";
  }
}

const LITERAL = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

class JsonReader {
  #at = 0;
  /** encoding/json's errorContext: the struct being filled and the field names from the root. */
  #struct: string | undefined;
  readonly #fields: string[] = [];

  constructor(
    private readonly text: string,
    private readonly checksTypes: boolean,
  ) {}

  skipSpace(): void {
    while (this.#at < this.text.length && " \t\n\r".includes(this.text[this.#at]!)) this.#at++;
  }

  #expect(char: string): void {
    this.skipSpace();
    if (this.text[this.#at] !== char) throw new SyntaxError(`expected ${char} at ${this.#at}`);
    this.#at++;
  }

  /** The value at the cursor, decoded as `node` into `into` (the value an earlier duplicate key left). */
  value(node: FieldNode | null, path: string, into: unknown, errors: StrictErrors): unknown {
    this.skipSpace();
    const kind = kindAt(this.text[this.#at]);
    if (kind === "object" || kind === "array") {
      const problem = this.#typeProblem(kind, "", node);
      if (problem) {
        // Go skips a value it cannot store, without looking inside.
        errors.addType(problem);
        return this.value(null, path, undefined, new StrictErrors());
      }
      return kind === "object" ? this.#object(node, path, into, errors) : this.#array(node, path, into, errors);
    }
    const start = this.#at;
    const value = this.#literal();
    const problem = this.#typeProblem(kind, this.text.slice(start, this.#at), node);
    if (problem) errors.addType(problem);
    return value;
  }

  #typeProblem(kind: JsonKind, literal: string, node: FieldNode | null): TypeProblem | undefined {
    if (!node || !this.checksTypes) return undefined;
    return jsonTypeProblem(kind, literal, node, { struct: this.#struct, fields: this.#fields });
  }

  #literal(): unknown {
    const start = this.#at;
    if (this.text[start] === '"') {
      this.#at = this.#stringEnd(start);
    } else {
      LITERAL.lastIndex = start;
      const match = LITERAL.exec(this.text);
      if (!match) throw new SyntaxError(`unexpected character at ${start}`);
      this.#at = LITERAL.lastIndex;
    }
    return JSON.parse(this.text.slice(start, this.#at)) as unknown;
  }

  #stringEnd(start: number): number {
    let i = start + 1;
    while (i < this.text.length) {
      const c = this.text[i];
      if (c === "\\") i += 2;
      else if (c === '"') return i + 1;
      else i++;
    }
    throw new SyntaxError("unterminated string");
  }

  #key(): string {
    this.skipSpace();
    if (this.text[this.#at] !== '"') throw new SyntaxError(`expected a key at ${this.#at}`);
    const start = this.#at;
    this.#at = this.#stringEnd(start);
    return JSON.parse(this.text.slice(start, this.#at)) as string;
  }

  /** `node` null: a value Go skips (an unknown field's, or one whose type is not an object) — decoded, not checked. */
  #object(node: FieldNode | null, path: string, into: unknown, errors: StrictErrors): unknown {
    this.#at++; // {
    const checked = node !== null && (node.kind === "struct" || node.kind === "map" || node.kind === "untyped");
    // Decoding into a struct or map that an earlier duplicate key filled keeps what it has.
    const merges = node?.kind === "struct" || node?.kind === "map";
    const result: JsonObject = merges && isJsonObject(into) ? into : {};
    const seen = new Set<string>();
    this.skipSpace();
    if (this.text[this.#at] === "}") {
      this.#at++;
      return result;
    }
    for (;;) {
      const key = this.#key();
      this.#expect(":");
      let child: FieldNode | null = null;
      let keep = true;
      let entersField = false;
      if (checked && node) {
        if (seen.has(key)) errors.add("duplicate field", keyPath(path, key));
        seen.add(key);
        if (node.kind === "struct") {
          const field = node.field(key);
          entersField = field !== undefined;
          child = field ?? node.rest ?? null;
          if (child === null) {
            errors.add("unknown field", keyPath(path, key));
            keep = false;
          }
        } else child = node.kind === "map" ? node.values : node;
      }
      const mergesInto = node?.kind === "struct" ? result[key] : undefined;
      const outerStruct = this.#struct;
      if (entersField && node) {
        this.#fields.push(key);
        this.#struct = node.kind === "struct" ? node.name : outerStruct;
      }
      const value = this.value(child, keyPath(path, key), mergesInto, keep ? errors : new StrictErrors());
      if (entersField) {
        this.#fields.pop();
        this.#struct = outerStruct;
      }
      if (keep) result[key] = value;
      this.skipSpace();
      const next = this.text[this.#at++];
      if (next === "}") return result;
      if (next !== ",") throw new SyntaxError(`expected , or } at ${this.#at - 1}`);
    }
  }

  #array(node: FieldNode | null, path: string, into: unknown, errors: StrictErrors): unknown[] {
    this.#at++; // [
    const items = node?.kind === "list" ? node.items : node?.kind === "untyped" ? node : null;
    const earlier = node?.kind === "list" && Array.isArray(into) ? into : [];
    const result: unknown[] = [];
    this.skipSpace();
    if (this.text[this.#at] === "]") {
      this.#at++;
      return result;
    }
    for (let i = 0; ; i++) {
      result.push(this.value(items, indexPath(path, i), earlier[i], errors));
      this.skipSpace();
      const next = this.text[this.#at++];
      if (next === "]") return result;
      if (next !== ",") throw new SyntaxError(`expected , or ] at ${this.#at - 1}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Decoded values (patched objects)

export type ValueWalk =
  /** runtime.DefaultUnstructuredConverter (strategic merge patch): errors sorted, map keys left out of paths. */
  | "unstructured"
  /**
   * Strict JSON decoding of a document whose keys are in sorted order (what evanphx/json-patch v4
   * writes after a JSON or merge patch): errors in that order.
   */
  | "sorted-json";

/** Checks and prunes a decoded value against `root`. */
export function decodeStrictValue(value: unknown, root: FieldNode, walk: ValueWalk): StrictDecoding {
  const errors = new StrictErrors();
  const walker = new ValueWalker(walk, errors, checksTypes(root));
  const pruned = walker.walk(value, root, "", { struct: undefined, fields: [] });
  if (walk === "unstructured") errors.list.sort();
  return withTypeError({ value: pruned, errors: errors.list }, errors);
}

class ValueWalker {
  constructor(
    private readonly mode: ValueWalk,
    private readonly errors: StrictErrors,
    private readonly checksTypes: boolean,
  ) {}

  /** `context`: encoding/json's errorContext, for "sorted-json". */
  walk(value: unknown, node: FieldNode, path: string, context: ErrorContext): unknown {
    const problem = this.#typeProblem(value, node, context);
    if (problem) {
      this.errors.addType(problem);
      return value;
    }
    if (Array.isArray(value)) {
      if (node.kind !== "list") return value;
      return value.map((item, i) => this.walk(item, node.items, indexPath(path, i), context));
    }
    if (!isJsonObject(value)) return value;
    if (node.kind === "map") {
      const result: JsonObject = {};
      for (const key of keysOf(value, this.mode)) {
        result[key] = this.walk(value[key], node.values, this.mode === "unstructured" ? path : keyPath(path, key), context);
      }
      return result;
    }
    if (node.kind !== "struct") return value;
    const result: JsonObject = {};
    for (const key of keysOf(value, this.mode)) {
      const field = node.field(key);
      const child = field ?? node.rest;
      if (!child) {
        this.errors.add("unknown field", keyPath(path, key));
        continue;
      }
      const inner = field ? { struct: node.name, fields: [...context.fields, key] } : context;
      result[key] = this.walk(value[key], child, keyPath(path, key), inner);
    }
    return result;
  }

  #typeProblem(value: unknown, node: FieldNode, context: ErrorContext): TypeProblem | undefined {
    if (!this.checksTypes) return undefined;
    if (this.mode === "sorted-json") {
      const kind = jsonKindOf(value);
      return jsonTypeProblem(kind, kind === "number" ? JSON.stringify(value) : "", node, context);
    }
    // The converter returns its first error.
    const message = converterTypeProblem(value, node);
    return message === undefined ? undefined : { message, fatal: true };
  }
}

function keysOf(value: JsonObject, walk: ValueWalk): string[] {
  const keys = Object.keys(value);
  return walk === "sorted-json" ? keys.sort() : keys;
}
