import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject, OwnerReference } from "../api/types.ts";
import { startTestCluster, type TestCluster } from "../testing/test-cluster.ts";
import { eventually, startWorkloadHarness, type WorkloadHarness } from "../testing/workload-harness.ts";
import { startGarbageCollector } from "./garbage-collector.ts";

describe("the garbage collector (in process)", () => {
  let h: WorkloadHarness;
  afterEach(() => h?.stop());

  const configMaps = () => h.service.definition("", "configmaps");
  const tryGet = (name: string) => h.service.tryGet(configMaps(), "default", name);

  async function start(): Promise<void> {
    h = await startWorkloadHarness([startGarbageCollector]);
  }

  async function owner(name: string): Promise<KubeObject> {
    return h.service.create(configMaps(), "default", { metadata: { name } });
  }

  function ref(of: KubeObject, extra: Partial<OwnerReference> = {}): OwnerReference {
    return { apiVersion: "v1", kind: "ConfigMap", name: of.metadata.name!, uid: of.metadata.uid!, ...extra };
  }

  async function dependent(name: string, references: OwnerReference[], finalizers?: string[]): Promise<KubeObject> {
    return h.service.create(configMaps(), "default", { metadata: { name, ownerReferences: references, ...(finalizers ? { finalizers } : {}) } });
  }

  it("deletes an object once its only owner is gone, and the dependents of that object in turn", async () => {
    await start();
    const parent = await owner("parent");
    const child = await dependent("child", [ref(parent)]);
    await dependent("grandchild", [ref(child)]);
    await h.service.delete(configMaps(), "default", "parent", { propagationPolicy: "Background" });
    await eventually(() => !tryGet("child") && !tryGet("grandchild"), 5000, "collection");
  });

  it("deletes an object that references an owner that does not exist, or another object of the same name", async () => {
    await start();
    await dependent("dangling", [{ apiVersion: "v1", kind: "ConfigMap", name: "nobody", uid: "3f1b3b5e-0000-4000-8000-000000000000" }]);
    const namesake = await owner("namesake");
    await dependent("stale", [{ ...ref(namesake), uid: "3f1b3b5e-0000-4000-8000-000000000001" }]);
    await eventually(() => !tryGet("dangling") && !tryGet("stale"), 5000, "collection");
    expect(tryGet("namesake")).toBeDefined();
  });

  it("keeps an object that still has an owner and drops the reference to the one that is gone", async () => {
    await start();
    const [a, b] = [await owner("a"), await owner("b")];
    await dependent("shared", [ref(a), ref(b)]);
    await h.service.delete(configMaps(), "default", "a");
    await eventually(() => tryGet("shared")?.metadata.ownerReferences?.length === 1, 5000, "reference dropped");
    expect(tryGet("shared")!.metadata.ownerReferences).toEqual([ref(b)]);
  });

  it("never collects an object whose owner's kind it cannot look up", async () => {
    await start();
    await dependent("kept", [{ apiVersion: "example.com/v1", kind: "Widget", name: "w", uid: "3f1b3b5e-0000-4000-8000-000000000002" }]);
    await new Promise((r) => setTimeout(r, 100));
    expect(tryGet("kept")).toBeDefined();
  });

  it("foreground: the owner stays, deleting, until every dependent that blocks it is gone", async () => {
    await start();
    const parent = await owner("parent");
    await dependent("blocking", [ref(parent, { blockOwnerDeletion: true })], ["example.com/hold"]);
    await dependent("not-blocking", [ref(parent)]);
    await h.service.delete(configMaps(), "default", "parent", { propagationPolicy: "Foreground" });
    // Both dependents are deleted; the one with a finalizer of its own lingers and holds the owner.
    await eventually(() => !tryGet("not-blocking") && tryGet("blocking")?.metadata.deletionTimestamp, 5000, "dependents deleted");
    expect(tryGet("parent")?.metadata).toMatchObject({ deletionTimestamp: expect.any(String), finalizers: ["foregroundDeletion"] });
    await h.service.mutate(configMaps(), "default", "blocking", (o) => {
      delete o.metadata.finalizers;
    });
    await eventually(() => !tryGet("parent"), 5000, "the owner goes");
  });

  it("orphan: the dependents lose their reference to the owner, then the owner goes", async () => {
    await start();
    const [parent, other] = [await owner("parent"), await owner("other")];
    await dependent("only-child", [ref(parent, { controller: true, blockOwnerDeletion: true })]);
    await dependent("two-parents", [ref(parent), ref(other)]);
    await h.service.delete(configMaps(), "default", "parent", { propagationPolicy: "Orphan" });
    await eventually(() => !tryGet("parent"), 5000, "the owner goes");
    expect(tryGet("only-child")!.metadata.ownerReferences).toBeUndefined();
    expect(tryGet("two-parents")!.metadata.ownerReferences).toEqual([ref(other)]);
  });
});

