import protobuf from "protobufjs/minimal.js";
import type { Writer } from "protobufjs/minimal.js";
import { describe, expect, it } from "vitest";
import { decodeMessage } from "./decode.ts";
import { ProtobufDecodeError } from "./errors.ts";
import { always, bool, bytes, i32, i64, inline, intOrString, list, map, message, microTime, msg, ptr, quantity, str, time } from "./schema.ts";

type Build = (w: Writer) => void;

function encode(...parts: Build[]): Uint8Array {
  const w = protobuf.Writer.create();
  parts.forEach((part) => part(w));
  return w.finish();
}

const bytesField = (field: number, value: Uint8Array): Build => (w) => void w.uint32((field << 3) | 2).bytes(value);
const stringField = (field: number, value: string): Build => (w) => void w.uint32((field << 3) | 2).string(value);
const messageField = (field: number, ...parts: Build[]): Build => bytesField(field, encode(...parts));
const varintField = (field: number, value: number): Build => (w) => void w.uint32(field << 3).int64(value);
const int32Field = (field: number, value: number): Build => (w) => void w.uint32(field << 3).int32(value);
const boolField = (field: number, value: boolean): Build => (w) => void w.uint32(field << 3).bool(value);

const SCALARS = message("Scalars", {
  1: ["plain", str],
  2: ["required", always(str)],
  3: ["pointer", ptr(str)],
  4: ["count", i32],
  5: ["countAlways", always(i32)],
  6: ["countPointer", ptr(i32)],
  7: ["flag", bool],
  8: ["flagAlways", always(bool)],
  9: ["flagPointer", ptr(bool)],
  10: ["big", i64],
  11: ["blob", bytes],
});

