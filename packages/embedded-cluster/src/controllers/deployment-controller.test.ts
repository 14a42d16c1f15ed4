import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushImage } from "@paddock/registry-auth";
import { startDockerRegistry, type DockerRegistryFixture } from "@paddock/registry-auth/testing";
import type { KubeObject } from "../api/types.ts";
import { startTestCluster, type TestCluster } from "../testing/test-cluster.ts";
import { eventually } from "../testing/workload-harness.ts";

// `kubectl create deployment`, `rollout status`, `set image`, `scale`, `rollout restart`, `delete`
// against the embedded cluster, whose kubelet pulls the images from a real registry run by the test.

let t: TestCluster;
let registry: DockerRegistryFixture;

beforeAll(async () => {
  registry = await startDockerRegistry();
  await pushImage({ registry: registry.host, repository: "demo/hello", tag: "1.0" });
  await pushImage({ registry: registry.host, repository: "demo/hello", tag: "2.0" });
  t = await startTestCluster({ imagePullBackOff: { initialMs: 200, maxMs: 400 } });
});
afterAll(async () => {
  await t?.stop();
  await registry?.stop();
});

const rows = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s{2,}/));
const AGE = expect.stringMatching(/^\d+s$/);

function get(resource: string, name: string, group = "apps"): KubeObject {
  return t.cluster.service.get(t.cluster.service.definition(group, resource), "default", name);
}

function list(resource: string, group = "apps", labelSelector?: string): KubeObject[] {
  return t.cluster.service.list(t.cluster.service.definition(group, resource), "default", { labelSelector }).items;
}

/** The ScalingReplicaSet messages recorded for a Deployment, oldest first. */
function scalingEvents(deployment: string): string[] {
  return list("events", "")
    .filter((e) => e.reason === "ScalingReplicaSet" && (e.involvedObject as { name: string }).name === deployment)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => String(e.message));
}

function revisionOf(rs: KubeObject): string | undefined {
  return rs.metadata.annotations?.["deployment.kubernetes.io/revision"];
}

function replicaSetOfRevision(revision: string): KubeObject {
  const rs = list("replicasets", "apps", "app=web").find((r) => revisionOf(r) === revision);
  if (!rs) throw new Error(`no ReplicaSet with revision ${revision}`);
  return rs;
}

