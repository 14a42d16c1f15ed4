import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pushImage } from "@paddock/registry-auth";
import { startDockerRegistry, type DockerRegistryFixture } from "@paddock/registry-auth/testing";
import { forbidden } from "../api/status.ts";
import type { AdmissionPlugin } from "../api/resource-service.ts";
import type { KubeObject } from "../api/types.ts";
import { startTestCluster, type TestCluster } from "../testing/test-cluster.ts";
import { eventually, reportPodReady, startWorkloadHarness, type WorkloadHarness } from "../testing/workload-harness.ts";
import { startGarbageCollector } from "./garbage-collector.ts";
import { startReplicaSetController } from "./replicaset-controller.ts";

// In process there is no scheduler and no kubelet: pods stay unscheduled, and reportPodReady stands in
// for the kubelet where a test needs ready pods.
const GENERATED = /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

function replicaSet(replicas: number, extra: { minReadySeconds?: number } = {}): KubeObject {
  return {
    metadata: { name: "web", labels: { app: "web" } },
    spec: {
      replicas,
      ...extra,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web", tier: "front" }, annotations: { note: "from the template" } },
        spec: { containers: [{ name: "web", image: "127.0.0.1:1/none" }] },
      },
    },
  };
}

describe("the ReplicaSet controller (in process)", () => {
  let h: WorkloadHarness;
  let admitPods = true;
  const podAdmission: AdmissionPlugin = (request) => {
    if (request.definition.kind === "Pod" && request.operation === "CREATE" && !admitPods) {
      throw forbidden(request.definition, request.object.metadata.name ?? "", "exceeded quota: pods");
    }
  };

  afterEach(() => h?.stop());

  const rsDef = () => h.service.definition("apps", "replicasets");
  const podDef = () => h.service.definition("", "pods");
  const pods = () => h.service.list(podDef(), "default").items;
  const rs = () => h.service.get(rsDef(), "default", "web");
  const events = (reason?: string) =>
    h.service
      .list(h.service.definition("", "events"), "default")
      .items.filter((e) => !reason || e.reason === reason)
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));

  async function start(): Promise<void> {
    admitPods = true;
    h = await startWorkloadHarness([startGarbageCollector, startReplicaSetController], [podAdmission]);
  }

  it("creates the pods from the template, owned by the ReplicaSet, and reports them", async () => {
    await start();
    const created = await h.service.create(rsDef(), "default", replicaSet(3));
    await eventually(() => pods().length === 3 && rs().status, 5000, "3 pods");
    for (const pod of pods()) {
      expect(pod.metadata.name).toMatch(GENERATED);
      expect(pod.metadata.generateName).toBe("web-");
      expect(pod.metadata.labels).toEqual({ app: "web", tier: "front" });
      expect(pod.metadata.annotations).toEqual({ note: "from the template" });
      expect(pod.metadata.ownerReferences).toEqual([
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: created.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
      }
    await eventually(() => (rs().status as { replicas?: number }).replicas === 3, 5000, "status.replicas");
    expect(rs().status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    const createdEvents = events("SuccessfulCreate");
    expect(createdEvents.map((e) => e.message).sort()).toEqual(pods().map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(createdEvents[0]).toMatchObject({
      type: "Normal",
      source: { component: "replicaset-controller" },
      involvedObject: { kind: "ReplicaSet", name: "web", namespace: "default", apiVersion: "apps/v1", uid: created.metadata.uid },
    });
  });

  it("counts ready and available pods as the kubelet reports them", async () => {
    await start();
    await h.service.create(rsDef(), "default", replicaSet(2));
    const [first] = await eventually(() => pods().length === 2 && pods(), 5000, "2 pods");
    await reportPodReady(h.service, first!);
    await eventually(() => (rs().status as { readyReplicas?: number }).readyReplicas === 1, 5000, "one ready");
    expect(rs().status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 });
  });

  it("counts a pod available only minReadySeconds after it became ready", async () => {
    await start();
    await h.service.create(rsDef(), "default", replicaSet(1, { minReadySeconds: 1 }));
    const [pod] = await eventually(() => pods().length === 1 && pods(), 5000, "a pod");
    await reportPodReady(h.service, pod!);
    await eventually(() => (rs().status as { readyReplicas?: number }).readyReplicas === 1, 5000, "ready");
    expect(rs().status).not.toHaveProperty("availableReplicas");
    await eventually(() => (rs().status as { availableReplicas?: number }).availableReplicas === 1, 3000, "available after 1 s");
  });

  it("deletes the surplus: not ready first, then the most recently ready", async () => {
    await start();
    await h.service.create(rsDef(), "default", replicaSet(3));
    const created = await eventually(() => pods().length === 3 && pods(), 5000, "3 pods");
    const [longReady, recentlyReady, notReady] = created;
    await reportPodReady(h.service, longReady!, new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z"));
    await reportPodReady(h.service, recentlyReady!);
    await eventually(() => (rs().status as { readyReplicas?: number }).readyReplicas === 2, 5000, "two ready");

    await h.service.patch(rsDef(), "default", "web", "merge", { spec: { replicas: 1 } });
    await eventually(() => pods().length === 1, 5000, "one pod left");
    expect(pods()[0]!.metadata.name).toBe(longReady!.metadata.name);
    expect(events("SuccessfulDelete").map((e) => e.message).sort()).toEqual(
      [`Deleted pod: ${notReady!.metadata.name}`, `Deleted pod: ${recentlyReady!.metadata.name}`].sort(),
    );
    await eventually(() => (rs().status as { replicas: number }).replicas === 1, 5000, "status.replicas 1");
    expect(rs().status).toEqual({ replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 2 });
  });

  it("replaces a deleted pod", async () => {
    await start();
    await h.service.create(rsDef(), "default", replicaSet(1));
    const [pod] = await eventually(() => pods().length === 1 && pods(), 5000, "a pod");
    await h.service.delete(podDef(), "default", pod!.metadata.name!);
    const [replacement] = await eventually(() => pods().length === 1 && pods()[0]!.metadata.uid !== pod!.metadata.uid && pods(), 5000, "a new pod");
    expect(replacement!.metadata.name).toMatch(GENERATED);
  });

  it("adopts a matching orphan instead of creating a pod, and releases a pod whose labels stop matching", async () => {
    await start();
    const orphan = await h.service.create(podDef(), "default", {
      metadata: { name: "orphan", labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "127.0.0.1:1/none" }] },
    });
    const owner = await h.service.create(rsDef(), "default", replicaSet(1));
    await eventually(() => h.service.get(podDef(), "default", "orphan").metadata.ownerReferences, 5000, "adoption");
    expect(h.service.get(podDef(), "default", "orphan").metadata.ownerReferences).toEqual([
      { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    await eventually(() => (rs().status as { replicas?: number }).replicas === 1, 5000, "status");
    expect(pods().map((p) => p.metadata.name)).toEqual(["orphan"]);
    // the adopted pod keeps its own labels: it is not fully labeled like the template (tier=front)
    expect(rs().status).toEqual({ replicas: 1, observedGeneration: 1 });

    await h.service.patch(podDef(), "default", "orphan", "merge", { metadata: { labels: { app: "other" } } });
    await eventually(() => pods().length === 2, 5000, "a replacement");
    expect(h.service.get(podDef(), "default", "orphan").metadata.ownerReferences).toBeUndefined();
    expect(orphan.metadata.uid).toBe(h.service.get(podDef(), "default", "orphan").metadata.uid);
  });

  it("reports pods it cannot create with FailedCreate and the ReplicaFailure condition, and recovers", async () => {
    await start();
    admitPods = false;
    await h.service.create(rsDef(), "default", replicaSet(1));
    const [failed] = await eventually(() => events("FailedCreate").length > 0 && events("FailedCreate"), 5000, "FailedCreate");
    expect(failed).toMatchObject({ type: "Warning", message: expect.stringMatching(/^Error creating: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: pods$/) });
    const status = await eventually(() => {
      const s = rs().status as { conditions?: Array<Record<string, unknown>> };
      return s.conditions && s;
    }, 5000, "ReplicaFailure");
    expect(status).toEqual({
      replicas: 0,
      observedGeneration: 1,
      conditions: [{ type: "ReplicaFailure", status: "True", lastTransitionTime: expect.any(String), reason: "FailedCreate", message: failed!.message!.toString().replace("Error creating: ", "") }],
    });
    admitPods = true;
    await eventually(() => pods().length === 1 && !(rs().status as { conditions?: unknown }).conditions, 5000, "recovery after the retry");
  });
});

describe("kubectl and ReplicaSets (real kubectl, scheduler and kubelet)", () => {
  let t: TestCluster;
  let registry: DockerRegistryFixture;

  beforeAll(async () => {
    registry = await startDockerRegistry();
    await pushImage({ registry: registry.host, repository: "demo/hello", tag: "1.0" });
    t = await startTestCluster();
  });
  afterAll(async () => {
    await t?.stop();
    await registry?.stop();
  });

  const rows = (text: string) => text.trim().split("\n").map((l) => l.trim().split(/\s{2,}/));

  it("runs, scales and describes a ReplicaSet", async () => {
    const manifest = JSON.stringify({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "frontend" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { tier: "frontend" } },
        template: { metadata: { labels: { tier: "frontend" } }, spec: { containers: [{ name: "hello", image: `${registry.host}/demo/hello:1.0` }] } },
      },
    });
    expect(await t.kubectl(["apply", "-f", "-"], { input: manifest })).toMatchObject({ code: 0, stdout: "replicaset.apps/frontend created\n" });
    const rsDef = t.cluster.service.definition("apps", "replicasets");
    await eventually(() => (t.cluster.service.get(rsDef, "default", "frontend").status as { readyReplicas?: number }).readyReplicas === 2, 10000, "2 ready");

    const listed = await t.kubectl(["get", "rs", "frontend"]);
    expect(rows(listed.stdout)).toEqual([
      ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
      ["frontend", "2", "2", "2", expect.stringMatching(/^\d+s$/)],
    ]);

    expect(await t.kubectl(["scale", "rs", "frontend", "--replicas=1"])).toMatchObject({ code: 0, stdout: "replicaset.apps/frontend scaled\n" });
    await eventually(() => (t.cluster.service.get(rsDef, "default", "frontend").status as { replicas?: number }).replicas === 1, 10000, "1 replica");
    const pods = await t.kubectl(["get", "pods", "-l", "tier=frontend"]);
    expect(rows(pods.stdout)).toEqual([
      ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
      [expect.stringMatching(/^frontend-[a-z0-9]{5}$/), "1/1", "Running", "0", expect.stringMatching(/^\d+s$/)],
    ]);

    const described = await t.kubectl(["describe", "rs", "frontend"]);
    expect(described.stdout).toMatch(/^Replicas:\s+1 current \/ 1 desired$/m);
    expect(described.stdout).toMatch(/^Pods Status:\s+1 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
    const eventLines = described.stdout.slice(described.stdout.indexOf("Events:")).split("\n").slice(3).filter(Boolean);
    expect(eventLines.map((l) => l.trim().split(/\s{2,}/).filter((_, i) => i !== 2))).toEqual([
      ["Normal", "SuccessfulCreate", "replicaset-controller", expect.stringMatching(/^Created pod: frontend-[a-z0-9]{5}$/)],
      ["Normal", "SuccessfulCreate", "replicaset-controller", expect.stringMatching(/^Created pod: frontend-[a-z0-9]{5}$/)],
      ["Normal", "SuccessfulDelete", "replicaset-controller", expect.stringMatching(/^Deleted pod: frontend-[a-z0-9]{5}$/)],
    ]);

    expect(await t.kubectl(["delete", "rs", "frontend"])).toMatchObject({ code: 0, stdout: 'replicaset.apps "frontend" deleted\n' });
    await eventually(() => t.cluster.service.list(t.cluster.service.definition("", "pods"), "default").items.length === 0, 5000, "pods collected");
  });
});
