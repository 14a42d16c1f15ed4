import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { renderFieldError } from "../api/field-errors.ts";
import { serviceAccountDefinition } from "./serviceaccount.ts";

const strategy = serviceAccountDefinition.strategy;

describe("ServiceAccount", () => {
  it("prints NAME SECRETS AGE", () => {
    expect(strategy.table.columns.map((c) => c.name)).toEqual(["Name", "Secrets", "Age"]);
    const sa: KubeObject = {
      metadata: { name: "default", namespace: "default", creationTimestamp: "2024-05-01T10:00:00Z" },
      secrets: [{ name: "a" }, { name: "b" }],
      imagePullSecrets: [{ name: "testquay" }],
    };
    expect(strategy.table.row(sa, new Date("2024-05-01T10:00:42Z"))).toEqual(["default", 2, "42s"]);
    expect(strategy.table.row({ metadata: { name: "bare" } }, new Date())).toEqual(["bare", 0, "<unknown>"]);
  });

  it("validates only metadata (built-in finalizer names)", () => {
    const sa: KubeObject = { metadata: { name: "x", namespace: "default", finalizers: ["nope"] } };
    expect((strategy.validate?.(sa) ?? []).map(renderFieldError)).toEqual([
      'metadata.finalizers[0]: Invalid value: "nope": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it("is served as serviceaccounts, short name sa", () => {
    expect(serviceAccountDefinition).toMatchObject({ resource: "serviceaccounts", kind: "ServiceAccount", namespaced: true, shortNames: ["sa"] });
    expect(strategy.allowUnconditionalUpdate).toBe(true);
  });
});
