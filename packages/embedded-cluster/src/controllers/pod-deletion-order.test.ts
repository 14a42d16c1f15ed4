import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { podsToDelete } from "./pod-deletion-order.ts";

const NOW = Date.parse("2025-06-01T12:00:00Z");
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

interface PodOptions {
  node?: string;
  phase?: string;
  readySince?: number;
  createdAgo?: number;
  cost?: string;
  restarts?: number;
  uid?: string;
}

function pod(name: string, o: PodOptions = {}): KubeObject {
  const conditions = o.readySince !== undefined ? [{ type: "Ready", status: "True", lastTransitionTime: ago(o.readySince) }] : [];
  return {
    metadata: {
      name,
      uid: o.uid ?? name,
      creationTimestamp: ago(o.createdAgo ?? 3600),
      ...(o.cost !== undefined ? { annotations: { "controller.kubernetes.io/pod-deletion-cost": o.cost } } : {}),
    },
    spec: { nodeName: o.node ?? "node-a" },
    status: {
      phase: o.phase ?? "Running",
      conditions,
      containerStatuses: [{ name: "c", restartCount: o.restarts ?? 0 }],
    },
  };
}

const names = (pods: KubeObject[]) => pods.map((p) => p.metadata.name);

describe("which pods a ReplicaSet deletes first", () => {
  it("takes them all when all go", () => {
    const pods = [pod("a"), pod("b")];
    expect(names(podsToDelete(pods, pods, 2, NOW))).toEqual(["a", "b"]);
  });

  it("unscheduled before scheduled, then Pending before Unknown before Running, then not ready before ready", () => {
    const pods = [
      pod("running-ready", { readySince: 600 }),
      pod("running", {}),
      pod("unknown", { phase: "Unknown" }),
      pod("pending", { phase: "Pending" }),
      pod("unscheduled", { node: "", phase: "Pending" }),
    ];
    expect(names(podsToDelete(pods, pods, 4, NOW))).toEqual(["unscheduled", "pending", "unknown", "running"]);
  });

  it("honours controller.kubernetes.io/pod-deletion-cost (lower first, invalid counts as 0)", () => {
    const pods = [pod("expensive", { readySince: 60, cost: "100" }), pod("cheap", { readySince: 60, cost: "-5" }), pod("invalid", { readySince: 60, cost: "x" })];
    expect(names(podsToDelete(pods, pods, 2, NOW))).toEqual(["cheap", "invalid"]);
  });

  it("deletes from the node that has more of the related pods", () => {
    const pods = [pod("alone", { node: "node-a", readySince: 60 }), pod("crowded", { node: "node-b", readySince: 60 })];
    const related = [...pods, pod("sibling-1", { node: "node-b" }), pod("sibling-2", { node: "node-b" })];
    expect(names(podsToDelete(pods, related, 1, NOW))).toEqual(["crowded"]);
  });

  it("deletes the most recently ready, by powers of two of the ready time, then the UID", () => {
    const pods = [pod("ready-long-ago", { readySince: 7200 }), pod("ready-recently", { readySince: 10 })];
    expect(names(podsToDelete(pods, pods, 1, NOW))).toEqual(["ready-recently"]);
    // 100 s and 110 s ago fall in the same log2 bucket: the smaller UID goes first
    const close = [pod("p1", { readySince: 100, uid: "bbb" }), pod("p2", { readySince: 110, uid: "aaa" })];
    expect(names(podsToDelete(close, close, 1, NOW))).toEqual(["p2"]);
  });

  it("then the one that restarted more, then the youngest", () => {
    const restarting = [pod("steady", { readySince: 60 }), pod("restarting", { readySince: 60, restarts: 3 })];
    expect(names(podsToDelete(restarting, restarting, 1, NOW))).toEqual(["restarting"]);
    const ages = [pod("old", { createdAgo: 86400 }), pod("young", { createdAgo: 5 })];
    expect(names(podsToDelete(ages, ages, 1, NOW))).toEqual(["young"]);
  });
});
