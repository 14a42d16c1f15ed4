import { describe, expect, it } from "vitest";
import type { FieldError, KubeObject } from "../api/types.ts";
import { invalidStatusMessage, renderFieldError } from "../api/field-errors.ts";
import { StatusError } from "../api/status.ts";
import { nameIsDNSSubdomain, validateObjectMeta } from "../api/validation.ts";
import { secretDefinition } from "./secret.ts";

const strategy = secretDefinition.strategy;
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

function secret(name: string, fields: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: "v1", kind: "Secret", metadata: { name, namespace: "default" }, ...fields };
}

/** What the REST layer does on create: defaults, prepare, ObjectMeta, then the kind's checks. */
function createErrors(obj: KubeObject): FieldError[] {
  strategy.defaults?.(obj);
  strategy.prepare?.(obj);
  const validateName = strategy.validateName ?? nameIsDNSSubdomain;
  return [...validateObjectMeta(obj.metadata, { namespaced: true, validateName }), ...(strategy.validate?.(obj) ?? [])];
}

function createMessage(obj: KubeObject): string {
  return invalidStatusMessage("Secret", obj.metadata.name ?? "", createErrors(obj));
}

function updateErrors(next: KubeObject, old: KubeObject): string[] {
  strategy.defaults?.(next);
  strategy.prepare?.(next, old);
  return (strategy.validate?.(next, old) ?? []).map(renderFieldError);
}

