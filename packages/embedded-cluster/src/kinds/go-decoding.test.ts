import { describe, expect, it } from "vitest";
import { goBase64Decode, goUnmarshalIntoMapError } from "./go-decoding.ts";

const unmarshal = (text: string) => goUnmarshalIntoMapError(Buffer.from(text, "utf8"));

describe("goUnmarshalIntoMapError", () => {
  it("accepts any JSON object and null", () => {
    expect(unmarshal('{"auths":{"quay.io":{"username":"u","password":"p","auth":"dTpw"}}}')).toBeUndefined();
    expect(unmarshal("{}")).toBeUndefined();
    expect(unmarshal(' \n\t{ "a" : [1, -2.5e+3, true, false, null, "\\u00e9\\n"] }\r\n')).toBeUndefined();
    expect(unmarshal("null")).toBeUndefined();
  });

  it("reports truncated input", () => {
    expect(unmarshal("")).toBe("unexpected end of JSON input");
    expect(unmarshal("   ")).toBe("unexpected end of JSON input");
    expect(unmarshal('{"auths":')).toBe("unexpected end of JSON input");
    expect(unmarshal('{"a":"b')).toBe("unexpected end of JSON input");
    expect(unmarshal("tr")).toBe("unexpected end of JSON input");
  });

  it("reports syntax errors with Go's scanner wording", () => {
    expect(unmarshal("x")).toBe("invalid character 'x' looking for beginning of value");
    expect(unmarshal("{'a':1}")).toBe("invalid character '\\'' looking for beginning of object key string");
    expect(unmarshal('{"a":1,}')).toBe("invalid character '}' looking for beginning of object key string");
    expect(unmarshal('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(unmarshal('{"a":1 "b":2}')).toBe("invalid character '\"' after object key:value pair");
    expect(unmarshal("[1,]")).toBe("invalid character ']' looking for beginning of value");
    expect(unmarshal("[1 2]")).toBe("invalid character '2' after array element");
    expect(unmarshal("{} {}")).toBe("invalid character '{' after top-level value");
    expect(unmarshal('{"a":tru}')).toBe("invalid character '}' in literal true (expecting 'e')");
    expect(unmarshal('{"a":nul}')).toBe("invalid character '}' in literal null (expecting 'l')");
    expect(unmarshal("-x")).toBe("invalid character 'x' in numeric literal");
    expect(unmarshal("1.x")).toBe("invalid character 'x' after decimal point in numeric literal");
    expect(unmarshal("1ex")).toBe("invalid character 'x' in exponent of numeric literal");
    expect(unmarshal("01")).toBe("invalid character '1' after top-level value");
    expect(unmarshal('"a\nb"')).toBe("invalid character '\\n' in string literal");
    expect(unmarshal('"\\x"')).toBe("invalid character 'x' in string escape code");
    expect(unmarshal('"\\u12g4"')).toBe("invalid character 'g' in \\u hexadecimal character escape");
  });

  it("refuses valid JSON that is not an object", () => {
    expect(unmarshal("[]")).toBe("json: cannot unmarshal array into Go value of type map[string]interface {}");
    expect(unmarshal('"auths"')).toBe("json: cannot unmarshal string into Go value of type map[string]interface {}");
    expect(unmarshal("42")).toBe("json: cannot unmarshal number into Go value of type map[string]interface {}");
    expect(unmarshal("true")).toBe("json: cannot unmarshal bool into Go value of type map[string]interface {}");
  });

  it("checks the syntax of the whole input before the type", () => {
    expect(unmarshal("[1,")).toBe("unexpected end of JSON input");
  });
});

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
