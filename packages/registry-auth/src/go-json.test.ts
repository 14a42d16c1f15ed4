import { describe, expect, it } from "vitest";
import { goJsonKind, goJsonSyntaxError, goUnmarshalIntoMapError } from "./go-json.ts";

describe("goJsonSyntaxError (Go encoding/json scanner messages)", () => {
  it.each([
    ['{"a":[1,{"b":null}],"c":-1.5e+3}', null],
    [' \t\r\n{}\n', null],
    ["", "unexpected end of JSON input"],
    ["tru", "unexpected end of JSON input"],
    ['{"a":"\\u12G4"}', "invalid character 'G' in \\u hexadecimal character escape"],
    ['{"a":-}', "invalid character '}' in numeric literal"],
    ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"a":1e}', "invalid character '}' in exponent of numeric literal"],
    ["[1 2]", "invalid character '2' after array element"],
    ["[,]", "invalid character ',' looking for beginning of value"],
    ['{"a":nul}', "invalid character '}' in literal null (expecting 'l')"],
    ["falsy", "invalid character 'y' in literal false (expecting 'e')"],
    ["\u00e9", "invalid character 'Ã' looking for beginning of value"],
    ["{\"a\":1}\u0001", "invalid character '\\x01' after top-level value"],
  ])("%j -> %s", (text, message) => {
    expect(goJsonSyntaxError(text)).toBe(message);
  });
});

describe("goJsonKind", () => {
  it.each([
    [{}, "object"],
    [[], "array"],
    ["", "string"],
    [1, "number"],
    [false, "bool"],
    [null, "null"],
  ])("%j -> %s", (value, kind) => {
    expect(goJsonKind(value)).toBe(kind);
  });
});

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

  it("stops at Go's nesting limit (scanner.go maxNestingDepth) without overflowing the stack", () => {
    const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
    expect(unmarshal(nested(10000))).toBe("json: cannot unmarshal array into Go value of type map[string]interface {}");
    expect(unmarshal(nested(10001))).toBe("invalid character '[' exceeded max depth");
    expect(goJsonSyntaxError('{"a":'.repeat(20000))).toBe("invalid character '{' exceeded max depth");
  });
});
