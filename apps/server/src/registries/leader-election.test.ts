import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoordinationV1Api, CoreV1Api, KubeConfig, type V1Secret } from "@kubernetes/client-node";
import { startTestCluster, type TestCluster } from "@paddock/embedded-cluster/testing";
import { ClusterConnection } from "../kube/cluster-connection.ts";
import { eventually } from "../testing/eventually.ts";
import { createRancherProject, projectMarks } from "../testing/projects.ts";
import { registryData, tryReadSecret } from "../testing/registries.ts";
import { LeaderElector, type LeaderElectionOptions } from "./leader-election.ts";
import { ProjectRegistryController } from "./project-registry-controller.ts";

// Leadership among several replicas of the BFF, against one cluster and no server (so that no
// other controller takes part): the elector alone, then the project registry controller failing
// over. Each test uses a Lease of its own.

let t: TestCluster;
let kc: KubeConfig;
let api: CoordinationV1Api;
let core: CoreV1Api;
const running: LeaderElector[] = [];
const connections: ClusterConnection[] = [];
const controllers: ProjectRegistryController[] = [];

beforeAll(async () => {
  t = await startTestCluster();
  kc = new KubeConfig();
  kc.loadFromFile(t.cluster.kubeconfigPath);
  api = kc.makeApiClient(CoordinationV1Api);
  core = kc.makeApiClient(CoreV1Api);
});
afterAll(async () => {
  await Promise.all([...running, ...controllers].map((e) => e.stop({ release: false })));
  for (const c of connections) c.stop();
  await t?.stop();
});

const FAST = { leaseDurationMs: 1_000, renewDeadlineMs: 700, retryPeriodMs: 100 };

function candidate(name: string, identity: string, events: string[] = [], options: Partial<LeaderElectionOptions> = {}): LeaderElector {
  const elector = new LeaderElector(api, {
    namespace: "local",
    name,
    identity,
    ...FAST,
    onStartedLeading: () => events.push(`${identity} started`),
    onStoppedLeading: () => events.push(`${identity} stopped`),
    ...options,
  });
  running.push(elector);
  return elector;
}

describe("LeaderElector", () => {
  it("lets exactly one candidate lead, and hands over at once when the leader stops", async () => {
    const events: string[] = [];
    const a = candidate("election-handover", "replica-a", events);
    const b = candidate("election-handover", "replica-b", events);
    a.start();
    await eventually(() => expect(a.isLeader).toBe(true));
    b.start();
    // b keeps trying for several of its retry periods, and a keeps renewing.
    await new Promise((r) => setTimeout(r, 500));
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    const held = await api.readNamespacedLease({ name: "election-handover", namespace: "local" });
    expect(held.spec).toMatchObject({ holderIdentity: "replica-a", leaseDurationSeconds: 1, leaseTransitions: 0 });
    expect(String(held.spec?.renewTime)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    const stoppedAt = Date.now();
    await a.stop();
    expect(a.isLeader).toBe(false);
    await eventually(() => expect(b.isLeader).toBe(true));
    // A released Lease is free: no waiting for it to expire.
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    const taken = await api.readNamespacedLease({ name: "election-handover", namespace: "local" });
    expect(taken.spec).toMatchObject({ holderIdentity: "replica-b", leaseTransitions: 1 });
    expect(events).toEqual(["replica-a started", "replica-a stopped", "replica-b started"]);
    await b.stop();
    expect(events.at(-1)).toBe("replica-b stopped");
  });

  it("takes over from a leader that crashed only once its lease expired", async () => {
    const a = candidate("election-crash", "replica-a");
    a.start();
    await eventually(() => expect(a.isLeader).toBe(true));
    await a.stop({ release: false }); // a crash: the Lease still names replica-a

    const b = candidate("election-crash", "replica-b");
    const startedAt = Date.now();
    b.start();
    await new Promise((r) => setTimeout(r, 600));
    expect(b.isLeader).toBe(false);
    await eventually(() => expect(b.isLeader).toBe(true));
    // It waited a whole lease duration (1 s), measured from when it first saw the record.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_000);
    const lease = await api.readNamespacedLease({ name: "election-crash", namespace: "local" });
    expect(lease.spec).toMatchObject({ holderIdentity: "replica-b", leaseTransitions: 1 });
    await b.stop();
  });

  it("stops leading when someone else took the Lease", async () => {
    const events: string[] = [];
    const a = candidate("election-stolen", "replica-a", events, { leaseDurationMs: 10_000, renewDeadlineMs: 5_000, retryPeriodMs: 100 });
    a.start();
    await eventually(() => expect(a.isLeader).toBe(true));
    const lease = await api.readNamespacedLease({ name: "election-stolen", namespace: "local" });
    lease.spec = { ...lease.spec, holderIdentity: "intruder" };
    await api.replaceNamespacedLease({ name: "election-stolen", namespace: "local", body: lease });
    await eventually(() => expect(a.isLeader).toBe(false));
    expect(events).toEqual(["replica-a started", "replica-a stopped"]);
    await a.stop();
  });

  it("refuses timings where a leader could outlive its lease", () => {
    expect(() => new LeaderElector(api, { namespace: "local", leaseDurationMs: 1_000, renewDeadlineMs: 1_000, retryPeriodMs: 100 })).toThrow(
      "leader election needs leaseDuration > renewDeadline > retryPeriod",
    );
  });
});

const LABEL = "management.cattle.io/project-scoped-secret";
const COPY = "management.cattle.io/project-scoped-secret-copy";

async function createMember(name: string): Promise<void> {
  await core.createNamespace({ body: { metadata: { name, ...projectMarks("p-fail1") } } });
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

async function createSource(name: string, password: string): Promise<V1Secret> {
  return core.createNamespacedSecret({
    namespace: "local-p-fail1",
    body: { metadata: { name, labels: { [LABEL]: "p-fail1" } }, type: "kubernetes.io/dockerconfigjson", data: registryData("robot", password) },
  });
}

const tryRead = (namespace: string, name: string) => tryReadSecret(core, namespace, name);

async function dataOf(namespace: string, name: string): Promise<Record<string, string> | undefined> {
  return (await tryRead(namespace, name))?.data;
}

describe("project registry controllers on several replicas", () => {
  beforeAll(async () => {
    await createRancherProject({ kubeConfig: kc }, { id: "p-fail1", displayName: "Failover", namespaces: ["f-a", "f-b"], backingNamespace: true });
  });

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
        data: registryData("robot", "stale"),
      },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await tryRead("f-c", "half-done")).toBeUndefined(); // nobody leads

    const c = await replica("replica-c");
    await eventually(() => expect(c.isLeader).toBe(true));
    for (const ns of ["f-b", "f-c"]) await eventually(async () => expect(await dataOf(ns, "half-done")).toEqual(source.data));
    await eventually(async () => expect(await dataOf("f-c", "shared-registry")).toEqual(registryData("robot", "first")));
    await c.idle();
    // The copy that was already right is left as it was.
    expect((await tryRead("f-a", "half-done"))?.metadata?.resourceVersion).toBe(made.metadata?.resourceVersion);
  });
});