describe("kubectl delete --cascade (real kubectl)", () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const list = (resource: string, group: string, labelSelector: string) =>
    t.cluster.service.list(t.cluster.service.definition(group, resource), "default", { labelSelector }).items;

  async function createWeb(name: string): Promise<{ replicaSet: KubeObject; pods: KubeObject[] }> {
    const created = await t.kubectl(["create", "deployment", name, "--image=127.0.0.1:1/none", "--replicas=2"]);
    expect(created).toMatchObject({ code: 0, stdout: `deployment.apps/${name} created\n` });
    return eventually(() => {
      const [replicaSet] = list("replicasets", "apps", `app=${name}`);
      const pods = list("pods", "", `app=${name}`);
      return replicaSet && pods.length === 2 && { replicaSet, pods };
    }, 5000, "the pods");
  }

  it("foreground: kubectl returns once the ReplicaSet and its pods are gone", async () => {
    await createWeb("fg");
    const deleted = await t.kubectl(["delete", "deployment", "fg", "--cascade=foreground"], { timeoutMs: 10_000 });
    expect(deleted).toMatchObject({ code: 0, stdout: 'deployment.apps "fg" deleted\n', stderr: "" });
    expect(list("replicasets", "apps", "app=fg")).toEqual([]);
    expect(list("pods", "", "app=fg")).toEqual([]);
  });

  it("background (the default): the ReplicaSet and its pods are collected after the Deployment", async () => {
    await createWeb("bg");
    expect(await t.kubectl(["delete", "deployment", "bg"])).toMatchObject({ code: 0, stdout: 'deployment.apps "bg" deleted\n' });
    await eventually(() => list("replicasets", "apps", "app=bg").length === 0 && list("pods", "", "app=bg").length === 0, 5000, "collection");
  });

  it("orphan: the ReplicaSet and pods stay, and a new Deployment with the same template adopts them", async () => {
    const { replicaSet, pods } = await createWeb("orphan");
    const deleted = await t.kubectl(["delete", "deployment", "orphan", "--cascade=orphan"], { timeoutMs: 10_000 });
    expect(deleted).toMatchObject({ code: 0, stdout: 'deployment.apps "orphan" deleted\n' });
    const [left] = list("replicasets", "apps", "app=orphan");
    expect(left!.metadata.uid).toBe(replicaSet.metadata.uid);
    expect(left!.metadata.ownerReferences).toBeUndefined();
    expect(list("pods", "", "app=orphan").map((p) => p.metadata.name).sort()).toEqual(pods.map((p) => p.metadata.name).sort());

    await t.kubectl(["create", "deployment", "orphan", "--image=127.0.0.1:1/none", "--replicas=2"]);
    const adopted = await eventually(() => {
      const [rs] = list("replicasets", "apps", "app=orphan");
      return rs?.metadata.ownerReferences && rs;
    }, 5000, "adoption");
    expect(adopted.metadata.uid).toBe(replicaSet.metadata.uid);
    expect(adopted.metadata.ownerReferences).toMatchObject([{ kind: "Deployment", name: "orphan", controller: true, blockOwnerDeletion: true }]);
    expect(list("pods", "", "app=orphan").map((p) => p.metadata.name).sort()).toEqual(pods.map((p) => p.metadata.name).sort());
  });
});
