import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "./testing/test-cluster.ts";
import { apiRequest } from "./testing/api-request.ts";
import { waitFor } from "./testing/wait-for.ts";
import type { KubeObject } from "./api/types.ts";

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster();
});
afterAll(async () => {
  await t.stop();
});

const POD = (name: string) => ({ metadata: { name }, spec: { containers: [{ name: "c", image: "127.0.0.1:9/absent:1", imagePullPolicy: "Never" }] } });

async function create(path: string, body: object): Promise<KubeObject> {
  const created = await apiRequest(t.cluster, "POST", path, body);
  expect(created.status, created.text).toBe(201);
  return created.body as KubeObject;
}

async function scheduledPod(name: string): Promise<KubeObject> {
  const pod = await create("/api/v1/namespaces/default/pods", POD(name));
  const pods = t.cluster.service.definition("", "pods");
  await waitFor(() => (t.cluster.service.tryGet(pods, "default", name)?.spec as { nodeName?: string } | undefined)?.nodeName, `${name} scheduled`);
  return pod;
}

function successStatus(name: string, kind: string, uid: string | undefined, group?: string) {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details: { name, ...(group ? { group } : {}), kind, uid } };
}

describe("DELETE answers as kube-apiserver 1.32 does", () => {
  it("a graceful pod deletion answers the pod, marked, and kubectl waits for it to go", async () => {
    const pod = await scheduledPod("graceful");
    const answer = await apiRequest(t.cluster, "DELETE", "/api/v1/namespaces/default/pods/graceful", { propagationPolicy: "Background" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      kind: "Pod",
      apiVersion: "v1",
      metadata: { name: "graceful", uid: pod.metadata.uid, deletionGracePeriodSeconds: 30, deletionTimestamp: expect.any(String) },
    });
    await scheduledPod("waited");
    expect(await t.kubectl(["delete", "pod", "waited"])).toEqual({ code: 0, stdout: 'pod "waited" deleted\n', stderr: "" });
  });

  it("a pod removed at once (gracePeriodSeconds=0) answers the deleted pod, not a Status", async () => {
    const pod = await scheduledPod("now");
    const answer = await apiRequest(t.cluster, "DELETE", "/api/v1/namespaces/default/pods/now?gracePeriodSeconds=0");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      kind: "Pod",
      metadata: { name: "now", uid: pod.metadata.uid, deletionGracePeriodSeconds: 0, deletionTimestamp: expect.any(String) },
    });
    expect((await apiRequest(t.cluster, "GET", "/api/v1/namespaces/default/pods/now")).status).toBe(404);

    // An unscheduled pod is deleted at once whatever the grace period.
    const pending = await create("/api/v1/namespaces/default/pods", { ...POD("pending"), spec: { ...POD("pending").spec, nodeName: "" , schedulerName: "nobody" } });
    const gone = await apiRequest(t.cluster, "DELETE", "/api/v1/namespaces/default/pods/pending");
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ kind: "Pod", metadata: { name: "pending", uid: pending.metadata.uid, deletionGracePeriodSeconds: 0 } });
  });

  it("kubectl delete --now and --grace-period=0 --force print what they print against kube-apiserver", async () => {
    await scheduledPod("quick");
    expect(await t.kubectl(["delete", "pod", "quick", "--now"])).toEqual({ code: 0, stdout: 'pod "quick" deleted\n', stderr: "" });
    await scheduledPod("forced");
    expect(await t.kubectl(["delete", "pod", "forced", "--grace-period=0", "--force"])).toEqual({
      code: 0,
      stdout: 'pod "forced" force deleted\n',
      stderr:
        "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n",
    });
  });

  it("kinds stored without ReturnDeletedObject answer a Success Status naming the resource", async () => {
    const cases: Array<{ path: string; body: object; kind: string; group?: string }> = [
      { path: "/api/v1/namespaces/default/secrets", body: { metadata: { name: "s" }, stringData: { a: "b" } }, kind: "secrets" },
      { path: "/api/v1/namespaces/default/configmaps", body: { metadata: { name: "cm" } }, kind: "configmaps" },
      {
        path: "/api/v1/namespaces/default/events",
        body: { metadata: { name: "ev" }, involvedObject: { kind: "Pod", name: "x", namespace: "default" }, reason: "R", message: "m" },
        kind: "events",
      },
      { path: "/apis/coordination.k8s.io/v1/namespaces/default/leases", body: { metadata: { name: "l" } }, kind: "leases", group: "coordination.k8s.io" },
      {
        path: "/apis/apps/v1/namespaces/default/replicasets",
        body: { metadata: { name: "rs" }, spec: { replicas: 0, selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: POD("x").spec } } },
        kind: "replicasets",
        group: "apps",
      },
      {
        path: "/apis/management.cattle.io/v3/namespaces/default/projects",
        body: { apiVersion: "management.cattle.io/v3", kind: "Project", metadata: { name: "p" }, spec: { displayName: "P" } },
        kind: "projects",
        group: "management.cattle.io",
      },
    ];
    for (const c of cases) {
      const created = await create(c.path, c.body);
      const name = created.metadata.name!;
      const answer = await apiRequest(t.cluster, "DELETE", `${c.path}/${name}`);
      expect(answer.status, c.kind).toBe(200);
      expect(answer.body, c.kind).toEqual(successStatus(name, c.kind, created.metadata.uid, c.group));
    }
  });

  it("a service account answers the deleted object (ReturnDeletedObject)", async () => {
    const sa = await create("/api/v1/namespaces/default/serviceaccounts", { metadata: { name: "robot" } });
    const answer = await apiRequest(t.cluster, "DELETE", "/api/v1/namespaces/default/serviceaccounts/robot");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ kind: "ServiceAccount", apiVersion: "v1", metadata: { name: "robot", uid: sa.metadata.uid } });
    expect(answer.body).not.toHaveProperty(["metadata", "deletionTimestamp"]);
  });

  it("an object kept by finalizers answers the object; 202 when orphanDependents is false", async () => {
    const path = "/api/v1/namespaces/default/configmaps";
    await create(path, { metadata: { name: "held", finalizers: ["example.com/hold"] } });
    const first = await apiRequest(t.cluster, "DELETE", `${path}/held`, { orphanDependents: false });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ kind: "ConfigMap", metadata: { name: "held", finalizers: ["example.com/hold"], deletionTimestamp: expect.any(String), deletionGracePeriodSeconds: 0 } });
    const again = await apiRequest(t.cluster, "DELETE", `${path}/held`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ kind: "ConfigMap", metadata: { name: "held" } });
    const released = await apiRequest(t.cluster, "PATCH", `${path}/held`, { metadata: { finalizers: null } }, { "Content-Type": "application/merge-patch+json" });
    expect(released.status).toBe(200);
    expect((await apiRequest(t.cluster, "GET", `${path}/held`)).status).toBe(404);
  });

  it("a dry run answers what the delete would, and keeps the object", async () => {
    const secret = await create("/api/v1/namespaces/default/secrets", { metadata: { name: "kept" } });
    const dry = await apiRequest(t.cluster, "DELETE", "/api/v1/namespaces/default/secrets/kept?dryRun=All");
    expect(dry.body).toEqual(successStatus("kept", "secrets", secret.metadata.uid));
    expect((await apiRequest(t.cluster, "GET", "/api/v1/namespaces/default/secrets/kept")).status).toBe(200);

    await scheduledPod("dry");
    const pod = await apiRequest(t.cluster, "DELETE", "/api/v1/namespaces/default/pods/dry?dryRun=All");
    expect(pod.body).toMatchObject({ kind: "Pod", metadata: { name: "dry", deletionGracePeriodSeconds: 30, deletionTimestamp: expect.any(String) } });
    expect(t.cluster.service.get(t.cluster.service.definition("", "pods"), "default", "dry").metadata.deletionTimestamp).toBeUndefined();
  });

  it("a namespace answers itself, Terminating, on the first delete and on later ones", async () => {
    await create("/api/v1/namespaces", { metadata: { name: "doomed" } });
    await create("/api/v1/namespaces/doomed/configmaps", { metadata: { name: "held", finalizers: ["example.com/hold"] } });
    const first = await apiRequest(t.cluster, "DELETE", "/api/v1/namespaces/doomed");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: "Namespace", metadata: { name: "doomed", deletionTimestamp: expect.any(String) }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Terminating" } });
    const second = await apiRequest(t.cluster, "DELETE", "/api/v1/namespaces/doomed");
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ kind: "Namespace", status: { phase: "Terminating" } });
    await apiRequest(t.cluster, "PATCH", "/api/v1/namespaces/doomed/configmaps/held", { metadata: { finalizers: null } }, { "Content-Type": "application/merge-patch+json" });
    await waitFor(async () => (await apiRequest(t.cluster, "GET", "/api/v1/namespaces/doomed")).status === 404, "the namespace to go");
  });

  it("a CustomResourceDefinition answers itself marked for cleanup, then goes", async () => {
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget" },
        versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } }],
      },
    };
    const path = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    await create(path, crd);
    const answer = await apiRequest(t.cluster, "DELETE", `${path}/widgets.example.com`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.example.com", deletionTimestamp: expect.any(String), finalizers: ["customresourcecleanup.apiextensions.k8s.io"] },
      status: {
        conditions: expect.arrayContaining([
          expect.objectContaining({
            type: "Terminating",
            status: "True",
            reason: "InstanceDeletionPending",
            message: "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
          }),
        ]),
      },
    });
    expect((await apiRequest(t.cluster, "GET", `${path}/widgets.example.com`)).status).toBe(404);
    await create(path, crd);
    expect(await t.kubectl(["delete", "crd", "widgets.example.com"])).toEqual({
      code: 0,
      stdout: 'customresourcedefinition.apiextensions.k8s.io "widgets.example.com" deleted\n',
      stderr: "",
    });
  });
});
