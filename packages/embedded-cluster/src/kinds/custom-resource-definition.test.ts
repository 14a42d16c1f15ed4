import { describe, expect, it } from "vitest";
import type { FieldError, KubeObject } from "../api/types.ts";
import { invalidStatusMessage, renderFieldError } from "../api/field-errors.ts";
import { nameIsDNSSubdomain, validateObjectMeta } from "../api/validation.ts";
import { customResourceDefinitionDefinition as crd } from "./custom-resource-definition.ts";

const strategy = crd.strategy;

function definition(fields: Record<string, unknown> = {}, name = "projects.management.cattle.io"): KubeObject {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name },
    spec: {
      group: "management.cattle.io",
      names: { plural: "projects", kind: "Project" },
      scope: "Namespaced",
      versions: [{ name: "v3", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } }],
      ...fields,
    },
  };
}

function createErrors(obj: KubeObject): FieldError[] {
  strategy.defaults?.(obj);
  strategy.prepare?.(obj);
  const validateName = strategy.validateName ?? nameIsDNSSubdomain;
  return [...validateObjectMeta(obj.metadata, { namespaced: false, validateName }), ...(strategy.validate?.(obj) ?? [])];
}

describe("CustomResourceDefinition", () => {
  it("defaults the names and is established at once", () => {
    const obj = definition();
    expect(createErrors(obj)).toEqual([]);
    expect((obj.spec as { names: unknown }).names).toEqual({ plural: "projects", kind: "Project", singular: "project", listKind: "ProjectList" });
    const status = obj.status as { conditions: Array<{ type: string; status: string }>; acceptedNames: unknown; storedVersions: string[] };
    expect(status.conditions.map((c) => [c.type, c.status])).toEqual([
      ["NamesAccepted", "True"],
      ["Established", "True"],
    ]);
    expect(status.acceptedNames).toEqual({ plural: "projects", kind: "Project", singular: "project", listKind: "ProjectList" });
    expect(status.storedVersions).toEqual(["v3"]);
  });

  it("requires the name to be plural.group", () => {
    const obj = definition({}, "projects.example.com");
    expect(invalidStatusMessage("CustomResourceDefinition", "projects.example.com", createErrors(obj), "apiextensions.k8s.io")).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "projects.example.com" is invalid: metadata.name: Invalid value: "projects.example.com": must be spec.names.plural+"."+spec.group',
    );
  });

  it("checks scope, group and the storage version", () => {
    const obj = definition({ scope: "Global", versions: [{ name: "v1", served: true, storage: false }] }, "projects.management.cattle.io");
    expect(createErrors(obj).map(renderFieldError)).toEqual([
      'spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"',
      "spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{...}: must have exactly one version marked as storage version",
    ]);
    const noDot = definition({ group: "local" }, "projects.local");
    expect(createErrors(noDot).map(renderFieldError)).toEqual(['spec.group: Invalid value: "local": should be a domain with at least one dot']);
  });

  it("keeps the scope immutable", () => {
    const old = definition();
    createErrors(old);
    const next = definition({ scope: "Cluster" });
    strategy.defaults?.(next);
    strategy.prepare?.(next, old);
    expect((strategy.validate?.(next, old) ?? []).map(renderFieldError)).toEqual(['spec.scope: Invalid value: "Cluster": field is immutable']);
  });

  it("prints NAME and CREATED AT as a timestamp", () => {
    expect(strategy.table.columns.map((c) => [c.name, c.type])).toEqual([
      ["Name", "string"],
      ["Created At", "date"],
    ]);
    const obj = definition();
    obj.metadata.creationTimestamp = "2024-05-01T10:00:00Z";
    expect(strategy.table.row(obj, new Date())).toEqual(["projects.management.cattle.io", "2024-05-01T10:00:00Z"]);
  });

  it("is served as customresourcedefinitions with short names crd and crds", () => {
    expect(crd).toMatchObject({ group: "apiextensions.k8s.io", version: "v1", namespaced: false, shortNames: ["crd", "crds"] });
  });
});
