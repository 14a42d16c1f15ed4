// The REST layer without controllers: what binding and deleting a pod write, exactly as kube-apiserver
// writes it (no kubelet runs here, so a graceful deletion stays pending).

import { beforeEach, describe, expect, it } from "vitest";
import { builtInDefinitions } from "../kinds/definitions.ts";
import { NODE_NAME, seedCluster } from "../seed.ts";
import { RevisionedStore } from "../store/revisioned-store.ts";
import type { Change } from "../store/store.ts";
import { ResourceService } from "./resource-service.ts";
import type { KubeObject } from "./types.ts";

let service: ResourceService;
const pods = () => service.definition("", "pods");
const secrets = () => service.definition("", "secrets");

beforeEach(async () => {
  service = new ResourceService(new RevisionedStore(), builtInDefinitions);
  await seedCluster(service);
});

function createPod(name: string, spec: Record<string, unknown> = {}): Promise<KubeObject> {
  return service.create(pods(), "default", { metadata: { name }, spec: { containers: [{ name: "c", image: "nginx:1.27" }], ...spec } });
}

/** A pod the kubelet of NODE_NAME runs, in the given phase. */
async function boundPod(name: string, spec: Record<string, unknown> = {}, phase = "Running"): Promise<KubeObject> {
  await createPod(name, spec);
  await service.bind("default", name, NODE_NAME);
  const running = await service.mutate(pods(), "default", name, (p) => {
    p.status = { ...(p.status as object), phase };
  }, "status");
  return running!;
}

function podChanges(run: () => Promise<unknown>): Promise<Change[]> {
  const changes: Change[] = [];
  const unsubscribe = service.store.subscribe((change) => {
    if (change.resource === "pods") changes.push(change);
  });
  return run().then(
    () => {
      unsubscribe();
      return changes;
    },
    (error: unknown) => {
      unsubscribe();
      throw error;
    },
  );
}

const seconds = (from: string | undefined, to: string | undefined) => (Date.parse(to ?? "") - Date.parse(from ?? "")) / 1000;

describe("bind (pods/binding)", () => {
  it("sets the node and PodScheduled=True in one write", async () => {
    await createPod("bound");
    const changes = await podChanges(() => service.bind("default", "bound", NODE_NAME));
    expect(changes).toHaveLength(1);
    const pod = changes[0]!.object;
    expect((pod.spec as { nodeName?: string }).nodeName).toBe(NODE_NAME);
    expect((pod.status as { conditions?: unknown[] }).conditions).toEqual([
      { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: expect.any(String) },
    ]);
  });

  it("refuses a pod that is bound already", async () => {
    await createPod("twice");
    await service.bind("default", "twice", NODE_NAME);
    await expect(service.bind("default", "twice", "other")).rejects.toMatchObject({
      code: 409,
      message: `Operation cannot be fulfilled on pods "twice": pod twice is already assigned to node "${NODE_NAME}"`,
    });
  });
});

