/**
 * A small declarative language for Kubernetes protobuf messages: each message is a table from field number to the
 * field's JSON name and how to read it. The tables in meta-v1.ts, core-v1.ts and apps-v1.ts are written from the
 * `protobuf:"…"` and `json:"…"` struct tags of k8s.io/api and k8s.io/apimachinery (types.go / generated.proto).
 *
 * How a field shows up in the JSON form depends on its Go type and JSON tag, because gogo-protobuf writes every
 * non-pointer field, zero or not:
 * - "omitempty": a plain field with `omitempty`; its zero value ("" / 0 / false) means unset.
 * - "always": a plain field without `omitempty` (e.g. `json:"name"`); always present, zero when not written.
 * - "pointer": a Go pointer (`*int32`, `*bool`, `*string`); present exactly when written, zero included
 *   (`replicas: 0` stays).
 */

export type Presence = "omitempty" | "always" | "pointer";

export type ScalarKind = "string" | "bool" | "int32" | "int64";

export type FieldType =
  | { kind: ScalarKind; presence: Presence }
  /** []byte → base64 string, as encoding/json renders it */
  | { kind: "bytes" }
  /** raw bytes kept as a Uint8Array (the envelope's nested message) */
  | { kind: "rawBytes" }
  /** metav1.Time {1 seconds, 2 nanos} → RFC3339 seconds; the zero time (an empty message) is null in JSON, so absent */
  | { kind: "time" }
  /** metav1.MicroTime → RFC3339 with microseconds */
  | { kind: "microTime" }
  /** resource.Quantity {1 string} → its canonical string */
  | { kind: "quantity" }
  /** intstr.IntOrString {1 type, 2 intVal, 3 strVal} → a number or a string */
  | { kind: "intOrString" }
  | { kind: "message"; schema: MessageSchema }
  /** an embedded Go struct (`json:",inline"`): its fields land in the enclosing JSON object */
  | { kind: "inline"; schema: MessageSchema }
  | { kind: "list"; element: FieldType }
  /** map<string, V>: repeated entry messages {1 key, 2 value} */
  | { kind: "map"; value: FieldType };

export interface FieldSpec {
  /** JSON name; empty for inline fields */
  name: string;
  type: FieldType;
}

export interface MessageSchema {
  name: string;
  fields: ReadonlyMap<number, FieldSpec>;
}

type FieldEntry = readonly [name: string, type: FieldType] | { kind: "inline"; schema: MessageSchema };

export function message(name: string, fields: Record<number, FieldEntry>): MessageSchema {
  const table = new Map<number, FieldSpec>();
  for (const [number, entry] of Object.entries(fields)) {
    table.set(Number(number), Array.isArray(entry) ? { name: entry[0], type: entry[1] } : { name: "", type: entry as FieldType });
  }
  return { name, fields: table };
}

const scalar = (kind: ScalarKind, presence: Presence = "omitempty"): FieldType => ({ kind, presence });

export const str = scalar("string");
export const bool = scalar("bool");
export const i32 = scalar("int32");
export const i64 = scalar("int64");
export const bytes: FieldType = { kind: "bytes" };
export const rawBytes: FieldType = { kind: "rawBytes" };
export const time: FieldType = { kind: "time" };
export const microTime: FieldType = { kind: "microTime" };
export const quantity: FieldType = { kind: "quantity" };
export const intOrString: FieldType = { kind: "intOrString" };

/** A scalar whose JSON tag has no omitempty: present even when zero. */
export function always(type: FieldType): FieldType {
  if (!isScalar(type)) throw new Error(`always() takes a scalar, got ${type.kind}`);
  return { kind: type.kind, presence: "always" };
}

/** A Go pointer scalar: present exactly when written. */
export function ptr(type: FieldType): FieldType {
  if (!isScalar(type)) throw new Error(`ptr() takes a scalar, got ${type.kind}`);
  return { kind: type.kind, presence: "pointer" };
}

export const msg = (schema: MessageSchema): FieldType => ({ kind: "message", schema });
export const inline = (schema: MessageSchema): { kind: "inline"; schema: MessageSchema } => ({ kind: "inline", schema });
export const list = (element: FieldType): FieldType => ({ kind: "list", element });
export const map = (value: FieldType): FieldType => ({ kind: "map", value });

export function isScalar(type: FieldType): type is { kind: ScalarKind; presence: Presence } {
  return type.kind === "string" || type.kind === "bool" || type.kind === "int32" || type.kind === "int64";
}