describe("decodeMessage", () => {
  it("drops zero omitempty scalars, keeps written pointer zeros and fills unwritten always-present ones", () => {
    const written = encode(stringField(1, ""), stringField(3, ""), varintField(4, 0), varintField(6, 0), boolField(7, false), boolField(9, false), varintField(10, 0), bytesField(11, new Uint8Array()));
    expect(decodeMessage(written, SCALARS)).toEqual({ required: "", pointer: "", countAlways: 0, countPointer: 0, flagAlways: false, flagPointer: false });
    expect(decodeMessage(new Uint8Array(), SCALARS)).toEqual({ required: "", countAlways: 0, flagAlways: false });
  });

  it("reads set values, negative int32 and int64 beyond 32 bits", () => {
    const body = encode(stringField(1, "a"), stringField(2, "b"), int32Field(4, -7), boolField(7, true), varintField(10, -(2 ** 40)), bytesField(11, Uint8Array.from([1, 2])));
    expect(decodeMessage(body, SCALARS)).toEqual({ plain: "a", required: "b", count: -7, countAlways: 0, flag: true, flagAlways: false, big: -(2 ** 40), blob: "AQI=" });
  });

  it("lets a later occurrence of a scalar win, including a zero that unsets it", () => {
    expect(decodeMessage(encode(stringField(1, "first"), stringField(1, "second")), SCALARS).plain).toBe("second");
    expect(decodeMessage(encode(stringField(1, "first"), stringField(1, "")), SCALARS)).not.toHaveProperty("plain");
  });

  it("renders Time with seconds precision and MicroTime with microseconds, and leaves the zero time out", () => {
    const schema = message("Times", { 1: ["at", time], 2: ["micro", microTime], 3: ["zero", time] });
    const body = encode(
      messageField(1, varintField(1, 1_700_000_000), int32Field(2, 999_999_999)),
      messageField(2, varintField(1, 1_700_000_000), int32Field(2, 123_456_789)),
      messageField(3),
    );
    expect(decodeMessage(body, schema)).toEqual({ at: "2023-11-14T22:13:20Z", micro: "2023-11-14T22:13:20.123456Z" });
  });

  it("reads Quantity as its string and IntOrString as a number or a string", () => {
    const schema = message("Mixed", { 1: ["q", quantity], 2: ["zeroQ", quantity], 3: ["port", intOrString], 4: ["named", intOrString], 5: ["zeroPort", intOrString] });
    const body = encode(
      messageField(1, stringField(1, "500m")),
      messageField(2),
      messageField(3, varintField(1, 0), int32Field(2, 8080), stringField(3, "")),
      messageField(4, varintField(1, 1), int32Field(2, 0), stringField(3, "http")),
      messageField(5),
    );
    expect(decodeMessage(body, schema)).toEqual({ q: "500m", zeroQ: "0", port: 8080, named: "http", zeroPort: 0 });
  });

  it("reads maps of strings, bytes and quantities, an absent key or value meaning the zero value", () => {
    const schema = message("Maps", { 1: ["labels", map(str)], 2: ["data", map(bytes)], 3: ["limits", map(quantity)] });
    const body = encode(
      messageField(1, stringField(1, "a"), stringField(2, "b")),
      messageField(1, stringField(1, "noValue")),
      messageField(1, stringField(2, "noKey")),
      messageField(2, stringField(1, "bin"), bytesField(2, Uint8Array.from([0xff]))),
      messageField(3, stringField(1, "cpu"), messageField(2, stringField(1, "1500m"))),
      messageField(3, stringField(1, "memory")),
    );
    expect(decodeMessage(body, schema)).toEqual({
      labels: { a: "b", noValue: "", "": "noKey" },
      data: { bin: "/w==" },
      limits: { cpu: "1500m", memory: "0" },
    });
  });

  it("reads repeated numbers packed or one by one", () => {
    const schema = message("Groups", { 1: ["ids", list(i64)] });
    const packed = bytesField(1, encode((w) => void w.int64(4000).int64(0).int64(-1)));
    expect(decodeMessage(encode(packed, varintField(1, 7)), schema)).toEqual({ ids: [4000, 0, -1, 7] });
  });

  it("appends repeated messages, merges a message field seen twice and decodes embedded structs into the parent", () => {
    const ref = message("Ref", { 1: ["name", str] });
    const schema = message("Parent", {
      1: ["items", list(msg(ref))],
      2: ["child", msg(message("Child", { 1: ["a", str], 2: ["b", str] }))],
      3: inline(message("Embedded", { 1: ["embedded", str], 2: ["embeddedRequired", always(str)] })),
    });
    const body = encode(messageField(1, stringField(1, "x")), messageField(1), messageField(2, stringField(1, "A")), messageField(2, stringField(2, "B")), messageField(3, stringField(1, "e")));
    expect(decodeMessage(body, schema)).toEqual({ items: [{ name: "x" }, {}], child: { a: "A", b: "B" }, embedded: "e", embeddedRequired: "" });
    // an embedded struct that was never written still shows its always-present fields, as encoding/json does
    expect(decodeMessage(new Uint8Array(), schema)).toEqual({ embeddedRequired: "" });
  });

  it("skips unknown fields of every wire type", () => {
    const body = encode(varintField(50, 1), stringField(51, "x"), (w) => void w.uint32((52 << 3) | 1).fixed64(1), (w) => void w.uint32((53 << 3) | 5).fixed32(1), stringField(1, "kept"));
    expect(decodeMessage(body, SCALARS)).toEqual({ plain: "kept", required: "", countAlways: 0, flagAlways: false });
  });

  it("rejects a field written with the wrong wire type", () => {
    expect(() => decodeMessage(encode(varintField(1, 1)), SCALARS)).toThrow(new ProtobufDecodeError("proto: wrong wireType = 0 for field plain in Scalars"));
    expect(() => decodeMessage(encode(stringField(4, "1")), SCALARS)).toThrow("proto: wrong wireType = 2 for field count in Scalars");
    const maps = message("Maps", { 1: ["labels", map(str)] });
    expect(() => decodeMessage(encode(messageField(1, varintField(2, 1))), maps)).toThrow("proto: wrong wireType = 0 for map entry field 2 of labels in Maps");
  });
});
