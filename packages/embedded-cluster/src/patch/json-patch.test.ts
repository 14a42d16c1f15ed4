import { describe, expect, it } from "vitest";
import { PatchError } from "./errors.ts";
import { applyJsonPatch } from "./json-patch.ts";

interface Doc {
  metadata: { name: string; labels: Record<string, unknown>; annotations: Record<string, string> };
  data: Record<string, string>;
  list: string[];
  spec?: Record<string, unknown>;
}

function secret(): Doc & Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s", labels: { app: "web" }, annotations: { "example.com/owner": "me", "a~b": "tilde" } },
    data: { k: "dg==" },
    list: ["a", "b", "c"],
  };
}

function caught(run: () => unknown): PatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof PatchError) return error;
    throw error;
  }
  throw new Error("expected a PatchError");
}

describe("applyJsonPatch", () => {
  it.each([
    {
      name: "add a new member",
      ops: [{ op: "add", path: "/metadata/labels/tier", value: "frontend" }],
      check: (doc: Doc) => expect(doc.metadata.labels).toEqual({ app: "web", tier: "frontend" }),
    },
    {
      name: "add to an existing member replaces it",
      ops: [{ op: "add", path: "/metadata/labels/app", value: "api" }],
      check: (doc: Doc) => expect(doc.metadata.labels).toEqual({ app: "api" }),
    },
    {
      name: "add a whole object",
      ops: [{ op: "add", path: "/spec", value: { x: { y: 1 } } }],
      check: (doc: Doc) => expect(doc.spec).toEqual({ x: { y: 1 } }),
    },
    {
      name: "add inserts into an array at an index",
      ops: [{ op: "add", path: "/list/1", value: "x" }],
      check: (doc: Doc) => expect(doc.list).toEqual(["a", "x", "b", "c"]),
    },
    {
      name: "add with - appends to an array",
      ops: [{ op: "add", path: "/list/-", value: "z" }],
      check: (doc: Doc) => expect(doc.list).toEqual(["a", "b", "c", "z"]),
    },
    {
      name: "add at the array's length appends",
      ops: [{ op: "add", path: "/list/3", value: "z" }],
      check: (doc: Doc) => expect(doc.list).toEqual(["a", "b", "c", "z"]),
    },
    {
      name: "negative indices count from the end (evanphx/json-patch)",
      ops: [{ op: "remove", path: "/list/-1" }],
      check: (doc: Doc) => expect(doc.list).toEqual(["a", "b"]),
    },
    {
      name: "remove a member",
      ops: [{ op: "remove", path: "/metadata/labels/app" }],
      check: (doc: Doc) => expect(doc.metadata.labels).toEqual({}),
    },
    {
      name: "remove an array element",
      ops: [{ op: "remove", path: "/list/0" }],
      check: (doc: Doc) => expect(doc.list).toEqual(["b", "c"]),
    },
    {
      name: "replace a member",
      ops: [{ op: "replace", path: "/data/k", value: "bmV3" }],
      check: (doc: Doc) => expect(doc.data).toEqual({ k: "bmV3" }),
    },
    {
      name: "replace an array element",
      ops: [{ op: "replace", path: "/list/2", value: "C" }],
      check: (doc: Doc) => expect(doc.list).toEqual(["a", "b", "C"]),
    },
    {
      name: "~1 and ~0 escape / and ~ in keys",
      ops: [
        { op: "replace", path: "/metadata/annotations/example.com~1owner", value: "you" },
        { op: "remove", path: "/metadata/annotations/a~0b" },
      ],
      check: (doc: Doc) => expect(doc.metadata.annotations).toEqual({ "example.com/owner": "you" }),
    },
    {
      name: "move a member",
      ops: [{ op: "move", from: "/metadata/labels/app", path: "/metadata/labels/name" }],
      check: (doc: Doc) => expect(doc.metadata.labels).toEqual({ name: "web" }),
    },
    {
      name: "copy a value (deep)",
      ops: [
        { op: "copy", from: "/metadata/labels", path: "/spec" },
        { op: "add", path: "/spec/extra", value: 1 },
      ],
      check: (doc: Doc) => {
        expect(doc.spec).toEqual({ app: "web", extra: 1 });
        expect(doc.metadata.labels).toEqual({ app: "web" });
      },
    },
    {
      name: "a passing test lets the next operations run",
      ops: [
        { op: "test", path: "/metadata/labels", value: { app: "web" } },
        { op: "test", path: "/list", value: ["a", "b", "c"] },
        { op: "test", path: "/metadata/labels/missing", value: null },
        { op: "add", path: "/metadata/labels/ok", value: "yes" },
      ],
      check: (doc: Doc) => expect(doc.metadata.labels.ok).toBe("yes"),
    },
  ])("$name", ({ ops, check }) => {
    check(applyJsonPatch(secret(), ops) as Doc);
  });

  it("never mutates its inputs, even when a later operation fails", () => {
    const original = secret();
    const before = structuredClone(original);
    const ops = [
      { op: "add", path: "/metadata/labels/x", value: { deep: true } },
      { op: "remove", path: "/list/0" },
      { op: "test", path: "/metadata/name", value: "other" },
    ];
    expect(() => applyJsonPatch(original, ops)).toThrow(PatchError);
    expect(original).toEqual(before);

    const value = { deep: true };
    const patched = applyJsonPatch(original, [{ op: "add", path: "/spec", value }]) as { spec: { deep: boolean } };
    patched.spec.deep = false;
    expect(value).toEqual({ deep: true });
  });
});

