import { describe, expect, it } from "vitest";
import { addChange, isStale, type ChangeScope } from "./live-invalidation";

const burst = (...changes: Array<[string, string]>) => {
  const pending = new Map<string, ChangeScope>();
  for (const [cluster, resource] of changes) addChange(pending, cluster, resource);
  return pending;
};

describe("which queries a burst of live changes refetches", () => {
  it("a pod change refetches workloads, the audit trail and a registry's workloads, not the registry list", () => {
    const changed = burst(["local", "pods"], ["local", "events"]);
    expect(isStale(["workloads", "local", "p-1", "list"], changed)).toBe(true);
    expect(isStale(["audit", "local", "p-1"], changed)).toBe(true);
    expect(isStale(["registries", "local", "p-1", "workloads"], changed)).toBe(true);
    expect(isStale(["registries", "local", "p-1", "list"], changed)).toBe(false);
    expect(isStale(["resources", "local", "p-1", "secrets"], changed)).toBe(false);
  });

  it("a secret change refetches every query of that cluster, and only of that cluster", () => {
    const changed = burst(["local", "pods"], ["local", "secrets"]);
    expect(isStale(["registries", "local", "p-1", "list"], changed)).toBe(true);
    expect(isStale(["clusters", "local", "namespaces"], changed)).toBe(true);
    expect(isStale(["registries", "prod", "p-1", "list"], changed)).toBe(false);
    expect(isStale(["auth", "me"], changed)).toBe(false);
  });

  it("the widest scope of a burst wins, whatever the order", () => {
    expect(burst(["local", "secrets"], ["local", "pods"]).get("local")).toBe("everything");
    expect(burst(["local", "deployments"], ["local", "replicaSets"]).get("local")).toBe("workloads");
  });

  it("the Global view's cluster list refetches on any change", () => {
    expect(isStale(["clusters"], burst(["local", "pods"]))).toBe(true);
    expect(isStale(["clusters"], new Map())).toBe(false);
  });
});
