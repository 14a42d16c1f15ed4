import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoreV1Api, CustomObjectsApi, KubeConfig, type V1Secret } from "@kubernetes/client-node";
import { startTestCluster, type TestCluster } from "@paddock/embedded-cluster/testing";
import { ClusterConnection } from "../kube/cluster-connection.ts";
import { ProjectRegistryController } from "./project-registry-controller.ts";

// Several replicas of the BFF, each with its own connection and controller, against one cluster
// (no server here, so that no other controller takes part).

let t: TestCluster;
let kc: KubeConfig;
let core: CoreV1Api;
const connections: ClusterConnection[] = [];
const controllers: ProjectRegistryController[] = [];

beforeAll(async () => {
  t = await startTestCluster();
  kc = new KubeConfig();
  kc.loadFromFile(t.cluster.kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
  await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
    group: "management.cattle.io",
    version: "v3",
    namespace: "local",
    plural: "projects",
    body: { apiVersion: "management.cattle.io/v3", kind: "Project", metadata: { name: "p-fail1", namespace: "local" }, spec: { displayName: "Failover", clusterName: "local" } },
  });
  await core.createNamespace({ body: { metadata: { name: "local-p-fail1" } } });
  for (const name of ["f-a", "f-b"]) await createMember(name);
});
afterAll(async () => {
  await Promise.all(controllers.map((c) => c.stop({ release: false })));
  for (const c of connections) c.stop();
  await t?.stop();
});

const LABEL = "management.cattle.io/project-scoped-secret";
const COPY = "management.cattle.io/project-scoped-secret-copy";

async function createMember(name: string): Promise<void> {
  await core.createNamespace({
    body: { metadata: { name, labels: { "field.cattle.io/projectId": "p-fail1" }, annotations: { "field.cattle.io/projectId": "local:p-fail1" } } },
  });
}

/** A replica: its own connection to the cluster and its own controller, with short timings. */
async function replica(identity: string): Promise<ProjectRegistryController> {
  const connection = new ClusterConnection({ id: "local", name: "local", embedded: true, server: "" }, kc);
  await connection.start();
  connections.push(connection);
  const controller = new ProjectRegistryController(connection, { identity, leaseDurationMs: 1_000, renewDeadlineMs: 700, retryPeriodMs: 100, debounceMs: 20 });
  controllers.push(controller);
  controller.start();
  return controller;
}

async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

function registryData(password: string): Record<string, string> {
  const auth = Buffer.from(`robot:${password}`).toString("base64");
  return { ".dockerconfigjson": Buffer.from(JSON.stringify({ auths: { "registry.example.com": { username: "robot", password, auth } } })).toString("base64") };
}

async function createSource(name: string, password: string): Promise<V1Secret> {
  return core.createNamespacedSecret({
    namespace: "local-p-fail1",
    body: { metadata: { name, labels: { [LABEL]: "p-fail1" } }, type: "kubernetes.io/dockerconfigjson", data: registryData(password) },
  });
}

async function tryRead(namespace: string, name: string): Promise<V1Secret | undefined> {
  try {
    return await core.readNamespacedSecret({ namespace, name });
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw error;
  }
}

async function dataOf(namespace: string, name: string): Promise<Record<string, string> | undefined> {
  return (await tryRead(namespace, name))?.data;
}

describe("project registry controllers on several replicas", () => {
  it("lets one replica lead; the other takes over when it stops", async () => {
    const a = await replica("replica-a");
    await eventually(() => expect(a.isLeader).toBe(true));
    const b = await replica("replica-b");
    await new Promise((r) => setTimeout(r, 400));
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);

    const source = await createSource("shared-registry", "first");
    for (const ns of ["f-a", "f-b"]) await eventually(async () => expect(await dataOf(ns, "shared-registry")).toEqual(source.data));

    await a.stop();
    await eventually(() => expect(b.isLeader).toBe(true));
    await core.deleteNamespacedSecret({ namespace: "f-a", name: "shared-registry" });
    await eventually(async () => expect(await dataOf("f-a", "shared-registry")).toEqual(source.data));
  });

  it("loses nothing when the leader dies half-way: the next leader finishes the work", async () => {
    const b = controllers.find((c) => c.isLeader)!;
    expect(b.identity).toBe("replica-b");
    await b.stop({ release: false }); // a crash: the Lease still names replica-b until it expires

    // What a leader that died half-way through a pass leaves behind: one copy made, one stale, one missing.
    const source = await createSource("half-done", "second");
    await createMember("f-c");
    const made = await core.createNamespacedSecret({
      namespace: "f-a",
      body: {
        metadata: { name: "half-done", labels: { [LABEL]: "p-fail1", "app.kubernetes.io/managed-by": "paddock" }, annotations: { [COPY]: "true" } },
        type: "kubernetes.io/dockerconfigjson",
        data: source.data!,
      },
    });
    await core.createNamespacedSecret({
      namespace: "f-b",
      body: {
        metadata: { name: "half-done", labels: { [LABEL]: "p-fail1", "app.kubernetes.io/managed-by": "paddock" }, annotations: { [COPY]: "true" } },
        type: "kubernetes.io/dockerconfigjson",
        data: registryData("stale"),
      },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await tryRead("f-c", "half-done")).toBeUndefined(); // nobody leads

    const c = await replica("replica-c");
    await eventually(() => expect(c.isLeader).toBe(true));
    for (const ns of ["f-b", "f-c"]) await eventually(async () => expect(await dataOf(ns, "half-done")).toEqual(source.data));
    await eventually(async () => expect(await dataOf("f-c", "shared-registry")).toEqual(registryData("first")));
    await c.idle();
    // The copy that was already right is left as it was.
    expect((await tryRead("f-a", "half-done"))?.metadata?.resourceVersion).toBe(made.metadata?.resourceVersion);
  });
});
