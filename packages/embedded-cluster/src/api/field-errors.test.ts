import { describe, expect, it } from "vitest";
import { fieldError, fieldErrorCause, invalidStatusMessage, renderFieldError } from "./field-errors.ts";

const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe("renderFieldError", () => {
  it("renders each error type as field.Error.Error() does", () => {
    expect(renderFieldError(fieldError.required("data[.dockerconfigjson]"))).toBe("data[.dockerconfigjson]: Required value");
    expect(renderFieldError(fieldError.required("metadata.name", "name or generateName is required"))).toBe(
      "metadata.name: Required value: name or generateName is required",
    );
    expect(renderFieldError(fieldError.invalid("metadata.name", "Bad_Name", SUBDOMAIN_MESSAGE))).toBe(
      `metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN_MESSAGE}`,
    );
    expect(renderFieldError(fieldError.invalid("type", "x", "field is immutable"))).toBe('type: Invalid value: "x": field is immutable');
    expect(renderFieldError(fieldError.forbidden("metadata.namespace", "not allowed on this type"))).toBe(
      "metadata.namespace: Forbidden: not allowed on this type",
    );
    expect(renderFieldError(fieldError.notSupported("spec.scope", "x", ["Cluster", "Namespaced"]))).toBe(
      'spec.scope: Unsupported value: "x": supported values: "Cluster", "Namespaced"',
    );
    expect(renderFieldError(fieldError.notFound("spec.serviceAccountName", "robot"))).toBe('spec.serviceAccountName: Not found: "robot"');
    expect(renderFieldError(fieldError.duplicate("spec.containers[1].name", "c"))).toBe('spec.containers[1].name: Duplicate value: "c"');
    expect(renderFieldError(fieldError.tooMany("spec.items", 5, 3))).toBe("spec.items: Too many: 5: must have at most 3 items");
    expect(renderFieldError(fieldError.tooMany("spec.items", -1, 3))).toBe("spec.items: Too many: must have at most 3 items");
  });

  it("uses the v1.32 TooLong wording and never shows the value", () => {
    expect(renderFieldError(fieldError.tooLong("data", 1048576))).toBe("data: Too long: may not be more than 1048576 bytes");
    expect(renderFieldError(fieldError.tooLong("metadata.annotations", 262144))).toBe(
      "metadata.annotations: Too long: may not be more than 262144 bytes",
    );
    expect(renderFieldError(fieldError.tooLong("[]", 1048576))).toBe("[]: Too long: may not be more than 1048576 bytes");
    expect(renderFieldError({ ...fieldError.tooLong("x", 1), value: "secret" })).toBe("x: Too long: may not be more than 1 byte");
  });

  it("prints values the way Go's fmt does", () => {
    expect(renderFieldError(fieldError.invalid("metadata.resourceVersion", 0, "must be specified for an update"))).toBe(
      "metadata.resourceVersion: Invalid value: 0: must be specified for an update",
    );
    expect(renderFieldError(fieldError.invalid("data[.dockercfg]", "<secret contents redacted>", "unexpected end of JSON input"))).toBe(
      'data[.dockercfg]: Invalid value: "<secret contents redacted>": unexpected end of JSON input',
    );
    expect(renderFieldError(fieldError.invalid("spec.x", null, "bad"))).toBe("spec.x: Invalid value: null: bad");
    expect(renderFieldError(fieldError.invalid("spec.x", true, "bad"))).toBe("spec.x: Invalid value: true: bad");
    expect(renderFieldError(fieldError.invalid("spec.x", "", ""))).toBe('spec.x: Invalid value: ""');
  });
});

describe("invalidStatusMessage", () => {
  it("prints one error bare", () => {
    expect(invalidStatusMessage("Secret", "nodata", [fieldError.required("data[.dockerconfigjson]")])).toBe(
      'Secret "nodata" is invalid: data[.dockerconfigjson]: Required value',
    );
  });

  it("prints several errors in brackets, without repeats", () => {
    const errors = [fieldError.required("data[username]"), fieldError.required("data[password]"), fieldError.required("data[username]")];
    expect(invalidStatusMessage("Secret", "auth", errors)).toBe(
      'Secret "auth" is invalid: [data[username]: Required value, data[password]: Required value]',
    );
  });

  it("qualifies the kind with a non-core group", () => {
    expect(invalidStatusMessage("CustomResourceDefinition", "rollouts.argoproj.io", [fieldError.tooLong("metadata.annotations", 262144)], "apiextensions.k8s.io")).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "rollouts.argoproj.io" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes',
    );
  });
});

describe("fieldErrorCause", () => {
  it("carries the body without the field, as NewInvalid's causes do", () => {
    expect(fieldErrorCause(fieldError.required("data[.dockerconfigjson]"))).toEqual({
      reason: "FieldValueRequired",
      message: "Required value",
      field: "data[.dockerconfigjson]",
    });
    expect(fieldErrorCause(fieldError.invalid("metadata.name", "Bad_Name", SUBDOMAIN_MESSAGE))).toEqual({
      reason: "FieldValueInvalid",
      message: `Invalid value: "Bad_Name": ${SUBDOMAIN_MESSAGE}`,
      field: "metadata.name",
    });
    expect(fieldErrorCause(fieldError.tooLong("data", 1048576))).toEqual({
      reason: "FieldValueTooLong",
      message: "Too long: may not be more than 1048576 bytes",
      field: "data",
    });
  });

  it("omits an empty field, as StatusCause's omitempty does", () => {
    expect(fieldErrorCause(fieldError.forbidden("", "nope"))).toEqual({ reason: "FieldValueForbidden", message: "Forbidden: nope" });
  });
});
