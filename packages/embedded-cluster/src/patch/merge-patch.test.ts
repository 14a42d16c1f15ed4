import { describe, expect, it } from "vitest";
import { PatchError } from "./errors.ts";
import { applyMergePatch } from "./merge-patch.ts";

describe("applyMergePatch", () => {
  // RFC 7386 Appendix A, except the two whose patch is null or a string (see below).
  it.each([
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [["a", "b"], ["c", "d"], ["c", "d"]],
    [{ a: "b" }, ["c"], ["c"]],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])("RFC 7386 example %#", (original, patch, expected) => {
    expect(applyMergePatch(original, patch)).toEqual(expected);
  });

  it("sets and removes labels the way kubectl label/annotate patches do", () => {
    const secret = { kind: "Secret", metadata: { name: "s", labels: { a: "1", b: "2" } }, data: { k: "dg==" } };
    expect(applyMergePatch(secret, { metadata: { labels: { b: null, c: "3" } } })).toEqual({
      kind: "Secret",
      metadata: { name: "s", labels: { a: "1", c: "3" } },
      data: { k: "dg==" },
    });
  });

  it("replaces lists whole, even lists strategic merge would merge", () => {
    const pod = { spec: { containers: [{ name: "a" }, { name: "b" }] } };
    expect(applyMergePatch(pod, { spec: { containers: [{ name: "c" }] } })).toEqual({ spec: { containers: [{ name: "c" }] } });
  });

  it("drops null members of the objects it adds, also inside arrays, but keeps null array elements", () => {
    expect(applyMergePatch({}, { a: [{ b: null, c: 1 }, null] })).toEqual({ a: [{ c: 1 }, null] });
  });

  it.each([null, "bar", 1])("rejects %j as a patch like evanphx/json-patch (Invalid JSON Patch)", (patch) => {
    const error = (() => {
      try {
        applyMergePatch({ a: "foo" }, patch);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PatchError);
    expect((error as PatchError).message).toBe("Invalid JSON Patch");
    expect((error as PatchError).code).toBe(400);
  });

  it("keeps a data key named __proto__ as an ordinary key", () => {
    const patched = applyMergePatch(JSON.parse('{"data":{"a":"YQ=="}}'), JSON.parse('{"data":{"__proto__":"eA=="}}'));
    expect(JSON.stringify(patched)).toBe('{"data":{"a":"YQ==","__proto__":"eA=="}}');
  });

  it("never mutates its inputs", () => {
    const original = Object.freeze({ metadata: Object.freeze({ labels: Object.freeze({ a: "1" }) }) });
    const patch = Object.freeze({ metadata: Object.freeze({ labels: Object.freeze({ a: null, b: "2" }) }) });
    expect(applyMergePatch(original, patch)).toEqual({ metadata: { labels: { b: "2" } } });
    expect(original).toEqual({ metadata: { labels: { a: "1" } } });
  });
});
