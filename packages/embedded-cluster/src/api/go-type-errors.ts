import { goJsonKind, type GoJsonKind } from "@paddock/registry-auth";
import { goTypeOf, type FieldNode } from "./field-schema/field-schema.ts";

/**
 * What Go says when a value of the wrong JSON type meets a field, in kube-apiserver's two decoders:
 *
 * - encoding/json (sigs.k8s.io/json internal/golang/encoding/json decode.go), for request bodies and
 *   JSON or merge patched documents: an UnmarshalTypeError
 *   `json: cannot unmarshal number into Go struct field Container.spec.containers.name of type string`,
 *   naming the innermost struct and the JSON field names from the root (no indexes, no map keys).
 *   Decoding goes on after one; the first is reported. Types with their own UnmarshalJSON
 *   (metav1.Time, intstr.IntOrString, resource.Quantity) fail with their own error, which stops decoding.
 * - runtime.DefaultUnstructuredConverter (apimachinery pkg/runtime/converter.go fromUnstructured), for
 *   strategic merge patched objects: `cannot convert int64 to string`, `unrecognized type: int32`,
 *   `cannot restore struct from: string`, without any path.
 */

/** The kind name Go's `UnmarshalTypeError` uses for a JSON value (`undefined`, an absent value, counts as null). */
export type JsonKind = GoJsonKind;

export const jsonKindOf = (value: unknown): JsonKind => goJsonKind(value ?? null);

/** Where encoding/json is: the innermost struct being filled and the JSON field names leading to it. */
export interface ErrorContext {
  struct: string | undefined;
  fields: readonly string[];
}

/** A type error; `fatal` when a type's own UnmarshalJSON returned it (decoding stops there). */
export interface TypeProblem {
  message: string;
  fatal: boolean;
}

/** apimachinery pkg/api/resource/quantity.go ErrFormatWrong. */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const INT_RANGES = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

/** strconv.ParseInt(literal, 10, 64) with the type's overflow check. */
function fitsInteger(literal: string, type: "int32" | "int64"): boolean {
  if (!/^-?\d+$/.test(literal)) return false;
  const n = BigInt(literal);
  const [min, max] = INT_RANGES[type];
  return n >= min && n <= max;
}

function unmarshalTypeError(value: string, goType: string, context: ErrorContext | undefined): string {
  if (context && (context.struct !== undefined || context.fields.length > 0)) {
    return `json: cannot unmarshal ${value} into Go struct field ${context.struct ?? ""}.${context.fields.join(".")} of type ${goType}`;
  }
  return `json: cannot unmarshal ${value} into Go value of type ${goType}`;
}

/**
 * The error of a JSON value (`literal`: its text, for numbers) decoded by encoding/json into `node`,
 * or undefined when it fits. `null` fits everything.
 */
export function jsonTypeProblem(kind: JsonKind, literal: string, node: FieldNode, context: ErrorContext): TypeProblem | undefined {
  if (kind === "null") return undefined;
  const saved = (value: string = kind): TypeProblem => ({ message: unmarshalTypeError(value, goTypeOf(node), context), fatal: false });
  switch (node.kind) {
    case "struct":
    case "map":
      return kind === "object" ? undefined : saved();
    case "list":
      return kind === "array" ? undefined : saved();
    case "scalar":
      break;
    default:
      return undefined;
  }
  switch (node.scalar) {
    case "string":
      return kind === "string" ? undefined : saved();
    case "bool":
      return kind === "bool" ? undefined : saved();
    case "float64":
      return kind === "number" ? undefined : saved();
    case "int32":
    case "int64":
      if (kind !== "number") return saved();
      return fitsInteger(literal, node.scalar) ? undefined : saved(`number ${literal}`);
    case "bytes":
      // An array decodes into []byte element by element; base64 is checked with the kind's data (kinds/data-maps.ts).
      return kind === "string" || kind === "array" ? undefined : saved();
    default:
      return customUnmarshalProblem(node.scalar, kind, literal);
  }
}

/** The errors of the UnmarshalJSON methods of metav1.Time/MicroTime, intstr.IntOrString and resource.Quantity. */
function customUnmarshalProblem(scalar: "time" | "int-or-string" | "quantity", kind: JsonKind, literal: string): TypeProblem | undefined {
  switch (scalar) {
    case "time":
      // meta/v1 time.go: json.Unmarshal(b, &str) first.
      return kind === "string" ? undefined : { message: unmarshalTypeError(kind, "string", undefined), fatal: true };
    case "int-or-string":
      // util/intstr/intstr.go: a string, else json.Unmarshal(value, &intstr.IntVal).
      if (kind === "string") return undefined;
      if (kind === "number") {
        return fitsInteger(literal, "int32") ? undefined : { message: unmarshalTypeError(`number ${literal}`, "int32", undefined), fatal: true };
      }
      return { message: unmarshalTypeError(kind, "int32", undefined), fatal: true };
    case "quantity":
      // api/resource/quantity.go: the string's content, or the literal itself, parsed as a quantity.
      return kind === "string" || kind === "number" ? undefined : { message: QUANTITY_FORMAT_ERROR, fatal: true };
  }
}

/** reflect's name of the Go value an unstructured (map[string]interface{}) value holds, and its Kind. */
function unstructuredType(value: unknown): { type: string; kind: string } {
  if (Array.isArray(value)) return { type: "[]interface {}", kind: "slice" };
  switch (typeof value) {
    case "string":
      return { type: "string", kind: "string" };
    case "boolean":
      return { type: "bool", kind: "bool" };
    case "number":
      return Number.isInteger(value) ? { type: "int64", kind: "int64" } : { type: "float64", kind: "float64" };
    default:
      return { type: "map[string]interface {}", kind: "map" };
  }
}

/**
 * The error runtime.DefaultUnstructuredConverter.FromUnstructured gives for an unstructured value
 * converted into `node`, or undefined when it fits (converter.go fromUnstructured and its helpers).
 */
export function converterTypeProblem(value: unknown, node: FieldNode): string | undefined {
  if (value === null || value === undefined) return undefined;
  const source = unstructuredType(value);
  switch (node.kind) {
    case "struct":
      return source.kind === "map" ? undefined : `cannot restore struct from: ${source.kind}`;
    case "map":
      return source.kind === "map" ? undefined : `cannot restore map from ${source.kind}`;
    case "list":
      return source.kind === "slice" ? undefined : `cannot restore slice from ${source.kind}`;
    case "scalar":
      break;
    default:
      return undefined;
  }
  switch (node.scalar) {
    case "string":
      if (source.kind === "string") return undefined;
      // reflect converts integers to strings (as runes), which the converter refuses by name.
      return source.kind === "int64" ? `cannot convert int64 to ${node.goType}` : "unrecognized type: string";
    case "bool":
      return source.kind === "bool" ? undefined : "unrecognized type: bool";
    case "float64":
      return source.kind === "int64" || source.kind === "float64" ? undefined : "unrecognized type: float64";
    case "int32":
    case "int64":
      if (source.kind === "int64") return undefined;
      return source.kind === "float64" ? `cannot convert float64 to ${node.goType}` : `unrecognized type: ${node.scalar}`;
    case "bytes":
      return source.kind === "string" || source.kind === "slice" ? undefined : `cannot restore slice from ${source.kind}`;
    default: {
      // Types with their own UnmarshalJSON get the value marshalled back to JSON.
      const kind = jsonKindOf(value);
      return customUnmarshalProblem(node.scalar, kind, kind === "number" ? JSON.stringify(value) : "")?.message;
    }
  }
}
