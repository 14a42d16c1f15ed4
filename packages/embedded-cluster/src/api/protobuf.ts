import protobuf from "protobufjs/minimal.js";
import type { Long, Reader } from "protobufjs/minimal.js";
import type { KubeObject } from "./types.ts";

/**
 * Decodes the Kubernetes protobuf request bodies that kubectl ≥1.32 sends for typed `kubectl create secret|configmap|
 * namespace|serviceaccount` (client-go "Use protobuf for core clients").
 *
 * Envelope (apimachinery pkg/runtime/serializer/protobuf/protobuf.go, pkg/runtime/generated.proto):
 *   "k8s\0" + runtime.Unknown{1: TypeMeta{1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding, 4: contentType}
 * `raw` is the typed message; field numbers below are those of k8s.io/api core/v1/generated.proto and
 * k8s.io/apimachinery pkg/apis/meta/v1/generated.proto.
 *
 * The result is the object as its JSON form would be. gogo-protobuf writes plain (non-pointer) fields even when they
 * hold zero values, so "" strings and 0 numbers in such fields count as unset; optional (pointer) fields such as
 * `immutable` keep a written `false`.
 */

const { Reader: ProtoReader } = protobuf;

/** protoEncodingPrefix in apimachinery pkg/runtime/serializer/protobuf/protobuf.go. */
const PROTO_PREFIX = [0x6b, 0x38, 0x73, 0x00];

export class ProtobufDecodeError extends Error {
  constructor(
    message: string,
    /** The kind named by the envelope, when the failure is about an unsupported kind. */
    readonly kind?: string,
    readonly apiVersion?: string,
  ) {
    super(message);
    this.name = "ProtobufDecodeError";
  }
}

/** Kind and version to assume when the envelope leaves them empty (upstream copyKindDefaults). */
export interface ProtobufKindDefaults {
  apiVersion?: string;
  kind?: string;
}

