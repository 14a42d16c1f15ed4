import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { renderFieldError } from "../api/field-errors.ts";
import { leaseDefinition } from "./lease.ts";

const strategy = leaseDefinition.strategy;

describe("Lease", () => {
  it("prints NAME HOLDER AGE", () => {
    expect(strategy.table.columns.map((c) => c.name)).toEqual(["Name", "Holder", "Age"]);
    const lease: KubeObject = {
      metadata: { name: "paddock-reconciler", namespace: "local", creationTimestamp: "2024-05-01T10:00:00Z" },
      spec: { holderIdentity: "server-7f9c", leaseDurationSeconds: 15 },
    };
    expect(strategy.table.row(lease, new Date("2024-05-01T10:00:05Z"))).toEqual(["paddock-reconciler", "server-7f9c", "5s"]);
    expect(strategy.table.row({ metadata: { name: "free" } }, new Date())).toEqual(["free", "", "<unknown>"]);
  });

  it("validates durations, transitions and preferredHolder", () => {
    const lease: KubeObject = {
      metadata: { name: "l", namespace: "local" },
      spec: { leaseDurationSeconds: 0, leaseTransitions: -1, preferredHolder: "a" },
    };
    expect((strategy.validate?.(lease) ?? []).map(renderFieldError)).toEqual([
      "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
      "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0",
      "spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined",
    ]);
    expect(strategy.validate?.({ metadata: { name: "l", namespace: "local" }, spec: { leaseDurationSeconds: 15 } })).toEqual([]);
  });

  it("is coordination.k8s.io/v1 and refuses updates without a resourceVersion", () => {
    expect(leaseDefinition).toMatchObject({ group: "coordination.k8s.io", version: "v1", resource: "leases", namespaced: true });
    expect(strategy.allowUnconditionalUpdate).toBe(false);
  });
});
