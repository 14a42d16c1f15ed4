// The kubelet in-process, without a registry: what it does with pods it finds already running
// (after a restart of the embedded cluster), with new pods' addresses, and with deleted pods.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ResourceService } from "../api/resource-service.ts";
import type { KubeObject } from "../api/types.ts";
import { builtInDefinitions } from "../kinds/definitions.ts";
import { NODE_NAME, seedCluster } from "../seed.ts";
import { RevisionedStore } from "../store/revisioned-store.ts";
import { waitFor } from "../testing/wait-for.ts";
import { Kubelet } from "./kubelet.ts";

const IMAGE = "127.0.0.1:9/demo/web:1.0";
const IMAGE_ID = `127.0.0.1:9/demo/web@sha256:${"e".repeat(64)}`;
const STARTED = "2025-01-01T00:00:00Z";

let service: ResourceService;
let kubelet: Kubelet;
const pods = () => service.definition("", "pods");

function runningPod(name: string): KubeObject {
  return {
    metadata: { name },
    spec: { nodeName: NODE_NAME, containers: [{ name: "web", image: IMAGE, imagePullPolicy: "Always" }] },
    status: {
      phase: "Running",
      hostIP: "127.0.0.1",
      podIP: "10.42.0.2",
      startTime: STARTED,
      containerStatuses: [
        { name: "web", state: { running: { startedAt: STARTED } }, lastState: {}, ready: true, restartCount: 0, image: IMAGE, imageID: IMAGE_ID, containerID: "paddock://1", started: true },
      ],
    },
  };
}

function newPod(name: string, policy: string): Promise<KubeObject> {
  return service.create(pods(), "default", { metadata: { name }, spec: { nodeName: NODE_NAME, containers: [{ name: "web", image: IMAGE, imagePullPolicy: policy }] } });
}

function events(name: string): string[] {
  return service
    .list(service.definition("", "events"), "default")
    .items.filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => `${String(e.reason)}: ${String(e.message)}`);
}

const statusOf = (name: string) => service.tryGet(pods(), "default", name)?.status as { phase?: string; podIP?: string } | undefined;

beforeAll(async () => {
  service = new ResourceService(new RevisionedStore(), builtInDefinitions);
  await seedCluster(service);
  await service.create(pods(), "default", runningPod("survivor"));
  kubelet = new Kubelet(service, { imagePullBackOff: { initialMs: 50, maxMs: 200 } });
  kubelet.start();
});
afterAll(() => kubelet.stop());

describe("the kubelet across a restart", () => {
  it("keeps a pod it finds running as it is, without pulling again", async () => {
    await newPod("after", "Never");
    // The new pod is synced after the survivor; once it has a status, the survivor has been seen.
    await waitFor(() => statusOf("after")?.podIP, "the new pod's address");
    expect(events("survivor")).toEqual([]);
    expect(statusOf("survivor")).toMatchObject({ phase: "Running", podIP: "10.42.0.2" });
    // The survivor's address stays its own, and its image is still on the node.
    expect(statusOf("after")?.podIP).toBe("10.42.0.3");
    await waitFor(() => statusOf("after")?.phase === "Running", "the new pod running from the node's image");
    // Compared in any order: events recorded within one millisecond get names in random order.
    expect(events("after").sort()).toEqual(
      [`Pulled: Container image "${IMAGE}" already present on machine`, "Created: Created container: web", "Started: Started container web"].sort(),
    );
  });
});

/** What a graceful delete does to a bound pod: a deletionTimestamp, and the wait for the kubelet. */
function markDeleted(name: string, finalizers: string[] = []): void {
  const current = service.get(pods(), "default", name);
  const metadata = { ...current.metadata, deletionTimestamp: STARTED, deletionGracePeriodSeconds: 30, ...(finalizers.length > 0 ? { finalizers } : {}) };
  service.store.update({ resource: "pods", namespace: "default", name }, { ...current, metadata });
}

describe("deletion", () => {
  it("stops the containers of a pod marked for deletion, and lets the API remove it once finalizers are done", async () => {
    markDeleted("survivor", ["example.com/hold"]);
    await waitFor(() => events("survivor").length > 0, "the Killing event");
    expect(events("survivor")).toEqual(["Killing: Stopping container web"]);
    expect(service.tryGet(pods(), "default", "survivor")?.metadata.deletionTimestamp).toBeDefined();
    await service.mutate(pods(), "default", "survivor", (p) => {
      p.metadata.finalizers = [];
    });
    expect(service.tryGet(pods(), "default", "survivor")).toBeUndefined();
  });

  it("removes a pod marked for deletion without finalizers once its containers are stopped", async () => {
    markDeleted("after");
    await waitFor(() => service.tryGet(pods(), "default", "after") === undefined, "removal");
    expect(events("after")).toContain("Killing: Stopping container web");
  });

  it("stops the containers of a pod removed at once (force deletion)", async () => {
    await newPod("forced", "Never");
    await waitFor(() => statusOf("forced")?.phase === "Running", "forced running");
    await service.delete(pods(), "default", "forced", { gracePeriodSeconds: 0 });
    await waitFor(() => events("forced").includes("Killing: Stopping container web"), "the Killing event");
  });
});
