import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ResourceService } from "../api/resource-service.ts";
import type { KubeObject } from "../api/types.ts";
import { builtInDefinitions } from "../kinds/definitions.ts";
import { NODE_NAME, seedCluster } from "../seed.ts";
import { RevisionedStore } from "../store/revisioned-store.ts";
import { waitFor } from "../testing/wait-for.ts";
import { startScheduler } from "./scheduler.ts";

let service: ResourceService;
let stop: () => void;

beforeAll(async () => {
  service = new ResourceService(new RevisionedStore(), builtInDefinitions);
  await seedCluster(service);
  stop = startScheduler(service);
});
afterAll(() => stop());

const pods = () => service.definition("", "pods");
const nodes = () => service.definition("", "nodes");

function createPod(name: string, spec: Record<string, unknown> = {}): Promise<KubeObject> {
  return service.create(pods(), "default", { metadata: { name }, spec: { containers: [{ name: "c", image: "nginx:1.27" }], ...spec } });
}

function eventsOf(name: string): Array<{ type: unknown; reason: unknown; message: unknown; source: unknown; count: unknown }> {
  return service
    .list(service.definition("", "events"), "default")
    .items.filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => ({ type: e.type, reason: e.reason, message: e.message, source: e.source, count: e.count }));
}

function condition(pod: KubeObject | undefined, type: string): Record<string, unknown> | undefined {
  const conditions = ((pod?.status as { conditions?: Array<Record<string, unknown>> } | undefined)?.conditions ?? []);
  return conditions.find((c) => c.type === type);
}

describe("the scheduler", () => {
  it("binds a new pod to the node, marks it scheduled and says so", async () => {
    await createPod("plain");
    const pod = await waitFor(() => {
      const p = service.tryGet(pods(), "default", "plain");
      return condition(p, "PodScheduled") ? p : undefined;
    }, "PodScheduled");
    expect((pod.spec as { nodeName?: string }).nodeName).toBe(NODE_NAME);
    expect(condition(pod, "PodScheduled")).toEqual({ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: expect.any(String) });
    await waitFor(() => eventsOf("plain").length > 0, "the Scheduled event");
    expect(eventsOf("plain")).toEqual([
      { type: "Normal", reason: "Scheduled", message: `Successfully assigned default/plain to ${NODE_NAME}`, source: { component: "default-scheduler" }, count: 1 },
    ]);
  });

  it("leaves a pod whose node selector matches no node pending, with the scheduler's reason", async () => {
    await createPod("picky", { nodeSelector: { disktype: "ssd" } });
    const message =
      "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
    const pod = await waitFor(() => {
      const p = service.tryGet(pods(), "default", "picky");
      return condition(p, "PodScheduled") ? p : undefined;
    }, "the Unschedulable condition");
    expect(condition(pod, "PodScheduled")).toMatchObject({ status: "False", reason: "Unschedulable", message });
    expect((pod.spec as { nodeName?: string }).nodeName).toBeUndefined();
    await waitFor(() => eventsOf("picky").length > 0, "the FailedScheduling event");
    expect(eventsOf("picky")).toEqual([{ type: "Warning", reason: "FailedScheduling", message, source: { component: "default-scheduler" }, count: 1 }]);

    // Labelling the node makes the pod fit: node changes bring pending pods back.
    await service.mutate(nodes(), "", NODE_NAME, (node) => {
      node.metadata.labels = { ...node.metadata.labels, disktype: "ssd" };
    });
    await waitFor(() => (service.tryGet(pods(), "default", "picky")?.spec as { nodeName?: string }).nodeName === NODE_NAME, "binding after the node got the label");
    await waitFor(() => condition(service.tryGet(pods(), "default", "picky"), "PodScheduled")?.status === "True", "PodScheduled=True");
  });

  it("keeps off a tainted node unless the pod tolerates the taint", async () => {
    await service.mutate(nodes(), "", NODE_NAME, (node) => {
      node.spec = { ...(node.spec as object), taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] };
    });
    try {
      await createPod("intolerant");
      await createPod("tolerant", { tolerations: [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }] });
      await waitFor(() => (service.tryGet(pods(), "default", "tolerant")?.spec as { nodeName?: string }).nodeName, "the tolerant pod's binding");
      const intolerant = await waitFor(() => condition(service.tryGet(pods(), "default", "intolerant"), "PodScheduled"), "the Unschedulable condition");
      expect(intolerant.message).toBe(
        "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
      );
    } finally {
      await service.mutate(nodes(), "", NODE_NAME, (node) => {
        node.spec = {};
      });
    }
    await waitFor(() => (service.tryGet(pods(), "default", "intolerant")?.spec as { nodeName?: string }).nodeName, "binding once the taint is gone");
  });

  it("waits for scheduling gates to be removed, and leaves pods of other schedulers alone", async () => {
    await createPod("gated", { schedulingGates: [{ name: "example.com/wait" }] });
    await createPod("elsewhere", { schedulerName: "my-scheduler" });
    await createPod("marker");
    await waitFor(() => eventsOf("marker").length > 0, "a later pod's scheduling");
    expect((service.get(pods(), "default", "gated").spec as { nodeName?: string }).nodeName).toBeUndefined();
    expect((service.get(pods(), "default", "elsewhere").spec as { nodeName?: string }).nodeName).toBeUndefined();
    expect(eventsOf("gated")).toEqual([]);

    await service.mutate(pods(), "default", "gated", (pod) => {
      (pod.spec as Record<string, unknown>).schedulingGates = [];
    });
    await waitFor(() => (service.tryGet(pods(), "default", "gated")?.spec as { nodeName?: string }).nodeName === NODE_NAME, "binding after the gate went");
  });
});
