import protobuf from "protobufjs/minimal.js";
import type { Long, Reader } from "protobufjs/minimal.js";
import { ProtobufDecodeError } from "./errors.ts";
import { isScalar } from "./schema.ts";
import type { FieldSpec, FieldType, MessageSchema } from "./schema.ts";
import type { JsonObject } from "../json-values.ts";

/**
 * Reads protobuf bytes into the JSON form of a Kubernetes object, driven by the message tables of schema.ts.
 * Fields a table does not list are skipped, so newer clients sending newer fields still decode.
 */

const { Reader: ProtoReader } = protobuf;

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

/** Reads one message; a field that appears again overwrites (scalars), appends (lists, maps) or merges (messages). */
export function decodeMessage(bytes: Uint8Array, schema: MessageSchema, into: JsonObject = {}): JsonObject {
  const reader = ProtoReader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const wireType = tag & 7;
    const spec = schema.fields.get(tag >>> 3);
    if (spec) readField(reader, wireType, spec, schema, into);
    else reader.skipType(wireType);
  }
  fillAlwaysPresent(schema, into);
  return into;
}

function readField(reader: Reader, wireType: number, spec: FieldSpec, schema: MessageSchema, into: JsonObject): void {
  const { name, type } = spec;
  if (type.kind === "list") {
    const items = listOf(into, name);
    if (wireType === WIRE_LENGTH_DELIMITED && wireTypeOf(type.element) === WIRE_VARINT) {
      // a packed list of numbers or bools
      const packed = ProtoReader.create(reader.bytes());
      while (packed.pos < packed.len) items.push(readValue(packed, type.element));
      return;
    }
    expectWireType(wireType, type.element, spec, schema);
    const value = readValue(reader, type.element);
    if (value !== undefined) items.push(value);
    return;
  }
  expectWireType(wireType, type, spec, schema);
  switch (type.kind) {
    case "inline":
      decodeMessage(reader.bytes(), type.schema, into);
      return;
    case "message": {
      const existing = into[name];
      const target = isObject(existing) ? existing : {};
      into[name] = decodeMessage(reader.bytes(), type.schema, target);
      return;
    }
    case "map": {
      const [key, value] = readMapEntry(reader.bytes(), type.value, spec, schema);
      mapOf(into, name)[key] = value;
      return;
    }
    default: {
      const value = readValue(reader, type);
      if (value === undefined || (isScalar(type) && type.presence === "omitempty" && isZero(value)) || (type.kind === "bytes" && value === "")) {
        delete into[name];
      } else {
        into[name] = value;
      }
    }
  }
}

function readValue(reader: Reader, type: FieldType): unknown {
  switch (type.kind) {
    case "string":
      return reader.string();
    case "bool":
      return reader.bool();
    case "int32":
      return reader.int32();
    case "int64":
      return longToNumber(reader.int64());
    case "bytes":
      return Buffer.from(reader.bytes()).toString("base64");
    case "rawBytes":
      return reader.bytes();
    case "time":
      return decodeTime(reader.bytes(), false);
    case "microTime":
      return decodeTime(reader.bytes(), true);
    case "quantity":
      return decodeQuantity(reader.bytes());
    case "intOrString":
      return decodeIntOrString(reader.bytes());
    case "message":
      return decodeMessage(reader.bytes(), type.schema);
    case "inline":
    case "list":
    case "map":
      throw new ProtobufDecodeError(`unsupported nested ${type.kind}`);
  }
}

function wireTypeOf(type: FieldType): number {
  return type.kind === "bool" || type.kind === "int32" || type.kind === "int64" ? WIRE_VARINT : WIRE_LENGTH_DELIMITED;
}

function expectWireType(wireType: number, type: FieldType, spec: FieldSpec, schema: MessageSchema): void {
  if (wireType !== wireTypeOf(type)) {
    // gogo-protobuf's generated Unmarshal wording
    throw new ProtobufDecodeError(`proto: wrong wireType = ${wireType} for field ${spec.name || "(inline)"} in ${schema.name}`);
  }
}

/** JSON tags without omitempty: encoding/json writes the zero value, so the decoded object has it too. */
function fillAlwaysPresent(schema: MessageSchema, into: JsonObject): void {
  for (const { name, type } of schema.fields.values()) {
    if (type.kind === "inline") fillAlwaysPresent(type.schema, into);
    else if (isScalar(type) && type.presence === "always" && !(name in into)) into[name] = zeroOf(type);
  }
}

