import { describe, expect, it } from "vitest";
import { goJsonKind, goJsonSyntaxError } from "./go-json.ts";

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
