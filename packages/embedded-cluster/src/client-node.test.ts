import {
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  ApiException,
  KubeConfig,
  makeInformer,
  type V1ConfigMap,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "./testing/test-cluster.ts";
import { waitFor } from "./testing/wait-for.ts";

let t: TestCluster;
let kc: KubeConfig;

beforeAll(async () => {
  t = await startTestCluster();
  kc = new KubeConfig();
  kc.loadFromFile(t.cluster.kubeconfigPath);
});
afterAll(async () => {
  await t.stop();
});

async function statusOf(promise: Promise<unknown>): Promise<{ code: number; status: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) {
      return { code: error.code, status: JSON.parse(error.body as string) as Record<string, unknown> };
    }
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("@kubernetes/client-node 1.4 against the embedded cluster", () => {
  it("does CRUD on every core kind and parses refusals as Status", async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: "client" } } });
    const secret = await core.createNamespacedSecret({
      namespace: "client",
      body: { metadata: { name: "s" }, type: "Opaque", stringData: { token: "abc" } },
    });
    expect(secret.data).toEqual({ token: Buffer.from("abc").toString("base64") });
    expect(secret.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);

    const read = await core.readNamespacedSecret({ namespace: "client", name: "s" });
    expect(read.metadata?.resourceVersion).toBe(secret.metadata?.resourceVersion);

    read.data = { token: Buffer.from("def").toString("base64") };
    const replaced = await core.replaceNamespacedSecret({ namespace: "client", name: "s", body: read });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(read.metadata?.resourceVersion));

    const stale = await statusOf(core.replaceNamespacedSecret({ namespace: "client", name: "s", body: read }));
    expect(stale.code).toBe(409);
    expect(stale.status).toMatchObject({ kind: "Status", reason: "Conflict", details: { name: "s", kind: "secrets" } });

    await core.createNamespacedConfigMap({ namespace: "client", body: { metadata: { name: "cm" }, data: { a: "1" } } });
    await core.createNamespacedServiceAccount({ namespace: "client", body: { metadata: { name: "robot" }, imagePullSecrets: [{ name: "s" }] } });
    await core.createNamespacedPod({
      namespace: "client",
      body: { metadata: { name: "p" }, spec: { serviceAccountName: "robot", containers: [{ name: "c", image: "nginx" }] } },
    });
    await core.createNamespacedEvent({
      namespace: "client",
      body: { metadata: { name: "p.1" }, involvedObject: { kind: "Pod", name: "p", namespace: "client" }, reason: "Testing", message: "hello", type: "Normal" },
    });
    const pods = await core.listNamespacedPod({ namespace: "client" });
    expect(pods.items.map((p) => p.metadata?.name)).toEqual(["p"]);
    expect(pods.items[0]?.spec?.containers[0]?.imagePullPolicy).toBe("Always");
    const nodes = await core.listNode();
    expect(nodes.items[0]?.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");

    const missing = await statusOf(core.readNamespacedConfigMap({ namespace: "client", name: "nope" }));
    expect(missing).toEqual({
      code: 404,
      status: expect.objectContaining({ reason: "NotFound", message: 'configmaps "nope" not found' }),
    });
    const deleted = await core.deleteNamespacedConfigMap({ namespace: "client", name: "cm" });
    expect(deleted).toMatchObject({ status: "Success", details: { name: "cm", kind: "configmaps" } });
  });

  it("deletes a bound pod gracefully with the grace period of the query, and gets the Pod back", async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedPod({ namespace: "default", body: { metadata: { name: "grace" }, spec: { containers: [{ name: "c", image: "nginx" }] } } });
    await waitFor(async () => (await core.readNamespacedPod({ namespace: "default", name: "grace" })).spec?.nodeName, "the binding");
    const pod = await core.deleteNamespacedPod({ namespace: "default", name: "grace", gracePeriodSeconds: 7 });
    expect(pod.kind).toBe("Pod");
    expect(pod.metadata?.deletionGracePeriodSeconds).toBe(7);
    expect(pod.metadata?.deletionTimestamp).toBeInstanceOf(Date);
  });

  it("does CRUD on apps, coordination and Rancher's projects", async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const deployment = await apps.createNamespacedDeployment({
      namespace: "client",
      body: {
        metadata: { name: "web" },
        spec: {
          selector: { matchLabels: { app: "web" } },
          template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
        },
      },
    });
    expect(deployment.spec?.replicas).toBe(1);
    expect(deployment.metadata?.generation).toBe(1);
    // client-node sends application/json-patch+json for patch calls unless told otherwise.
    const scaled = await apps.patchNamespacedDeploymentScale({ namespace: "client", name: "web", body: [{ op: "replace", path: "/spec/replicas", value: 3 }] });
    expect(scaled.spec?.replicas).toBe(3);

    const coordination = kc.makeApiClient(CoordinationV1Api);
    const lease = await coordination.createNamespacedLease({
      namespace: "local",
      body: { metadata: { name: "lock" }, spec: { holderIdentity: "a", leaseDurationSeconds: 15 } },
    });
    expect(lease.spec?.holderIdentity).toBe("a");

    const custom = kc.makeApiClient(CustomObjectsApi);
    await custom.createNamespacedCustomObject({
      group: "management.cattle.io",
      version: "v3",
      namespace: "local",
      plural: "projects",
      body: { apiVersion: "management.cattle.io/v3", kind: "Project", metadata: { name: "p-abcde" }, spec: { displayName: "Default", clusterName: "local" } },
    });
    const project = (await custom.getNamespacedCustomObject({ group: "management.cattle.io", version: "v3", namespace: "local", plural: "projects", name: "p-abcde" })) as {
      spec: { displayName: string };
    };
    expect(project.spec.displayName).toBe("Default");
  });

  it("keeps an informer equal to a fresh LIST while objects change, and after a forced 410", async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: "informed" } } });
    const informer = makeInformer<V1ConfigMap>(kc, "/api/v1/namespaces/informed/configmaps", () =>
      core.listNamespacedConfigMap({ namespace: "informed" }),
    );
    const errors: unknown[] = [];
    informer.on("error", (e) => errors.push(e));
    await informer.start();

    const names = () => informer.list().map((c) => `${c.metadata?.name}=${c.data?.v}`).sort();
    const listed = async () =>
      (await core.listNamespacedConfigMap({ namespace: "informed" })).items.map((c) => `${c.metadata?.name}=${c.data?.v}`).sort();

    for (let i = 0; i < 5; i++) {
      await core.createNamespacedConfigMap({ namespace: "informed", body: { metadata: { name: `c${i}` }, data: { v: "1" } } });
    }
    await core.patchNamespacedConfigMap({ namespace: "informed", name: "c1", body: [{ op: "replace", path: "/data/v", value: "2" }] });
    await core.deleteNamespacedConfigMap({ namespace: "informed", name: "c2" });
    await eventually(async () => expect(names()).toEqual(await listed()));

    // Writes the informer cannot see through its watch: the stream is closed and the history compacted,
    // so its resumed watch gets 410 Expired and it must re-list.
    t.cluster.compactAndCloseWatches();
    await core.createNamespacedConfigMap({ namespace: "informed", body: { metadata: { name: "after" }, data: { v: "3" } } });
    await core.deleteNamespacedConfigMap({ namespace: "informed", name: "c0" });
    await eventually(async () => expect(names()).toEqual(await listed()));
    expect(names()).toContain("after=3");
    expect(names()).not.toContain("c0=1");
    await informer.stop();
  });
});

async function eventually(assertion: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