function zeroOf(type: FieldType): unknown {
  switch (type.kind) {
    case "string":
    case "bytes":
      return "";
    case "bool":
      return false;
    case "int32":
    case "int64":
      return 0;
    case "quantity":
      return "0";
    case "message":
      return {};
    default:
      return undefined;
  }
}

function isZero(value: unknown): boolean {
  return value === "" || value === 0 || value === false;
}

/** A map entry is a message {1: key, 2: value}; either may be absent, meaning the zero value. */
function readMapEntry(bytes: Uint8Array, valueType: FieldType, spec: FieldSpec, schema: MessageSchema): [string, unknown] {
  const reader = ProtoReader.create(bytes);
  let key = "";
  let value = zeroOf(valueType);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const fieldNumber = tag >>> 3;
    const wireType = tag & 7;
    const expected = fieldNumber === 1 ? WIRE_LENGTH_DELIMITED : fieldNumber === 2 ? wireTypeOf(valueType) : undefined;
    if (expected === undefined) {
      reader.skipType(wireType);
      continue;
    }
    if (wireType !== expected) {
      throw new ProtobufDecodeError(`proto: wrong wireType = ${wireType} for map entry field ${fieldNumber} of ${spec.name} in ${schema.name}`);
    }
    if (fieldNumber === 1) key = reader.string();
    else value = readValue(reader, valueType);
  }
  return [key, value];
}

/**
 * metav1.Time / MicroTime {1 seconds, 2 nanos}: an empty message is the zero time (gogo writes zero times that way),
 * which JSON renders as null, so it is left out. Otherwise RFC3339 in UTC: seconds precision for Time
 * (metav1.Time.MarshalJSON), microseconds for MicroTime (RFC3339Micro).
 */
function decodeTime(bytes: Uint8Array, micro: boolean): string | undefined {
  if (bytes.length === 0) return undefined;
  const reader = ProtoReader.create(bytes);
  let seconds = 0;
  let nanos = 0;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag === ((1 << 3) | WIRE_VARINT)) seconds = longToNumber(reader.int64());
    else if (tag === ((2 << 3) | WIRE_VARINT)) nanos = reader.int32();
    else reader.skipType(tag & 7);
  }
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) throw new ProtobufDecodeError(`time out of range: ${seconds} seconds`);
  const fraction = micro ? `.${String(Math.floor(nanos / 1000)).padStart(6, "0")}` : "";
  return date.toISOString().replace(/\.\d{3}Z$/, `${fraction}Z`);
}

/** resource.Quantity {1 string}: the canonical string, which is also its JSON form ("0" for the zero quantity). */
function decodeQuantity(bytes: Uint8Array): string {
  const reader = ProtoReader.create(bytes);
  let value = "";
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag === ((1 << 3) | WIRE_LENGTH_DELIMITED)) value = reader.string();
    else reader.skipType(tag & 7);
  }
  return value === "" ? "0" : value;
}

/** intstr.IntOrString {1 type (0 Int, 1 String), 2 intVal, 3 strVal} → a JSON number or string. */
function decodeIntOrString(bytes: Uint8Array): number | string {
  const reader = ProtoReader.create(bytes);
  let kind = 0;
  let intVal = 0;
  let strVal = "";
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag === ((1 << 3) | WIRE_VARINT)) kind = longToNumber(reader.int64());
    else if (tag === ((2 << 3) | WIRE_VARINT)) intVal = reader.int32();
    else if (tag === ((3 << 3) | WIRE_LENGTH_DELIMITED)) strVal = reader.string();
    else reader.skipType(tag & 7);
  }
  return kind === 1 ? strVal : intVal;
}

/** A decoded message or map so far (bytes fields hold a Uint8Array until the end). */
function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function listOf(into: JsonObject, name: string): unknown[] {
  const existing = into[name];
  if (Array.isArray(existing)) return existing;
  const items: unknown[] = [];
  into[name] = items;
  return items;
}

function mapOf(into: JsonObject, name: string): JsonObject {
  const existing = into[name];
  if (isObject(existing)) return existing;
  const entries: JsonObject = {};
  into[name] = entries;
  return entries;
}

/** protobufjs hands out Long objects (signed high, unsigned low 32 bits) for int64 when `long` is installed. */
function longToNumber(value: number | Long): number {
  return typeof value === "number" ? value : value.high * 0x1_0000_0000 + (value.low >>> 0);
}