describe("graceful pod deletion", () => {
  it("marks a running pod with its terminationGracePeriodSeconds and keeps it", async () => {
    await boundPod("web", { terminationGracePeriodSeconds: 45 });
    const requestedAt = Date.now();
    const { object, deleted } = await service.delete(pods(), "default", "web");
    expect(deleted).toBe(false);
    expect(object.kind).toBe("Pod");
    expect(object.metadata.deletionGracePeriodSeconds).toBe(45);
    // deletionTimestamp is when the grace period ends (to the second), not when the request came.
    const endsIn = (Date.parse(object.metadata.deletionTimestamp ?? "") - requestedAt) / 1000;
    expect(endsIn).toBeGreaterThan(43);
    expect(endsIn).toBeLessThanOrEqual(45);
    expect(service.get(pods(), "default", "web").metadata.deletionTimestamp).toBe(object.metadata.deletionTimestamp);
  });

  it("takes the grace period of the request, a negative one as 1 s", async () => {
    await boundPod("short");
    expect((await service.delete(pods(), "default", "short", { gracePeriodSeconds: 5 })).object.metadata.deletionGracePeriodSeconds).toBe(5);
    await boundPod("negative");
    expect((await service.delete(pods(), "default", "negative", { gracePeriodSeconds: -3 })).object.metadata.deletionGracePeriodSeconds).toBe(1);
  });

  it("deletes at once a pod no kubelet runs, a finished pod, and with grace period 0", async () => {
    await createPod("unbound");
    await boundPod("done", {}, "Succeeded");
    await boundPod("forced");
    expect((await service.delete(pods(), "default", "unbound")).deleted).toBe(true);
    expect((await service.delete(pods(), "default", "done")).deleted).toBe(true);
    expect((await service.delete(pods(), "default", "forced", { gracePeriodSeconds: 0 })).deleted).toBe(true);
    expect(service.list(pods(), "default").items.map((p) => p.metadata.name)).toEqual([]);
  });

  it("does not lengthen a deletion under way, shortens it when asked, and goes at 0", async () => {
    await boundPod("slow");
    const first = (await service.delete(pods(), "default", "slow")).object;
    expect(first.metadata.deletionGracePeriodSeconds).toBe(30);

    const again = await service.delete(pods(), "default", "slow", { gracePeriodSeconds: 60 });
    expect(again).toMatchObject({ deleted: false, object: { metadata: { resourceVersion: first.metadata.resourceVersion } } });

    const shorter = (await service.delete(pods(), "default", "slow", { gracePeriodSeconds: 10 })).object;
    expect(shorter.metadata.deletionGracePeriodSeconds).toBe(10);
    expect(seconds(shorter.metadata.deletionTimestamp, first.metadata.deletionTimestamp)).toBe(20);

    expect((await service.delete(pods(), "default", "slow", { gracePeriodSeconds: 0 })).deleted).toBe(true);
  });

  it("keeps a terminating pod through other updates (a label change)", async () => {
    await boundPod("labelled");
    await service.delete(pods(), "default", "labelled");
    await service.mutate(pods(), "default", "labelled", (p) => {
      p.metadata.labels = { app: "x" };
    });
    expect(service.get(pods(), "default", "labelled").metadata).toMatchObject({ labels: { app: "x" }, deletionGracePeriodSeconds: 30 });
  });

  it("with finalizers: the last one removed during the grace period keeps the pod; after the kubelet's delete it goes", async () => {
    for (const name of ["early", "late"]) {
      await boundPod(name, {});
      await service.mutate(pods(), "default", name, (p) => {
        p.metadata.finalizers = ["example.com/hold"];
      });
      await service.delete(pods(), "default", name);
    }
    const removeFinalizer = (name: string) =>
      service.mutate(pods(), "default", name, (p) => {
        p.metadata.finalizers = [];
      });

    await removeFinalizer("early");
    expect(service.get(pods(), "default", "early").metadata.deletionGracePeriodSeconds).toBe(30);

    // What the kubelet does once the containers are stopped: grace period 0, which pending finalizers outlast.
    const uid = service.get(pods(), "default", "late").metadata.uid;
    expect((await service.delete(pods(), "default", "late", { gracePeriodSeconds: 0, preconditions: { uid } })).deleted).toBe(false);
    expect(service.get(pods(), "default", "late").metadata.deletionGracePeriodSeconds).toBe(0);
    await removeFinalizer("late");
    expect(service.tryGet(pods(), "default", "late")).toBeUndefined();
  });
});

describe("deletion of other kinds", () => {
  it("removes an object when its last finalizer goes, and not on other updates", async () => {
    await service.create(secrets(), "default", { metadata: { name: "s", finalizers: ["example.com/a", "example.com/b"] } });
    const { object } = await service.delete(secrets(), "default", "s");
    expect(object.metadata).toMatchObject({ deletionGracePeriodSeconds: 0, deletionTimestamp: expect.any(String) });
    await service.mutate(secrets(), "default", "s", (s) => {
      s.metadata.finalizers = ["example.com/b"];
      s.metadata.labels = { step: "1" };
    });
    expect(service.tryGet(secrets(), "default", "s")).toBeDefined();
    await service.mutate(secrets(), "default", "s", (s) => {
      s.metadata.finalizers = [];
    });
    expect(service.tryGet(secrets(), "default", "s")).toBeUndefined();
  });
});
