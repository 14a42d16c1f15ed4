import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import {
  calculateStatus,
  deploymentComplete,
  findActiveOrLatest,
  findNewReplicaSet,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  proportion,
  readStatus,
  scaledValue,
  setCondition,
  setNewReplicaSetAnnotations,
  statusJson,
  type DeploymentStatus,
} from "./deployment-util.ts";

function deployment(replicas: number, rollingUpdate: Record<string, unknown> | "Recreate" = {}, extra: Record<string, unknown> = {}): KubeObject {
  const strategy = rollingUpdate === "Recreate" ? { type: "Recreate" } : { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%", ...rollingUpdate } };
  return {
    metadata: { name: "web", generation: 1, annotations: {} },
    spec: { replicas, strategy, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "a" }] } }, ...extra },
  };
}

function replicaSet(name: string, replicas: number, o: { available?: number; created?: string; image?: string; annotations?: Record<string, string> } = {}): KubeObject {
  return {
    metadata: { name, uid: name, creationTimestamp: o.created ?? "2025-01-01T00:00:00Z", annotations: { ...o.annotations } },
    spec: {
      replicas,
      template: { metadata: { labels: { app: "web", "pod-template-hash": name } }, spec: { containers: [{ name: "web", image: o.image ?? "a" }] } },
    },
    status: { replicas, readyReplicas: o.available ?? 0, availableReplicas: o.available ?? 0 },
  };
}

describe("surge and unavailability budgets", () => {
  it("scales percentages up for surge and down for unavailability", () => {
    expect(scaledValue("25%", 10, true)).toBe(3);
    expect(scaledValue("25%", 10, false)).toBe(2);
    expect(scaledValue(2, 10, true)).toBe(2);
    expect([maxSurge(deployment(10)), maxUnavailable(deployment(10))]).toEqual([3, 2]);
    expect([maxSurge(deployment(1)), maxUnavailable(deployment(1))]).toEqual([1, 0]);
  });

  it("allows one unavailable pod when both budgets round to 0, never more than the replicas", () => {
    expect(maxUnavailable(deployment(1, { maxSurge: 0, maxUnavailable: "10%" }))).toBe(1);
    expect(maxUnavailable(deployment(2, { maxUnavailable: 5 }))).toBe(2);
    expect(maxUnavailable(deployment(0))).toBe(0);
    expect([maxSurge(deployment(4, "Recreate")), maxUnavailable(deployment(4, "Recreate"))]).toEqual([0, 0]);
  });

  it("grows the new ReplicaSet within the surge", () => {
    const d = deployment(4, { maxSurge: 1 });
    const old = replicaSet("old", 4, { available: 4 });
    const fresh = replicaSet("new", 0);
    expect(newRSNewReplicas(d, [old, fresh], fresh)).toBe(1);
    expect(newRSNewReplicas(d, [replicaSet("old", 3), replicaSet("new", 1)], replicaSet("new", 1))).toBe(2);
    expect(newRSNewReplicas(deployment(4, "Recreate"), [old, fresh], fresh)).toBe(4);
  });
});

describe("finding the ReplicaSets", () => {
  it("takes the oldest ReplicaSet with the Deployment's template, ignoring pod-template-hash", () => {
    const d = deployment(2);
    const older = replicaSet("older", 1, { created: "2025-01-01T00:00:00Z" });
    const newer = replicaSet("newer", 1, { created: "2025-01-02T00:00:00Z" });
    const other = replicaSet("other", 1, { image: "b" });
    expect(findNewReplicaSet(d, [other, newer, older])?.metadata.name).toBe("older");
    expect(findNewReplicaSet(d, [other])).toBeUndefined();
  });

  it("finds the only active ReplicaSet, or the newest when none is active", () => {
    const a = replicaSet("a", 0, { created: "2025-01-01T00:00:00Z" });
    const b = replicaSet("b", 0, { created: "2025-01-02T00:00:00Z" });
    expect(findActiveOrLatest(undefined, [a, b])?.metadata.name).toBe("b");
    expect(findActiveOrLatest(replicaSet("n", 2), [a, b])?.metadata.name).toBe("n");
    expect(findActiveOrLatest(replicaSet("n", 2), [replicaSet("c", 1)])).toBeUndefined();
  });

  it("spreads a scaling in proportion to the max-replicas annotation", () => {
    const d = deployment(20, { maxSurge: 3, maxUnavailable: 0 });
    const rs = replicaSet("a", 5, { annotations: { "deployment.kubernetes.io/max-replicas": "13" } });
    // 5 * 23 / 13 = 8.85 → 9: four more
    expect(proportion(rs, d, 10, 0)).toBe(4);
    expect(proportion(rs, d, 10, 8)).toBe(2);
  });
});