export function decodeKubernetesProtobuf(body: Uint8Array, defaults: ProtobufKindDefaults = {}): KubeObject {
  if (body.length === 0) throw new ProtobufDecodeError("empty data");
  if (body.length < PROTO_PREFIX.length || PROTO_PREFIX.some((byte, i) => body[i] !== byte)) {
    throw new ProtobufDecodeError(
      `provided data does not appear to be a protobuf message, expected prefix [${PROTO_PREFIX.join(" ")}]`,
    );
  }
  if (body.length === PROTO_PREFIX.length) throw new ProtobufDecodeError("empty body");

  try {
    const envelope = decodeMessage(body.subarray(PROTO_PREFIX.length), UNKNOWN);
    const typeMeta = (envelope.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
    const apiVersion = typeMeta.apiVersion || defaults.apiVersion || "";
    const kind = typeMeta.kind || defaults.kind || "";
    const schema = apiVersion === "v1" ? CORE_V1_KINDS.get(kind) : undefined;
    if (!schema) {
      throw new ProtobufDecodeError(
        `no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)}: protobuf bodies are ` +
          `supported for ${[...CORE_V1_KINDS.keys()].join(", ")} (v1) only; send application/json instead`,
        kind,
        apiVersion,
      );
    }
    const raw = envelope.raw instanceof Uint8Array ? envelope.raw : new Uint8Array();
    const { metadata, ...rest } = decodeMessage(raw, schema);
    return { apiVersion, kind, metadata: (metadata as KubeObject["metadata"] | undefined) ?? {}, ...rest };
  } catch (error) {
    if (error instanceof ProtobufDecodeError) throw error;
    // protobufjs reports truncated input as RangeError("index out of range: …").
    throw new ProtobufDecodeError(`unable to decode protobuf body: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas: field number → JSON name and how to read it.
// ---------------------------------------------------------------------------------------------------------------

type FieldType =
  /** string; "" is unset unless `keepEmpty` (fields whose JSON tag has no omitempty: always present, "" by default) */
  | { type: "string"; keepEmpty?: boolean }
  /** raw bytes, kept as a Uint8Array (only the envelope's `raw`) */
  | { type: "rawBytes" }
  /** optional (pointer) bool: kept when written, even false */
  | { type: "bool" }
  /** int64; 0 is unset unless `pointer` (an optional field that was written) */
  | { type: "int64"; pointer?: boolean }
  /** metav1.Time {1 seconds, 2 nanos} → RFC3339 with second precision, as metav1.Time marshals to JSON */
  | { type: "time" }
  | { type: "message"; schema: MessageSchema }
  | { type: "repeatedMessage"; schema: MessageSchema }
  | { type: "repeatedString" }
  /** map<string,string> */
  | { type: "stringMap" }
  /** map<string,bytes> → base64 strings, as []byte marshals to JSON */
  | { type: "bytesMap" }
  /** a field this decoder reads past on purpose (managedFields, selfLink) */
  | { type: "ignored" };

type FieldSpec = FieldType & { name: string };

interface MessageSchema {
  name: string;
  fields: ReadonlyMap<number, FieldSpec>;
}

function schema(name: string, fields: Record<number, FieldSpec>): MessageSchema {
  return { name, fields: new Map(Object.entries(fields).map(([number, spec]) => [Number(number), spec])) };
}

const str = (name: string, keepEmpty = false): FieldSpec => ({ name, type: "string", keepEmpty });

// apimachinery pkg/runtime/generated.proto
const TYPE_META = schema("TypeMeta", { 1: str("apiVersion"), 2: str("kind") });
const UNKNOWN = schema("Unknown", {
  1: { name: "typeMeta", type: "message", schema: TYPE_META },
  2: { name: "raw", type: "rawBytes" },
  3: str("contentEncoding"),
  4: str("contentType"),
});

// apimachinery pkg/apis/meta/v1/generated.proto
const OWNER_REFERENCE = schema("OwnerReference", {
  5: str("apiVersion", true),
  1: str("kind", true),
  3: str("name", true),
  4: str("uid", true),
  6: { name: "controller", type: "bool" },
  7: { name: "blockOwnerDeletion", type: "bool" },
});

const OBJECT_META = schema("ObjectMeta", {
  1: str("name"),
  2: str("generateName"),
  3: str("namespace"),
  4: { name: "selfLink", type: "ignored" },
  5: str("uid"),
  6: str("resourceVersion"),
  7: { name: "generation", type: "int64" },
  8: { name: "creationTimestamp", type: "time" },
  9: { name: "deletionTimestamp", type: "time" },
  10: { name: "deletionGracePeriodSeconds", type: "int64", pointer: true },
  11: { name: "labels", type: "stringMap" },
  12: { name: "annotations", type: "stringMap" },
  13: { name: "ownerReferences", type: "repeatedMessage", schema: OWNER_REFERENCE },
  14: { name: "finalizers", type: "repeatedString" },
  17: { name: "managedFields", type: "ignored" },
});

const metadata: FieldSpec = { name: "metadata", type: "message", schema: OBJECT_META };

// k8s.io/api core/v1/generated.proto
const LOCAL_OBJECT_REFERENCE = schema("LocalObjectReference", { 1: str("name") });

const OBJECT_REFERENCE = schema("ObjectReference", {
  1: str("kind"),
  2: str("namespace"),
  3: str("name"),
  4: str("uid"),
  5: str("apiVersion"),
  6: str("resourceVersion"),
  7: str("fieldPath"),
});

const SECRET = schema("Secret", {
  1: metadata,
  2: { name: "data", type: "bytesMap" },
  3: str("type"),
  4: { name: "stringData", type: "stringMap" },
  5: { name: "immutable", type: "bool" },
});

const CONFIG_MAP = schema("ConfigMap", {
  1: metadata,
  2: { name: "data", type: "stringMap" },
  3: { name: "binaryData", type: "bytesMap" },
  4: { name: "immutable", type: "bool" },
});

const NAMESPACE_CONDITION = schema("NamespaceCondition", {
  1: str("type"),
  2: str("status"),
  4: { name: "lastTransitionTime", type: "time" },
  5: str("reason"),
  6: str("message"),
});

const NAMESPACE = schema("Namespace", {
  1: metadata,
  2: { name: "spec", type: "message", schema: schema("NamespaceSpec", { 1: { name: "finalizers", type: "repeatedString" } }) },
  3: {
    name: "status",
    type: "message",
    schema: schema("NamespaceStatus", {
      1: str("phase"),
      2: { name: "conditions", type: "repeatedMessage", schema: NAMESPACE_CONDITION },
    }),
  },
});

const SERVICE_ACCOUNT = schema("ServiceAccount", {
  1: metadata,
  2: { name: "secrets", type: "repeatedMessage", schema: OBJECT_REFERENCE },
  3: { name: "imagePullSecrets", type: "repeatedMessage", schema: LOCAL_OBJECT_REFERENCE },
  4: { name: "automountServiceAccountToken", type: "bool" },
});

const CORE_V1_KINDS: ReadonlyMap<string, MessageSchema> = new Map([
  ["Secret", SECRET],
  ["ConfigMap", CONFIG_MAP],
  ["Namespace", NAMESPACE],
  ["ServiceAccount", SERVICE_ACCOUNT],
]);

// ---------------------------------------------------------------------------------------------------------------
// Wire format
// ---------------------------------------------------------------------------------------------------------------

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

function expectedWireType(spec: FieldSpec): number | undefined {
  switch (spec.type) {
    case "bool":
    case "int64":
      return WIRE_VARINT;
    case "ignored":
      return undefined;
    default:
      return WIRE_LENGTH_DELIMITED;
  }
}

/** Reads one message; a field that appears again overwrites (scalars), appends (lists, maps) or merges (messages). */
function decodeMessage(bytes: Uint8Array, messageSchema: MessageSchema, into: Record<string, unknown> = {}): Record<string, unknown> {
  const reader = ProtoReader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const fieldNumber = tag >>> 3;
    const wireType = tag & 7;
    const spec = messageSchema.fields.get(fieldNumber);
    const expected = spec ? expectedWireType(spec) : undefined;
    if (!spec || expected === undefined) {
      reader.skipType(wireType);
      continue;
    }
    if (wireType !== expected) {
      // gogo-protobuf's generated Unmarshal wording
      throw new ProtobufDecodeError(`proto: wrong wireType = ${wireType} for field ${spec.name} in ${messageSchema.name}`);
    }
    readField(reader, spec, into);
  }
  for (const spec of messageSchema.fields.values()) {
    if (spec.type === "string" && spec.keepEmpty && !(spec.name in into)) into[spec.name] = "";
  }
  return into;
}

function readField(reader: Reader, spec: FieldSpec, into: Record<string, unknown>): void {
  switch (spec.type) {
    case "string": {
      const value = reader.string();
      if (value !== "" || spec.keepEmpty) into[spec.name] = value;
      else delete into[spec.name];
      return;
    }
    case "rawBytes":
      into[spec.name] = reader.bytes();
      return;
    case "bool":
      into[spec.name] = reader.bool();
      return;
    case "int64": {
      const value = longToNumber(reader.int64());
      if (value !== 0 || spec.pointer) into[spec.name] = value;
      else delete into[spec.name];
      return;
    }
    case "time": {
      const value = decodeTime(reader.bytes());
      if (value !== undefined) into[spec.name] = value;
      else delete into[spec.name];
      return;
    }
    case "message": {
      const existing = into[spec.name];
      const target = typeof existing === "object" && existing !== null ? (existing as Record<string, unknown>) : {};
      into[spec.name] = decodeMessage(reader.bytes(), spec.schema, target);
      return;
    }
    case "repeatedMessage":
      listOf(into, spec.name).push(decodeMessage(reader.bytes(), spec.schema));
      return;
    case "repeatedString":
      listOf(into, spec.name).push(reader.string());
      return;
    case "stringMap": {
      const [key, value] = decodeMapEntry(reader.bytes());
      mapOf(into, spec.name)[key] = Buffer.from(value).toString("utf8");
      return;
    }
    case "bytesMap": {
      const [key, value] = decodeMapEntry(reader.bytes());
      mapOf(into, spec.name)[key] = Buffer.from(value).toString("base64");
      return;
    }
    case "ignored":
      return;
  }
}

function listOf(into: Record<string, unknown>, name: string): unknown[] {
  const existing = into[name];
  if (Array.isArray(existing)) return existing;
  const list: unknown[] = [];
  into[name] = list;
  return list;
}

function mapOf(into: Record<string, unknown>, name: string): Record<string, string> {
  const existing = into[name];
  if (typeof existing === "object" && existing !== null && !Array.isArray(existing)) return existing as Record<string, string>;
  const map: Record<string, string> = {};
  into[name] = map;
  return map;
}

/** A map entry is a message {1: key, 2: value}; either may be absent, meaning "" / empty bytes. */
function decodeMapEntry(bytes: Uint8Array): [string, Uint8Array] {
  const reader = ProtoReader.create(bytes);
  let key = "";
  let value: Uint8Array = new Uint8Array();
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const fieldNumber = tag >>> 3;
    const wireType = tag & 7;
    if ((fieldNumber === 1 || fieldNumber === 2) && wireType !== WIRE_LENGTH_DELIMITED) {
      throw new ProtobufDecodeError(`proto: wrong wireType = ${wireType} for map entry field ${fieldNumber}`);
    }
    if (fieldNumber === 1) key = reader.string();
    else if (fieldNumber === 2) value = reader.bytes();
    else reader.skipType(wireType);
  }
  return [key, value];
}

/**
 * metav1.Time: an empty message is the zero time (gogo writes zero times that way), which JSON renders as null,
 * so it is left out. Otherwise RFC3339 in UTC, seconds precision (metav1.Time.MarshalJSON).
 */
function decodeTime(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return undefined;
  const reader = ProtoReader.create(bytes);
  let seconds = 0;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === WIRE_VARINT) seconds = longToNumber(reader.int64());
    else reader.skipType(tag & 7);
  }
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) throw new ProtobufDecodeError(`time out of range: ${seconds} seconds`);
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** protobufjs hands out Long objects (signed high, unsigned low 32 bits) for int64 when `long` is installed. */
function longToNumber(value: number | Long): number {
  return typeof value === "number" ? value : value.high * 0x1_0000_0000 + (value.low >>> 0);
}