/** Runs kubectl in the background, to act while it waits (same kubeconfig, a discovery cache of its own). */
function watchKubectl(args: string[]): { printed(text: string): Promise<void>; done: Promise<{ code: number; stdout: string; stderr: string }> } {
  const cacheDir = mkdtempSync(join(tmpdir(), "paddock-kubectl-watch-"));
  const child = spawn("kubectl", args, { env: { ...process.env, KUBECONFIG: t.cluster.kubeconfigPath, KUBECACHEDIR: cacheDir, HOME: cacheDir } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (code) => {
      rmSync(cacheDir, { recursive: true, force: true });
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
  return { printed: (text) => eventually(() => stdout.includes(text), 20000, `kubectl to print ${text}`).then(() => undefined), done };
}

/** `kubectl rollout status` prints a line per watch event; the lines before the last one are waiting messages. */
function expectRolledOut(result: { code: number; stdout: string; stderr: string }, name: string): void {
  expect(result).toMatchObject({ code: 0, stderr: "" });
  const lines = result.stdout.trimEnd().split("\n");
  expect(lines.at(-1)).toBe(`deployment "${name}" successfully rolled out`);
  for (const line of lines.slice(0, -1)) expect(line).toMatch(new RegExp(`^Waiting for deployment "${name}" rollout to finish: `));
}

describe("kubectl and Deployments", () => {
  let firstHash = "";

  it("create deployment: a ReplicaSet named after the template hash, its pods, and a complete rollout", async () => {
    const created = await t.kubectl(["create", "deployment", "web", `--image=${registry.host}/demo/hello:1.0`, "--replicas=2"]);
    expect(created).toMatchObject({ code: 0, stdout: "deployment.apps/web created\n", stderr: "" });
    expectRolledOut(await t.kubectl(["rollout", "status", "deployment/web", "--timeout=20s"]), "web");

    const [rs] = list("replicasets", "apps", "app=web");
    firstHash = rs!.metadata.labels!["pod-template-hash"]!;
    expect(rs!.metadata.name).toBe(`web-${firstHash}`);
    expect(rs!.spec).toMatchObject({ replicas: 2, selector: { matchLabels: { app: "web", "pod-template-hash": firstHash } } });
    expect(rs!.metadata.annotations).toEqual({
      "deployment.kubernetes.io/desired-replicas": "2",
      "deployment.kubernetes.io/max-replicas": "3",
      "deployment.kubernetes.io/revision": "1",
    });

    const shown = await t.kubectl(["get", "deploy,rs,pods"]);
    expect(rows(shown.stdout)).toEqual([
      ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
      ["deployment.apps/web", "2/2", "2", "2", AGE],
      [""],
      ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
      [`replicaset.apps/web-${firstHash}`, "2", "2", "2", AGE],
      [""],
      ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
      [expect.stringMatching(new RegExp(`^pod/web-${firstHash}-[a-z0-9]{5}$`)), "1/1", "Running", "0", AGE],
      [expect.stringMatching(new RegExp(`^pod/web-${firstHash}-[a-z0-9]{5}$`)), "1/1", "Running", "0", AGE],
    ]);

    const deployment = get("deployments", "web");
    expect(deployment.metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "1" });
    expect(deployment.status).toEqual({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [
        {
          type: "Available",
          status: "True",
          lastUpdateTime: expect.any(String),
          lastTransitionTime: expect.any(String),
          reason: "MinimumReplicasAvailable",
          message: "Deployment has minimum availability.",
        },
        {
          type: "Progressing",
          status: "True",
          lastUpdateTime: expect.any(String),
          lastTransitionTime: expect.any(String),
          reason: "NewReplicaSetAvailable",
          message: `ReplicaSet "web-${firstHash}" has successfully progressed.`,
        },
      ],
    });
    expect(scalingEvents("web")).toEqual([`Scaled up replica set web-${firstHash} from 0 to 2`]);
    const [event] = list("events", "").filter((e) => e.reason === "ScalingReplicaSet");
    expect(event).toMatchObject({ type: "Normal", source: { component: "deployment-controller" }, involvedObject: { kind: "Deployment", name: "web" } });
  });

  it("set image: a new ReplicaSet (revision 2) scaled up as the old one is scaled down", async () => {
    const updated = await t.kubectl(["set", "image", "deployment/web", `hello=${registry.host}/demo/hello:2.0`]);
    expect(updated).toMatchObject({ code: 0, stdout: "deployment.apps/web image updated\n" });
    expectRolledOut(await t.kubectl(["rollout", "status", "deployment/web", "--timeout=20s"]), "web");

    const [oldRS, newRS] = [replicaSetOfRevision("1"), replicaSetOfRevision("2")];
    expect(oldRS.metadata.name).toBe(`web-${firstHash}`);
    expect(newRS.metadata.name).not.toBe(oldRS.metadata.name);
    // 2 replicas: surge 1 (25% rounded up), unavailable 0 (25% rounded down): one pod at a time.
    expect(scalingEvents("web").slice(1)).toEqual([
      `Scaled up replica set ${newRS.metadata.name} from 0 to 1`,
      `Scaled down replica set ${oldRS.metadata.name} from 2 to 1`,
      `Scaled up replica set ${newRS.metadata.name} from 1 to 2`,
      `Scaled down replica set ${oldRS.metadata.name} from 1 to 0`,
    ]);
    const replicaSets = await t.kubectl(["get", "rs", "-l", "app=web", "--sort-by=.metadata.annotations.deployment\\.kubernetes\\.io/revision"]);
    expect(rows(replicaSets.stdout)).toEqual([
      ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
      [oldRS.metadata.name, "0", "0", "0", AGE],
      [newRS.metadata.name, "2", "2", "2", AGE],
    ]);
    expect(get("deployments", "web").metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "2" });
  });

  it("scale: the current ReplicaSet grows", async () => {
    expect(await t.kubectl(["scale", "deployment/web", "--replicas=3"])).toMatchObject({ code: 0, stdout: "deployment.apps/web scaled\n" });
    expectRolledOut(await t.kubectl(["rollout", "status", "deployment/web", "--timeout=20s"]), "web");
    const current = replicaSetOfRevision("2");
    expect(scalingEvents("web").at(-1)).toBe(`Scaled up replica set ${current.metadata.name} from 2 to 3`);
    expect(current.metadata.annotations).toMatchObject({ "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4" });
    expect(rows((await t.kubectl(["get", "deployment", "web"])).stdout)).toEqual([
      ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
      ["web", "3/3", "3", "3", AGE],
    ]);
  });

  it("rollout restart: a new ReplicaSet for the restartedAt annotation, and the history of revisions", async () => {
    expect(await t.kubectl(["rollout", "restart", "deployment/web"])).toMatchObject({ code: 0, stdout: "deployment.apps/web restarted\n" });
    expectRolledOut(await t.kubectl(["rollout", "status", "deployment/web", "--timeout=20s"]), "web");
    const restarted = replicaSetOfRevision("3");
    const annotations = (restarted.spec as { template: { metadata: { annotations?: Record<string, string> } } }).template.metadata.annotations;
    expect(annotations?.["kubectl.kubernetes.io/restartedAt"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(list("pods", "", "app=web").map((p) => p.metadata.labels?.["pod-template-hash"])).toEqual(
      Array(3).fill(restarted.metadata.labels?.["pod-template-hash"]),
    );
    const history = await t.kubectl(["rollout", "history", "deployment/web"]);
    expect(history.stdout.split("\n").map((l) => l.trimEnd())).toEqual([
      "deployment.apps/web",
      "REVISION  CHANGE-CAUSE",
      "1         <none>",
      "2         <none>",
      "3         <none>",
      "",
      "",
    ]);
    const described = await t.kubectl(["describe", "deployment", "web"]);
    expect(described.stdout).toMatch(/^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m);
    expect(described.stdout).toMatch(new RegExp(`^NewReplicaSet:\\s+${restarted.metadata.name} \\(3/3 replicas created\\)$`, "m"));
    expect(described.stdout).toMatch(/^ {2}Available\s+True\s+MinimumReplicasAvailable$/m);
    expect(described.stdout).toMatch(/^ {2}Progressing\s+True\s+NewReplicaSetAvailable$/m);
  });

  it("delete deployment: its ReplicaSets and pods go too", async () => {
    expect(await t.kubectl(["delete", "deployment", "web"])).toMatchObject({ code: 0, stdout: 'deployment.apps "web" deleted\n' });
    await eventually(() => list("replicasets", "apps", "app=web").length === 0 && list("pods", "", "app=web").length === 0, 5000, "collection");
    expect(await t.kubectl(["get", "deploy,rs,pods", "-l", "app=web"])).toMatchObject({ code: 0, stdout: "", stderr: "No resources found in default namespace.\n" });
  });
});

describe("kubectl rollout status while pods are not available", () => {
  it("waits for the pods, which run once their image can be pulled", async () => {
    const created = await t.kubectl(["create", "deployment", "late", `--image=${registry.host}/demo/late:1.0`]);
    expect(created).toMatchObject({ code: 0, stdout: "deployment.apps/late created\n" });
    // The image is not there yet: the kubelet fails to pull and backs off.
    await eventually(() => {
      const status = get("deployments", "late").status as { observedGeneration?: number; updatedReplicas?: number };
      const [pod] = list("pods", "", "app=late");
      const waiting = pod && JSON.stringify(pod.status).match(/ErrImagePull|ImagePullBackOff/);
      return status.observedGeneration === 1 && status.updatedReplicas === 1 && waiting;
    }, 10000, "a failing pull");

    const watching = watchKubectl(["rollout", "status", "deployment/late", "--timeout=20s"]);
    await watching.printed('Waiting for deployment "late" rollout to finish');
    await pushImage({ registry: registry.host, repository: "demo/late", tag: "1.0" });
    const result = await watching.done;
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe('Waiting for deployment "late" rollout to finish: 0 of 1 updated replicas are available...\ndeployment "late" successfully rolled out\n');
  });

  it("fails once the progress deadline passes", async () => {
    const manifest = JSON.stringify({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "stuck" },
      spec: {
        progressDeadlineSeconds: 1,
        selector: { matchLabels: { app: "stuck" } },
        template: { metadata: { labels: { app: "stuck" } }, spec: { containers: [{ name: "app", image: `${registry.host}/demo/missing:1.0` }] } },
      },
    });
    expect(await t.kubectl(["apply", "-f", "-"], { input: manifest })).toMatchObject({ code: 0, stdout: "deployment.apps/stuck created\n" });
    const result = await t.kubectl(["rollout", "status", "deployment/stuck", "--timeout=20s"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: deployment "stuck" exceeded its progress deadline\n');
    const [rs] = list("replicasets", "apps", "app=stuck");
    expect((get("deployments", "stuck").status as { conditions: unknown[] }).conditions).toContainEqual({
      type: "Progressing",
      status: "False",
      lastUpdateTime: expect.any(String),
      lastTransitionTime: expect.any(String),
      reason: "ProgressDeadlineExceeded",
      message: `ReplicaSet "${rs!.metadata.name}" has timed out progressing.`,
    });
  });
});
