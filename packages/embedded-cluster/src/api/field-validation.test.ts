import { describe, expect, it } from "vitest";
import { StatusError } from "./status.ts";
import { checkPatchedFields, decodeBodyFields, goJson, parseFieldValidation, patchBodyErrors, warningHeader, type FieldValidation } from "./field-validation.ts";
import { fieldSchemaFor } from "./field-schema/field-schema.ts";

const POD = fieldSchemaFor({ group: "", version: "v1", kind: "Pod" });

function request(directive: FieldValidation) {
  const warnings: string[] = [];
  return { warnings, directive, warn: (m: string) => warnings.push(m) };
}

function refusal(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    if (error instanceof StatusError) return error.toStatus();
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("fieldValidation", () => {
  it("defaults to Warn, and refuses an unknown directive as ValidateCreateOptions does", () => {
    expect(parseFieldValidation(null, "CreateOptions")).toBe("Warn");
    expect(parseFieldValidation("", "PatchOptions")).toBe("Warn");
    expect(parseFieldValidation("Ignore", "UpdateOptions")).toBe("Ignore");
    expect(refusal(() => parseFieldValidation("strict", "CreateOptions"))).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"',
      reason: "Invalid",
      details: {
        group: "meta.k8s.io",
        kind: "CreateOptions",
        causes: [{ reason: "FieldValueNotSupported", message: 'Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"', field: "fieldValidation" }],
      },
      code: 422,
    });
    expect(refusal(() => parseFieldValidation("x", "PatchOptions")).message).toMatch(/^PatchOptions\.meta\.k8s\.io "" is invalid: /);
  });

  it("refuses, warns about, or silently drops unknown fields of a body", () => {
    const text = '{"metadata":{"name":"p"},"spec":{"foo":1,"bar":2}}';
    const describe = () => 'Pod in version "v1" cannot be handled as a Pod';
    expect(refusal(() => decodeBodyFields(text, POD, describe, request("Strict")))).toMatchObject({
      code: 400,
      reason: "BadRequest",
      message: 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo", unknown field "spec.bar"',
    });
    const warn = request("Warn");
    expect(decodeBodyFields(text, POD, describe, warn)).toEqual({ metadata: { name: "p" }, spec: {} });
    expect(warn.warnings).toEqual(['unknown field "spec.foo"', 'unknown field "spec.bar"']);
    const ignore = request("Ignore");
    expect(decodeBodyFields(text, POD, describe, ignore)).toEqual({ metadata: { name: "p" }, spec: {} });
    expect(ignore.warnings).toEqual([]);
  });

  it("refuses a strategic merge patch with the patch itself as the bad value, duplicates first", () => {
    const patchText = '{"spec":{"foo":"x","foo":"y"},"metadata":{"labels":{"a":"1"}}}';
    const patch = JSON.parse(patchText) as unknown;
    const patched = { metadata: { name: "p", labels: { a: "1" } }, spec: { foo: "y", containers: [] } };
    const strict = { ...request("Strict"), patchErrors: patchBodyErrors(patchText) };
    const status = refusal(() => checkPatchedFields("strategic", patch, patched, POD, strict));
    const body = 'Invalid value: "map[metadata:map[labels:map[a:1]] spec:map[foo:y]]": strict decoding error: duplicate field "spec.foo", unknown field "spec.foo"';
    expect(status).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: ` "" is invalid: patch: ${body}`,
      reason: "Invalid",
      details: { causes: [{ reason: "FieldValueInvalid", message: body, field: "patch" }] },
      code: 422,
    });
  });

  it("refuses a merge or JSON patch with the patched document as the bad value", () => {
    const patched = { kind: "Pod", metadata: { name: "<p>" }, spec: { zz: 1 } };
    const status = refusal(() => checkPatchedFields("merge", { spec: { zz: 1 } }, patched, POD, request("Strict")));
    expect(status.message).toBe(
      ' "" is invalid: patch: Invalid value: "{\\"kind\\":\\"Pod\\",\\"metadata\\":{\\"name\\":\\"\\\\u003cp\\\\u003e\\"},\\"spec\\":{\\"zz\\":1}}": strict decoding error: unknown field "spec.zz"',
    );
    const warn = request("Warn");
    expect(checkPatchedFields("json", [], patched, POD, { ...warn, patchErrors: ['duplicate field "x"'] })).toEqual({
      kind: "Pod",
      metadata: { name: "<p>" },
      spec: {},
    });
    expect(warn.warnings).toEqual(['unknown field "spec.zz"']); // a JSON patch's own keys are not checked
  });

  it("writes JSON as encoding/json does and warnings as NewWarningHeader does", () => {
    expect(goJson({ b: [1, "x&y"], a: null, c: { "\u2028": true } })).toBe('{"a":null,"b":[1,"x\\u0026y"],"c":{"\\u2028":true}}');
    expect(warningHeader('unknown field "spec.foo"')).toBe('299 - "unknown field \\"spec.foo\\""');
    expect(warningHeader("a\\b")).toBe('299 - "a\\\\b"');
  });
});