describe("ReplicaSet annotations", () => {
  it("sets revision, desired and max replicas, and copies the Deployment's own annotations", () => {
    const d = deployment(4, { maxSurge: 1 });
    d.metadata.annotations = { "kubernetes.io/change-cause": "kubectl set image", "deployment.kubernetes.io/revision": "7" };
    const rs = replicaSet("new", 0);
    expect(setNewReplicaSetAnnotations(d, rs, 3, false)).toBe(true);
    expect(rs.metadata.annotations).toEqual({
      "kubernetes.io/change-cause": "kubectl set image",
      "deployment.kubernetes.io/revision": "3",
      "deployment.kubernetes.io/desired-replicas": "4",
      "deployment.kubernetes.io/max-replicas": "5",
    });
    expect(setNewReplicaSetAnnotations(d, rs, 3, true)).toBe(false);
  });

  it("keeps the former revisions of a ReplicaSet that comes back in revision-history", () => {
    const d = deployment(1);
    const rs = replicaSet("back", 1, { annotations: { "deployment.kubernetes.io/revision": "1" } });
    setNewReplicaSetAnnotations(d, rs, 3, true);
    setNewReplicaSetAnnotations(d, rs, 5, true);
    expect(rs.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("5");
    expect(rs.metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("1,3");
  });
});

describe("status", () => {
  it("counts from the ReplicaSets and sets Available", () => {
    const d = deployment(3);
    const newRS = replicaSet("new", 2, { available: 1 });
    const old = replicaSet("old", 1, { available: 1 });
    const status = calculateStatus([old, newRS], newRS, d);
    expect(statusJson(status)).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      unavailableReplicas: 1,
      conditions: [{ type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." }],
    });
    // 3 - maxUnavailable(0) = 3 needed
    const all = calculateStatus([replicaSet("new", 3, { available: 3 })], undefined, d);
    expect(all.conditions[0]).toMatchObject({ type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." });
    expect(statusJson(all)).not.toHaveProperty("unavailableReplicas");
  });

  it("keeps lastTransitionTime while the status holds, and ignores a change that only repeats the reason", () => {
    const status: DeploymentStatus = { ...readStatus(deployment(1)), conditions: [] };
    setCondition(status, { type: "Progressing", status: "True", reason: "NewReplicaSetCreated", message: "a", lastUpdateTime: "t1", lastTransitionTime: "t1" });
    setCondition(status, { type: "Progressing", status: "True", reason: "NewReplicaSetCreated", message: "b", lastUpdateTime: "t2", lastTransitionTime: "t2" });
    expect(status.conditions).toEqual([{ type: "Progressing", status: "True", reason: "NewReplicaSetCreated", message: "a", lastUpdateTime: "t1", lastTransitionTime: "t1" }]);
    setCondition(status, { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: "c", lastUpdateTime: "t3", lastTransitionTime: "t3" });
    expect(status.conditions).toEqual([{ type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: "c", lastUpdateTime: "t3", lastTransitionTime: "t1" }]);
  });

  it("is complete when every replica is updated and available and the generation observed", () => {
    const d = deployment(2);
    const status = calculateStatus([replicaSet("new", 2, { available: 2 })], replicaSet("new", 2, { available: 2 }), d);
    expect(deploymentComplete(d, status)).toBe(true);
    expect(deploymentComplete({ ...d, metadata: { ...d.metadata, generation: 2 } }, status)).toBe(false);
  });
});
