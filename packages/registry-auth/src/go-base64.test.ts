import { describe, expect, it } from "vitest";
import { goBase64Decode } from "./go-base64.ts";

describe("goBase64Decode", () => {
  const decoded = (text: string) => {
    const result = goBase64Decode(text);
    return "bytes" in result ? result.bytes.toString("latin1") : result.error;
  };

  it("decodes padded standard base64, skipping newlines", () => {
    expect(decoded("")).toBe("");
    expect(decoded("YWJj")).toBe("abc");
    expect(decoded("YWI=")).toBe("ab");
    expect(decoded("YQ==")).toBe("a");
    expect(decoded("YWJj\nZGVm\r\n")).toBe("abcdef");
  });

  it("reports the first bad byte as Go's CorruptInputError does", () => {
    expect(decoded("abc!")).toBe("illegal base64 data at input byte 3");
    expect(decoded("abc")).toBe("illegal base64 data at input byte 0");
    expect(decoded("YWJjZA")).toBe("illegal base64 data at input byte 4");
    expect(decoded("YQ=")).toBe("illegal base64 data at input byte 3");
    expect(decoded("Y===")).toBe("illegal base64 data at input byte 1");
    expect(decoded("YQ==YQ==")).toBe("illegal base64 data at input byte 4");
    expect(decoded("YWJj-_")).toBe("illegal base64 data at input byte 4");
  });
});

describe("goBase64Decode without padding (RawStdEncoding)", () => {
  const decoded = (text: string) => {
    const result = goBase64Decode(text, false);
    return "bytes" in result ? result.bytes.toString("latin1") : result.error;
  };

  it("decodes a final quantum of 2 or 3 symbols and refuses padding", () => {
    expect(decoded("YWJjZA")).toBe("abcd");
    expect(decoded("YWI")).toBe("ab");
    expect(decoded("Y")).toBe("illegal base64 data at input byte 0");
    expect(decoded("YQ==")).toBe("illegal base64 data at input byte 2");
  });
});
