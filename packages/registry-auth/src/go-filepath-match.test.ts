import { describe, expect, it } from "vitest";
import { BadPatternError, goFilepathMatch } from "./go-filepath-match.ts";

describe("goFilepathMatch (Go path/filepath.Match on Unix)", () => {
  it.each([
    ["abc", "abc", true],
    ["*", "abc", true],
    ["*c", "abc", true],
    ["a*", "a", true],
    ["a*", "abc", true],
    ["a*", "ab/c", false],
    ["a*/b", "abc/b", true],
    ["a*/b", "a/c/b", false],
    ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
    ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
    ["a*b?c*x", "abxbbxdbxebxczzx", true],
    ["a*b?c*x", "abxbbxdbxebxczzy", false],
    ["ab[c]", "abc", true],
    ["ab[b-d]", "abc", true],
    ["ab[e-g]", "abc", false],
    ["ab[^c]", "abc", false],
    ["ab[^b-d]", "abc", false],
    ["ab[^e-g]", "abc", true],
    ["a\\*b", "a*b", true],
    ["a\\*b", "ab", false],
    ["a?b", "a☺b", true],
    ["a[^a]b", "a☺b", true],
    ["a???b", "a☺b", false],
    ["a?b", "a/b", false],
    ["[\\]a]", "]", true],
    ["[\\-]", "-", true],
    ["[x\\-]", "x", true],
    ["[x\\-]", "-", true],
    ["[x\\-]", "z", false],
    ["*x", "xxx", true],
    ["registry-*", "registry-1", true],
    ["*", "", true],
    ["", "", true],
    ["", "a", false],
  ])("%s ~ %s = %s", (pattern, name, expected) => {
    expect(goFilepathMatch(pattern, name)).toBe(expected);
  });

  it.each([
    ["[", "a"],
    ["[^", "a"],
    ["[^bc", "a"],
    ["a[", "a"],
    ["a[", "x"],
    ["[]a]", "]"],
    ["[-]", "-"],
    ["[x-]", "x"],
    ["[a-b-c]", "a"],
    ["\\", "a"],
    ["a*\\", "ab"],
  ])("%s is a bad pattern", (pattern, name) => {
    expect(() => goFilepathMatch(pattern, name)).toThrow(BadPatternError);
  });
});
