import { describe, expect, it } from "vitest";
import { formatGoValue, GoValue, goQuote } from "./go-format.ts";

describe("Go value formatting", () => {
  it("quotes strings like strconv.Quote", () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("line\nnext\ttab\r\x07\b\f\v")).toBe('"line\\nnext\\ttab\\r\\a\\b\\f\\v"');
    expect(goQuote("\x00\x1f\x7f")).toBe('"\\x00\\x1f\\x7f"');
    expect(goQuote("\u00a0\u200b")).toBe('"\\u00a0\\u200b"');
    expect(goQuote("héllo 😀 日本")).toBe('"héllo 😀 日本"');
    expect(goQuote("\u{e0001}")).toBe('"\\U000e0001"');
  });

  it("prints numbers as Go ints and float64s", () => {
    expect(formatGoValue(42)).toBe("42");
    expect(formatGoValue(-3)).toBe("-3");
    expect(formatGoValue(1.5)).toBe("1.5");
    expect(formatGoValue(1234567.5)).toBe("1.2345675e+06");
    expect(formatGoValue(0.00001)).toBe("1e-05");
    expect(formatGoValue(0.0001)).toBe("0.0001");
  });

  it("prints string lists as a Go slice literal and GoValue verbatim", () => {
    expect(formatGoValue(["orphan", "foregroundDeletion"])).toBe('[]string{"orphan", "foregroundDeletion"}');
    expect(formatGoValue(new GoValue("2024-01-02 03:04:05 +0000 UTC"))).toBe("2024-01-02 03:04:05 +0000 UTC");
  });
});
