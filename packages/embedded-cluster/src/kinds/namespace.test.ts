import { describe, expect, it } from "vitest";
import type { FieldError, KubeObject } from "../api/types.ts";
import { invalidStatusMessage, renderFieldError } from "../api/field-errors.ts";
import { nameIsDNSSubdomain, validateObjectMeta } from "../api/validation.ts";
import { namespaceDefinition } from "./namespace.ts";

const strategy = namespaceDefinition.strategy;

function namespace(name: string, fields: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name }, ...fields };
}

function createErrors(obj: KubeObject): FieldError[] {
  strategy.defaults?.(obj);
  strategy.prepare?.(obj);
  const validateName = strategy.validateName ?? nameIsDNSSubdomain;
  return [...validateObjectMeta(obj.metadata, { namespaced: false, validateName }), ...(strategy.validate?.(obj) ?? [])];
}

describe("Namespace create", () => {
  it("starts Active with the kubernetes finalizer and the name label", () => {
    const obj = namespace("team-a");
    expect(createErrors(obj)).toEqual([]);
    expect(obj.spec).toEqual({ finalizers: ["kubernetes"] });
    expect(obj.status).toEqual({ phase: "Active" });
    expect(obj.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "team-a" });
  });

  it("keeps finalizers the client asked for and adds kubernetes after them", () => {
    const obj = namespace("team-b", { spec: { finalizers: ["example.com/cleanup"] }, status: { phase: "Terminating" } });
    expect(createErrors(obj)).toEqual([]);
    expect(obj.spec).toEqual({ finalizers: ["example.com/cleanup", "kubernetes"] });
    expect(obj.status).toEqual({ phase: "Active" });
  });

  it("requires a DNS-1123 label as the name", () => {
    expect(invalidStatusMessage("Namespace", "a.b", createErrors(namespace("a.b")))).toBe(
      'Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots',
    );
    expect(invalidStatusMessage("Namespace", "Team_A", createErrors(namespace("Team_A")))).toBe(
      "Namespace \"Team_A\" is invalid: metadata.name: Invalid value: \"Team_A\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  it("checks spec.finalizers without an index", () => {
    expect(createErrors(namespace("x", { spec: { finalizers: ["cleanup"] } })).map(renderFieldError)).toEqual([
      'spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});

describe("Namespace update", () => {
  it("keeps spec.finalizers and status from the stored object", () => {
    const old = namespace("team-a");
    createErrors(old);
    const next: KubeObject = { ...structuredClone(old), spec: { finalizers: [] }, status: { phase: "Terminating" } };
    strategy.defaults?.(next);
    strategy.prepare?.(next, old);
    expect(next.spec).toEqual({ finalizers: ["kubernetes"] });
    expect(next.status).toEqual({ phase: "Active" });
    expect(strategy.validate?.(next, old)).toEqual([]);
  });
});

describe("Namespace table and selectors", () => {
  it("prints NAME STATUS AGE", () => {
    expect(strategy.table.columns.map((c) => [c.name, c.description])).toEqual([
      ["Name", expect.stringContaining("Name must be unique within a namespace.")],
      ["Status", "The status of the namespace"],
      ["Age", expect.stringContaining("CreationTimestamp is a timestamp")],
    ]);
    const obj = namespace("default", { status: { phase: "Active" } });
    obj.metadata.creationTimestamp = "2024-05-01T10:00:00Z";
    expect(strategy.table.row(obj, new Date("2024-05-03T10:00:00Z"))).toEqual(["default", "Active", "2d"]);
  });

  it("selects by status.phase and name", () => {
    const obj = namespace("old", { status: { phase: "Terminating" } });
    expect(strategy.fieldSelectors?.["status.phase"]?.(obj)).toBe("Terminating");
    expect(strategy.fieldSelectors?.name?.(obj)).toBe("old");
    expect(strategy.fieldSelectors?.["status.phase"]?.({ metadata: {} })).toBe("");
  });

  it("is cluster-scoped with the short name ns", () => {
    expect(namespaceDefinition).toMatchObject({ namespaced: false, shortNames: ["ns"], resource: "namespaces", subresources: ["status"] });
    expect(namespaceDefinition.verbs).not.toContain("deletecollection");
  });
});