describe("applyJsonPatch errors (evanphx/json-patch v4 messages, 422 in kube-apiserver)", () => {
  it.each([
    {
      ops: [{ op: "test", path: "/metadata/name", value: "other" }],
      message: "testing value /metadata/name failed: test failed",
    },
    {
      ops: [{ op: "test", path: "/metadata/labels/missing", value: "x" }],
      message: "testing value /metadata/labels/missing failed: test failed",
    },
    {
      ops: [{ op: "replace", path: "/metadata/labels/foo", value: "x" }],
      message: "replace operation does not apply: doc is missing key: /metadata/labels/foo: missing value",
    },
    {
      ops: [{ op: "replace", path: "/spec/template/foo", value: "x" }],
      message: "replace operation does not apply: doc is missing path: /spec/template/foo: missing value",
    },
    {
      ops: [{ op: "add", path: "/spec/template/foo", value: "x" }],
      message: 'add operation does not apply: doc is missing path: "/spec/template/foo": missing value',
    },
    {
      ops: [{ op: "remove", path: "/metadata/labels/nope" }],
      message: "error in remove for path: '/metadata/labels/nope': Unable to remove nonexistent key: nope: missing value",
    },
    {
      ops: [{ op: "remove", path: "/list/5" }],
      message: "error in remove for path: '/list/5': Unable to access invalid index: 5: invalid index referenced",
    },
    {
      ops: [{ op: "add", path: "/list/x", value: 1 }],
      message: `error in add for path: '/list/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
    },
    {
      ops: [{ op: "add", path: "/list/9", value: 1 }],
      message: "error in add for path: '/list/9': Unable to access invalid index: 9: invalid index referenced",
    },
    {
      ops: [{ op: "move", from: "/metadata/nope", path: "/x" }],
      message: "error in move for path: 'nope': unable to get nonexistent key: nope: missing value",
    },
    {
      ops: [{ op: "copy", from: "/metadata/nope", path: "/x" }],
      message: "error in copy for from: '/metadata/nope': unable to get nonexistent key: nope: missing value",
    },
    {
      ops: [{ op: "copy", from: "/metadata/name", path: "/spec/nothing/x" }],
      message: "copy operation does not apply: doc is missing destination path: /spec/nothing/x: missing value",
    },
    {
      ops: [{ op: "test", path: "/list/7", value: "a" }],
      message: "error in test for path: '/list/7': Unable to access invalid index: 7: invalid index referenced",
    },
    {
      ops: [{ op: "test", path: "/spec/nothing/x", value: 1 }],
      message: "test operation does not apply: is missing path: /spec/nothing/x: missing value",
    },
    { ops: [{ op: "add", value: 1 }], message: "add operation failed to decode path: missing value" },
    {
      ops: [{ op: "replace", value: 1 }],
      message: "replace operation failed to decode path: operation missing path field: missing value",
    },
    {
      ops: [{ op: "move", path: "/x" }],
      message: "move operation failed to decode from: operation, missing from field: missing value",
    },
    { ops: [{ op: "frobnicate", path: "/x" }], message: "Unexpected kind: frobnicate" },
    { ops: [{ path: "/x" }], message: "Unexpected kind: unknown" },
  ])("$message", ({ ops, message }) => {
    const error = caught(() => applyJsonPatch(secret(), ops));
    expect(error.message).toBe(message);
    expect(error.code).toBe(422);
  });

  it.each([
    [{ op: "add" }, "json: cannot unmarshal object into Go value of type jsonpatch.Patch"],
    [["add"], "json: cannot unmarshal string into Go value of type jsonpatch.Operation"],
  ])("rejects a body that is not a list of operations (400): %j", (ops, message) => {
    const error = caught(() => applyJsonPatch(secret(), ops));
    expect(error.message).toBe(message);
    expect(error.code).toBe(400);
  });
});