describe("Secret defaults and decoding", () => {
  it("defaults the type to Opaque", () => {
    const obj = secret("plain");
    expect(createErrors(obj)).toEqual([]);
    expect(obj.type).toBe("Opaque");
  });

  it("merges stringData over data and drops it", () => {
    const obj = secret("mixed", { data: { a: b64("old"), b: b64("kept") }, stringData: { a: "new", c: "ç" } });
    expect(createErrors(obj)).toEqual([]);
    expect(obj.stringData).toBeUndefined();
    expect(obj.data).toEqual({ a: b64("new"), b: b64("kept"), c: b64("ç") });
  });

  it("re-encodes data canonically, as Go's decode/encode round trip does", () => {
    const obj = secret("wrapped", { data: { k: "YWJj\nZGVm" } });
    strategy.prepare?.(obj);
    expect(obj.data).toEqual({ k: "YWJjZGVm" });
  });

  it("refuses data that is not base64 with the apiserver's decode error", () => {
    const obj = secret("bad", { data: { k: "abc!" } });
    let thrown: unknown;
    try {
      strategy.prepare?.(obj);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StatusError);
    expect((thrown as StatusError).code).toBe(400);
    expect((thrown as StatusError).reason).toBe("BadRequest");
    expect((thrown as StatusError).message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
  });
});

describe("Secret validation", () => {
  it("requires .dockerconfigjson for kubernetes.io/dockerconfigjson", () => {
    const obj = secret("nodata", { type: "kubernetes.io/dockerconfigjson" });
    expect(createMessage(obj)).toBe('Secret "nodata" is invalid: data[.dockerconfigjson]: Required value');
  });

  it("accepts any JSON object as .dockerconfigjson, with or without auths", () => {
    const withAuths = '{"auths":{"quay.io":{"username":"u","password":"p","auth":"dTpw"}}}';
    expect(createErrors(secret("ok", { type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": b64(withAuths) } }))).toEqual([]);
    expect(createErrors(secret("empty", { type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": b64("{}") } }))).toEqual([]);
  });

  it("reports Go's JSON error for a malformed .dockerconfigjson, with the contents redacted", () => {
    const make = (content: string) => secret("bad", { type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": b64(content) } });
    expect(createMessage(make("x"))).toBe(
      'Secret "bad" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'x\' looking for beginning of value',
    );
    expect(createMessage(make(""))).toBe(
      'Secret "bad" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input',
    );
    expect(createMessage(make("[]"))).toBe(
      'Secret "bad" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
  });

  it("applies the same rules to kubernetes.io/dockercfg and .dockercfg", () => {
    expect(createMessage(secret("cfg", { type: "kubernetes.io/dockercfg" }))).toBe('Secret "cfg" is invalid: data[.dockercfg]: Required value');
    expect(createMessage(secret("cfg", { type: "kubernetes.io/dockercfg", data: { ".dockercfg": b64("{") } }))).toBe(
      'Secret "cfg" is invalid: data[.dockercfg]: Invalid value: "<secret contents redacted>": unexpected end of JSON input',
    );
  });

  it("needs username or password for basic-auth", () => {
    expect(createMessage(secret("auth", { type: "kubernetes.io/basic-auth" }))).toBe(
      'Secret "auth" is invalid: [data[username]: Required value, data[password]: Required value]',
    );
    expect(createErrors(secret("auth", { type: "kubernetes.io/basic-auth", data: { password: "" } }))).toEqual([]);
  });

  it("needs a non-empty ssh-privatekey for ssh-auth", () => {
    expect(createMessage(secret("ssh", { type: "kubernetes.io/ssh-auth", data: { "ssh-privatekey": "" } }))).toBe(
      'Secret "ssh" is invalid: data[ssh-privatekey]: Required value',
    );
  });

  it("needs tls.crt and tls.key for kubernetes.io/tls", () => {
    expect(createMessage(secret("cert", { type: "kubernetes.io/tls", data: { "tls.crt": b64("c") } }))).toBe(
      'Secret "cert" is invalid: data[tls.key]: Required value',
    );
  });

  it("needs the service account name annotation for service-account-token", () => {
    expect(createMessage(secret("token", { type: "kubernetes.io/service-account-token" }))).toBe(
      'Secret "token" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value',
    );
  });

  it("applies no rules to Opaque and unknown types", () => {
    expect(createErrors(secret("any", { type: "example.com/custom", data: { whatever: b64("x") } }))).toEqual([]);
  });

  it("checks data keys", () => {
    expect(createMessage(secret("keys", { data: { "a b": b64("x") } }))).toBe(
      'Secret "keys" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\',  or \'KEY_NAME\',  or \'key-name\', regex used for validation is \'[-._a-zA-Z0-9]+\')',
    );
  });

  it("limits the data to 1 MiB", () => {
    const half = Buffer.alloc(512 * 1024, 1).toString("base64");
    expect(createErrors(secret("big", { data: { a: half, b: half } }))).toEqual([]);
    expect(createMessage(secret("big", { data: { a: half, b: half, c: b64("x") } }))).toBe(
      'Secret "big" is invalid: data: Too long: may not be more than 1048576 bytes',
    );
  });

  it("checks built-in finalizer names and the object name", () => {
    expect(createMessage(secret("Bad_Name", { metadata: { name: "Bad_Name", namespace: "default", finalizers: ["cleanup"] } }))).toBe(
      'Secret "Bad_Name" is invalid: [metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\'), metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified]',
    );
  });
});

describe("Secret updates", () => {
  const stored = (fields: Partial<KubeObject> = {}) => {
    const obj = secret("x", { type: "kubernetes.io/tls", data: { "tls.crt": b64("c"), "tls.key": b64("k") }, ...fields });
    createErrors(obj);
    return obj;
  };

  it("keeps the type immutable (a body without type defaults to Opaque)", () => {
    const old = stored();
    expect(updateErrors({ ...structuredClone(old), type: "Opaque" }, old)).toEqual(['type: Invalid value: "Opaque": field is immutable']);
    const { type: _dropped, ...withoutType } = structuredClone(old);
    expect(updateErrors(withoutType as KubeObject, old)).toEqual(['type: Invalid value: "Opaque": field is immutable']);
  });

  it("freezes data once immutable is true", () => {
    const old = stored({ immutable: true });
    expect(updateErrors({ ...structuredClone(old), data: { "tls.crt": b64("c2"), "tls.key": b64("k") } }, old)).toEqual([
      "data: Forbidden: field is immutable when `immutable` is set",
    ]);
    expect(updateErrors({ ...structuredClone(old), immutable: false }, old)).toEqual([
      "immutable: Forbidden: field is immutable when `immutable` is set",
    ]);
    expect(updateErrors({ ...structuredClone(old), metadata: { ...old.metadata, labels: { a: "b" } } }, old)).toEqual([]);
  });

  it("accepts stringData on update as a change of data", () => {
    const old = stored();
    const next: KubeObject = { ...structuredClone(old), stringData: { "tls.key": "k2" } };
    expect(updateErrors(next, old)).toEqual([]);
    expect(next.data).toEqual({ "tls.crt": b64("c"), "tls.key": b64("k2") });
  });
});

describe("Secret table and selectors", () => {
  it("prints NAME TYPE DATA AGE", () => {
    expect(strategy.table.columns.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ["Name", "string", "name", 0],
      ["Type", "string", "", 0],
      ["Data", "string", "", 0],
      ["Age", "string", "", 0],
    ]);
    const obj = secret("testquay", {
      type: "kubernetes.io/dockerconfigjson",
      data: { ".dockerconfigjson": b64("{}") },
    });
    obj.metadata.creationTimestamp = "2024-05-01T10:00:00Z";
    expect(strategy.table.row(obj, new Date("2024-05-01T10:01:00Z"))).toEqual(["testquay", "kubernetes.io/dockerconfigjson", 1, "60s"]);
    expect(strategy.table.row(secret("new"), new Date())).toEqual(["new", "", 0, "<unknown>"]);
  });

  it("selects by type", () => {
    expect(strategy.fieldSelectors?.type?.(secret("a", { type: "kubernetes.io/tls" }))).toBe("kubernetes.io/tls");
    expect(strategy.fieldSelectors?.type?.({ metadata: {} })).toBe("");
  });

  it("is served as core v1 secrets without short names", () => {
    expect(secretDefinition).toMatchObject({ group: "", version: "v1", resource: "secrets", namespaced: true, subresources: [] });
    expect(secretDefinition.shortNames).toBeUndefined();
    expect(strategy.allowUnconditionalUpdate).toBe(true);
  });
});
