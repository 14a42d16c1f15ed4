import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { nodeDefinition } from "./node.ts";

const strategy = nodeDefinition.strategy;

function node(fields: Partial<KubeObject> = {}, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "node1", labels, creationTimestamp: "2024-05-01T10:00:00Z" },
    status: {
      conditions: [
        { type: "MemoryPressure", status: "False" },
        { type: "Ready", status: "True" },
      ],
      addresses: [
        { type: "InternalIP", address: "10.0.0.5" },
        { type: "Hostname", address: "node1" },
      ],
      nodeInfo: { kubeletVersion: "v1.32.0", osImage: "Paddock", kernelVersion: "6.1.0", containerRuntimeVersion: "paddock://0.1.0" },
    },
    ...fields,
  };
}

describe("Node table", () => {
  it("has NAME STATUS ROLES AGE VERSION and the wide columns", () => {
    expect(strategy.table.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Status", 0],
      ["Roles", 0],
      ["Age", 0],
      ["Version", 0],
      ["Internal-IP", 1],
      ["External-IP", 1],
      ["OS-Image", 1],
      ["Kernel-Version", 1],
      ["Container-Runtime", 1],
    ]);
  });

  it("prints a ready control-plane node", () => {
    const obj = node({}, { "node-role.kubernetes.io/control-plane": "", "node-role.kubernetes.io/agent": "", "kubernetes.io/role": "master" });
    expect(strategy.table.row(obj, new Date("2024-05-01T11:00:00Z"))).toEqual([
      "node1",
      "Ready",
      "agent,control-plane,master",
      "60m",
      "v1.32.0",
      "10.0.0.5",
      "<none>",
      "Paddock",
      "6.1.0",
      "paddock://0.1.0",
    ]);
  });

  it("shows NotReady, Unknown and SchedulingDisabled", () => {
    const notReady = node({ spec: { unschedulable: true } });
    (notReady.status as { conditions: Array<{ status: string }> }).conditions[1]!.status = "Unknown";
    expect(strategy.table.row(notReady, new Date()).slice(1, 3)).toEqual(["NotReady,SchedulingDisabled", "<none>"]);
    const bare: KubeObject = { metadata: { name: "bare" } };
    expect(strategy.table.row(bare, new Date())).toEqual(["bare", "Unknown", "<none>", "<unknown>", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"]);
  });

  it("selects on spec.unschedulable", () => {
    expect(strategy.fieldSelectors?.["spec.unschedulable"]?.(node({ spec: { unschedulable: true } }))).toBe("true");
    expect(strategy.fieldSelectors?.["spec.unschedulable"]?.({ metadata: {} })).toBe("false");
  });

  it("is cluster-scoped with a status subresource", () => {
    expect(nodeDefinition).toMatchObject({ namespaced: false, resource: "nodes", shortNames: ["no"], subresources: ["status"] });
    expect(strategy.hasStatusSubresource).toBe(true);
  });
});
