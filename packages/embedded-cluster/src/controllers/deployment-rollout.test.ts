import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types.ts";
import { eventually, reportPodReady, startWorkloadHarness, type WorkloadHarness } from "../testing/workload-harness.ts";
import { startDeploymentController } from "./deployment-controller.ts";
import { startGarbageCollector } from "./garbage-collector.ts";
import { startReplicaSetController } from "./replicaset-controller.ts";
import { isPodReady } from "./pod-readiness.ts";

// The rollout arithmetic, step by step, with pods made ready by hand: no scheduler and no kubelet
// run here (pods stay unscheduled); reportPodReady stands in for the kubelet.

type JsonObject = Record<string, unknown>;

function deployment(replicas: number, strategy: JsonObject, extra: JsonObject = {}): KubeObject {
  return {
    metadata: { name: "web", labels: { app: "web" } },
    spec: {
      replicas,
      strategy,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "registry.example/web:1" }] },
      },
      ...extra,
    },
  };
}

describe("Deployment rollouts (in process, the kubelet stood in for)", () => {
  let h: WorkloadHarness;
  let stopAutoReady: (() => void) | undefined;
  afterEach(() => {
    stopAutoReady?.();
    stopAutoReady = undefined;
    h?.stop();
  });

  const def = (resource: string, group = "apps") => h.service.definition(group, resource);
  const d = () => h.service.get(def("deployments"), "default", "web");
  const status = () => (d().status ?? {}) as JsonObject;
  const replicaSets = () => h.service.list(def("replicasets"), "default").items;
  const rsByRevision = (revision: string) => replicaSets().find((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/revision"] === revision);
  const specReplicas = (rs: KubeObject | undefined) => (rs?.spec as { replicas?: number } | undefined)?.replicas;
  const pods = () => h.service.list(def("pods", ""), "default").items;
  const scalingEvents = () =>
    h.service
      .list(def("events", ""), "default")
      .items.filter((e) => e.reason === "ScalingReplicaSet")
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => e.message);

  async function start(): Promise<void> {
    h = await startWorkloadHarness([startGarbageCollector, startReplicaSetController, startDeploymentController]);
  }

  async function readyAll(): Promise<void> {
    for (const pod of pods()) if (!isPodReady(pod)) await reportPodReady(h.service, pod);
  }

  /** Reports every new pod ready shortly after it appears, as a quick kubelet would. */
  function autoReady(): void {
    const unsubscribe = h.service.store.subscribe((change) => {
      if (change.resource === "pods" && change.type === "ADDED") {
        setTimeout(() => void reportPodReady(h.service, change.object).catch(() => {}), 5);
      }
    });
    stopAutoReady = unsubscribe;
  }

  async function setImage(image: string): Promise<void> {
    await h.service.patch(def("deployments"), "default", "web", "strategic", {
      spec: { template: { spec: { containers: [{ name: "web", image }] } } },
    });
  }

  const complete = () => {
    const s = status();
    const replicas = (d().spec as { replicas: number }).replicas;
    return s.observedGeneration === d().metadata.generation && s.updatedReplicas === replicas && s.availableReplicas === replicas && s.replicas === replicas;
  };

  it("creates the first ReplicaSet and reports a complete rollout", async () => {
    await start();
    await h.service.create(def("deployments"), "default", deployment(2, { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } }));
    await eventually(() => pods().length === 2, 5000, "2 pods");
    const [rs] = replicaSets();
    const hash = rs!.metadata.labels!["pod-template-hash"]!;
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(status()).toMatchObject({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      unavailableReplicas: 2,
      conditions: [
        { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." },
        { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "web-${hash}" is progressing.` },
      ],
    });
    await readyAll();
    await eventually(complete, 5000, "complete");
    expect(status()).toEqual({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [
        expect.objectContaining({ type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." }),
        expect.objectContaining({ type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "web-${hash}" has successfully progressed.` }),
      ],
    });
    expect(scalingEvents()).toEqual([`Scaled up replica set web-${hash} from 0 to 2`]);
  });

  it("rolls a new template out within maxSurge and maxUnavailable", async () => {
    await start();
    await h.service.create(def("deployments"), "default", deployment(4, { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } }));
    await eventually(() => pods().length === 4, 5000, "4 pods");
    await readyAll();
    await eventually(complete, 5000, "first rollout");

    await setImage("registry.example/web:2");
    // One more pod than desired (surge 1), one old pod gone (unavailable 1), then it waits for readiness.
    await eventually(() => specReplicas(rsByRevision("2")) === 2 && specReplicas(rsByRevision("1")) === 3 && status().updatedReplicas === 2, 5000, "first step");
    const [oldName, newName] = [rsByRevision("1")!.metadata.name, rsByRevision("2")!.metadata.name];
    expect(pods().length).toBe(5);
    expect(status()).toMatchObject({ replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 2 });
    expect(scalingEvents().slice(1)).toEqual([
      `Scaled up replica set ${newName} from 0 to 1`,
      `Scaled down replica set ${oldName} from 4 to 3`,
      `Scaled up replica set ${newName} from 1 to 2`,
    ]);

    // From here on, never fewer than 3 ready pods and never more than 5 pods.
    let fewestReady = Infinity;
    let mostPods = 0;
    const unsubscribe = h.service.store.subscribe((change) => {
      if (change.resource !== "pods") return;
      const current = pods().filter((p) => !p.metadata.deletionTimestamp);
      fewestReady = Math.min(fewestReady, current.filter(isPodReady).length);
      mostPods = Math.max(mostPods, current.length);
    });
    autoReady();
    await readyAll();
    await eventually(complete, 5000, "second rollout");
    unsubscribe();
    expect(fewestReady).toBeGreaterThanOrEqual(3);
    expect(mostPods).toBeLessThanOrEqual(5);
    expect(specReplicas(rsByRevision("1"))).toBe(0);
    expect(specReplicas(rsByRevision("2"))).toBe(4);
    expect(d().metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "2" });
    expect(rsByRevision("2")!.metadata.annotations).toEqual({
      "deployment.kubernetes.io/desired-replicas": "4",
      "deployment.kubernetes.io/max-replicas": "5",
      "deployment.kubernetes.io/revision": "2",
    });
  });

  it("scales both ReplicaSets in proportion when scaled during a rollout", async () => {
    await start();
    await h.service.create(def("deployments"), "default", deployment(4, { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } }));
    await eventually(() => pods().length === 4, 5000, "4 pods");
    await readyAll();
    await eventually(complete, 5000, "first rollout");
    await setImage("registry.example/web:2");
    await eventually(() => specReplicas(rsByRevision("2")) === 2 && specReplicas(rsByRevision("1")) === 3, 5000, "mid-rollout");
    const [oldName, newName] = [rsByRevision("1")!.metadata.name, rsByRevision("2")!.metadata.name];

    await h.service.patch(def("deployments"), "default", "web", "merge", { spec: { replicas: 8 } });
    // 9 pods allowed (8 + surge 1), 4 to add: 3 × 9/5 → 5 and 2 × 9/5 → 4.
    await eventually(() => specReplicas(rsByRevision("1")) === 5 && specReplicas(rsByRevision("2")) === 4, 5000, "proportional scaling");
    expect(scalingEvents()).toContain(`Scaled up replica set ${oldName} from 3 to 5`);
    expect(scalingEvents()).toContain(`Scaled up replica set ${newName} from 2 to 4`);
    autoReady();
    await readyAll();
    await eventually(complete, 5000, "rollout at 8");
    expect(specReplicas(rsByRevision("2"))).toBe(8);
  });

  it("Recreate: scales the old ReplicaSet to 0 and creates the new one once its pods are gone", async () => {
    await start();
    await h.service.create(def("deployments"), "default", deployment(2, { type: "Recreate" }));
    await eventually(() => pods().length === 2, 5000, "2 pods");
    await readyAll();
    await eventually(complete, 5000, "first rollout");
    const oldName = replicaSets()[0]!.metadata.name;
    let mixed = false;
    const unsubscribe = h.service.store.subscribe((change) => {
      if (change.resource === "pods" && new Set(pods().map((p) => p.metadata.labels?.["pod-template-hash"])).size > 1) mixed = true;
    });
    autoReady();
    await setImage("registry.example/web:2");
    await eventually(complete, 5000, "recreated");
    unsubscribe();
    expect(mixed).toBe(false);
    const newName = rsByRevision("2")!.metadata.name;
    expect(scalingEvents()).toEqual([
      `Scaled up replica set ${oldName} from 0 to 2`,
      `Scaled down replica set ${oldName} from 2 to 0`,
      `Scaled up replica set ${newName} from 0 to 2`,
    ]);
  });

  it("keeps revisionHistoryLimit old ReplicaSets", async () => {
    await start();
    await h.service.create(def("deployments"), "default", deployment(1, { type: "RollingUpdate" }, { revisionHistoryLimit: 1 }));
    autoReady();
    await eventually(complete, 5000, "revision 1");
    for (const version of ["2", "3"]) {
      await setImage(`registry.example/web:${version}`);
      await eventually(() => complete() && d().metadata.annotations?.["deployment.kubernetes.io/revision"] === version, 5000, `revision ${version}`);
    }
    await eventually(() => replicaSets().length === 2, 5000, "cleanup");
    expect(replicaSets().map((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/revision"]).sort()).toEqual(["2", "3"]);
  });

  it("a paused Deployment rolls nothing out until resumed", async () => {
    await start();
    await h.service.create(def("deployments"), "default", deployment(1, { type: "RollingUpdate" }));
    autoReady();
    await eventually(complete, 5000, "revision 1");
    await h.service.patch(def("deployments"), "default", "web", "merge", { spec: { paused: true } });
    await eventually(() => (status().conditions as Array<{ reason?: string }>).some((c) => c.reason === "DeploymentPaused"), 5000, "paused");
    expect((status().conditions as JsonObject[]).find((c) => c.type === "Progressing")).toMatchObject({
      status: "Unknown",
      reason: "DeploymentPaused",
      message: "Deployment is paused",
    });
    await setImage("registry.example/web:2");
    await new Promise((r) => setTimeout(r, 100));
    expect(replicaSets()).toHaveLength(1);
    await h.service.patch(def("deployments"), "default", "web", "merge", { spec: { paused: false } });
    await eventually(() => complete() && replicaSets().length === 2, 5000, "resumed rollout");
  });

  it("reports ProgressDeadlineExceeded when the new pods never become available", async () => {
    await start();
    await h.service.create(def("deployments"), "default", deployment(1, { type: "RollingUpdate" }, { progressDeadlineSeconds: 1 }));
    const condition = await eventually(
      () => (status().conditions as JsonObject[] | undefined)?.find((c) => c.type === "Progressing" && c.reason === "ProgressDeadlineExceeded"),
      5000,
      "the deadline",
    );
    expect(condition).toMatchObject({ status: "False", message: `ReplicaSet "${replicaSets()[0]!.metadata.name}" has timed out progressing.` });
  });
});
