import { describe, expect, it } from "vitest";
import type { FieldError, KubeObject } from "../api/types.ts";
import { invalidStatusMessage, renderFieldError } from "../api/field-errors.ts";
import { StatusError } from "../api/status.ts";
import { nameIsDNSSubdomain, validateObjectMeta } from "../api/validation.ts";
import { configMapDefinition } from "./configmap.ts";

const strategy = configMapDefinition.strategy;
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

function configMap(name: string, fields: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, ...fields };
}

function createErrors(obj: KubeObject): FieldError[] {
  strategy.defaults?.(obj);
  strategy.prepare?.(obj);
  const validateName = strategy.validateName ?? nameIsDNSSubdomain;
  return [...validateObjectMeta(obj.metadata, { namespaced: true, validateName }), ...(strategy.validate?.(obj) ?? [])];
}

const createMessage = (obj: KubeObject) => invalidStatusMessage("ConfigMap", obj.metadata.name ?? "", createErrors(obj));

describe("ConfigMap validation", () => {
  it("accepts data and binaryData", () => {
    expect(createErrors(configMap("cfg", { data: { "app.properties": "a=b" }, binaryData: { "logo.png": b64("\x89PNG") } }))).toEqual([]);
  });

  it("checks keys in both maps and refuses a key present in both", () => {
    expect(createErrors(configMap("cfg", { data: { "a b": "x", same: "1" }, binaryData: { same: b64("2") } })).map(renderFieldError)).toEqual([
      'data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\',  or \'KEY_NAME\',  or \'key-name\', regex used for validation is \'[-._a-zA-Z0-9]+\')',
      'data[same]: Invalid value: "same": duplicate of key present in binaryData',
      'binaryData[same]: Invalid value: "same": duplicate of key present in data',
    ]);
  });

  it("limits data and binaryData together to 1 MiB, reported on the whole object as []", () => {
    const data = { a: "x".repeat(1024 * 1024 - 1) };
    expect(createErrors(configMap("big", { data }))).toEqual([]);
    expect(createMessage(configMap("big", { data, binaryData: { b: b64("yy") } }))).toBe(
      'ConfigMap "big" is invalid: []: Too long: may not be more than 1048576 bytes',
    );
  });

  it("counts UTF-8 bytes of data values", () => {
    expect(createMessage(configMap("utf8", { data: { a: "é".repeat(524289) } }))).toBe(
      'ConfigMap "utf8" is invalid: []: Too long: may not be more than 1048576 bytes',
    );
  });

  it("refuses non-string data values as the decoder does", () => {
    expect(() => strategy.prepare?.(configMap("n", { data: { a: 1 } }))).toThrow(StatusError);
    expect(() => strategy.prepare?.(configMap("n", { data: { a: 1 } }))).toThrow(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string',
    );
  });

  it("freezes data and binaryData once immutable", () => {
    const old = configMap("cfg", { immutable: true, data: { a: "1" }, binaryData: { b: b64("2") } });
    const next = { ...structuredClone(old), data: { a: "2" }, binaryData: {}, immutable: undefined };
    expect((strategy.validate?.(next, old) ?? []).map(renderFieldError)).toEqual([
      "immutable: Forbidden: field is immutable when `immutable` is set",
      "data: Forbidden: field is immutable when `immutable` is set",
      "binaryData: Forbidden: field is immutable when `immutable` is set",
    ]);
  });
});

describe("ConfigMap table", () => {
  it("prints NAME DATA AGE, counting both maps", () => {
    expect(strategy.table.columns.map((c) => c.name)).toEqual(["Name", "Data", "Age"]);
    const obj = configMap("kube-root-ca.crt", { data: { "ca.crt": "..." }, binaryData: { x: b64("y") } });
    obj.metadata.creationTimestamp = "2024-05-01T10:00:00Z";
    expect(strategy.table.row(obj, new Date("2024-05-01T12:30:00Z"))).toEqual(["kube-root-ca.crt", 2, "150m"]);
  });

  it("has the short name cm", () => {
    expect(configMapDefinition.shortNames).toEqual(["cm"]);
    expect(configMapDefinition.resource).toBe("configmaps");
  });
});
