import { AppsV1Api, KubeConfig, type V1Deployment } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually, until } from "../testing/eventually.ts";
import { createNamespaceThroughApi, createProjectThroughApi } from "../testing/projects.ts";
import { kubectlDockerRegistrySecret } from "../testing/registries.ts";
import type { TestServer } from "../testing/test-server.ts";

// Rule 3 through the API, in project "Workloads": what is attached, what the preview says, and the
// workload routes. Pods are not needed here (workload-pulls.suite.ts has the kubelet's side).

const REGISTRY = "127.0.0.1:5999";
const IMAGE = `${REGISTRY}/demo/hello:1.0`;

export function workloadRoutesSuite(server: () => TestServer): void {
  describe("workloads: pull secrets and routes", () => {
    let t: TestServer;
    let base: string;
    let apps: AppsV1Api;

    beforeAll(async () => {
      t = server();
      const project = await createProjectThroughApi(t, "Workloads", ["wl-apps", "wl-tools"]);
      await createNamespaceThroughApi(t, "wl-outside");
      base = `/api/clusters/local/projects/${project.id}`;
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromFile(t.kubeconfig);
      apps = kubeConfig.makeApiClient(AppsV1Api);
      await Promise.all([
        kubectlDockerRegistrySecret(t, "wl-apps", "demo", REGISTRY, "alice", "alice-password"),
        kubectlDockerRegistrySecret(t, "wl-apps", "quay", "quay.io", "bob", "bob-password"),
        kubectlDockerRegistrySecret(t, "wl-outside", "elsewhere", REGISTRY, "carol", "carol-password"),
      ]);
      await eventually(async () => (await preview({ namespace: "wl-apps", images: [IMAGE] })).body.imagePullSecrets?.length === 1);
    }, 30_000);

    const preview = (body: unknown) => t.api.post(`${base}/pull-secret-preview`, body);

    /** The Deployment as the cluster stores it. */
    async function deploymentJson(namespace: string, name: string): Promise<V1Deployment> {
      return JSON.parse(JSON.stringify(await apps.readNamespacedDeployment({ name, namespace }))) as V1Deployment;
    }

    describe("pull-secret preview", () => {
      it("says per image which registry will be attached and why, or that it is pulled anonymously", async () => {
        const response = await preview({ namespace: "wl-apps", images: [IMAGE, "nginx:1.27"], imagePullSecrets: ["quay"] });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          imagePullSecrets: ["quay", "demo"],
          images: [
            {
              image: IMAGE,
              repository: `${REGISTRY}/demo/hello`,
              anonymous: false,
              matches: [
                {
                  secret: "demo",
                  registry: REGISTRY,
                  username: "alice",
                  chosenBy: "paddock",
                  reason: `registry "${REGISTRY}" in secret "demo" matches ${REGISTRY}/demo/hello`,
                },
              ],
            },
            { image: "nginx:1.27", repository: "docker.io/library/nginx", anonymous: true, matches: [] },
          ],
          warnings: ['Registry "quay" chosen by you matches none of the images: it is kept, but kubelet will not use it for them.'],
        });
        expect(JSON.stringify(response.body)).not.toContain("password");
      });

      it("only sees the registries of the namespace", async () => {
        const response = await preview({ namespace: "wl-tools", images: [IMAGE] });
        expect(response.body).toMatchObject({ imagePullSecrets: [], images: [{ anonymous: true, matches: [] }] });
      });

      it("refuses a namespace outside the project, naming it", async () => {
        const response = await preview({ namespace: "wl-outside", images: [IMAGE] });
        expect(response.status).toBe(422);
        expect(response.body.error).toEqual({
          code: "Invalid",
          message: 'Namespace "wl-outside" is not in project "Workloads": choose one of its namespaces (wl-apps, wl-tools).',
          details: { issues: [{ path: "body.namespace", message: 'Namespace "wl-outside" is not in project "Workloads".' }] },
        });
      });
    });

    describe("deploy", () => {
      it("attaches the matching registry to the pod template and labels the Deployment as Rancher does", async () => {
        const response = await t.api.post(`${base}/workloads`, {
          name: "hello",
          namespace: "wl-apps",
          replicas: 2,
          containers: [{ name: "hello", image: IMAGE, ports: [{ containerPort: 8080 }], env: [{ name: "GREETING", value: "hi" }], command: ["/hello"] }],
        });
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({
          name: "hello",
          namespace: "wl-apps",
          replicas: 2,
          containers: [{ name: "hello", image: IMAGE }],
          imagePullSecrets: ["demo"],
        });
        const deployment = await deploymentJson("wl-apps", "hello");
        expect(deployment.metadata?.labels).toEqual({ "workload.user.cattle.io/workloadselector": "deployment-wl-apps-hello", "app.kubernetes.io/managed-by": "paddock" });
        expect(deployment.spec?.selector).toEqual({ matchLabels: { "workload.user.cattle.io/workloadselector": "deployment-wl-apps-hello" } });
        expect(deployment.spec?.template.metadata?.labels).toEqual({ "workload.user.cattle.io/workloadselector": "deployment-wl-apps-hello" });
        expect(deployment.spec?.template.spec?.imagePullSecrets).toEqual([{ name: "demo" }]);
        expect(deployment.spec?.template.spec?.containers).toMatchObject([
          { name: "hello", image: IMAGE, ports: [{ containerPort: 8080, protocol: "TCP" }], env: [{ name: "GREETING", value: "hi" }], command: ["/hello"] },
        ]);
      });

      it("keeps the names the user chose, first, and adds the matches after them", async () => {
        const response = await t.api.post(`${base}/workloads`, {
          name: "chosen",
          namespace: "wl-apps",
          containers: [{ name: "app", image: IMAGE }],
          imagePullSecrets: ["quay", "not-there-yet"],
        });
        expect(response.status).toBe(201);
        expect(response.body.imagePullSecrets).toEqual(["quay", "not-there-yet", "demo"]);
        expect((await deploymentJson("wl-apps", "chosen")).spec?.template.spec?.imagePullSecrets).toEqual([{ name: "quay" }, { name: "not-there-yet" }, { name: "demo" }]);
      });

      it("refuses an image kubelet cannot parse, in kubelet's words, at the field", async () => {
        const response = await t.api.post(`${base}/workloads`, { name: "bad", namespace: "wl-apps", containers: [{ name: "a", image: "nginx" }, { name: "b", image: "Quay.io/Team/App:1" }] });
        expect(response.status).toBe(422);
        const issue = {
          path: "body.containers.1.image",
          message: 'Failed to apply default image tag "Quay.io/Team/App:1": couldn\'t parse image name "Quay.io/Team/App:1": invalid reference format: repository name (Team/App) must be lowercase',
        };
        expect(response.body.error).toEqual({ code: "Invalid", message: `The workload cannot be deployed: ${issue.path}: ${issue.message}`, details: { issues: [issue] } });
      });

      it("refuses a namespace outside the project and a name already taken", async () => {
        const outside = await t.api.post(`${base}/workloads`, { name: "x", namespace: "wl-outside", containers: [{ name: "a", image: "nginx" }] });
        expect(outside).toMatchObject({ status: 422, body: { error: { code: "Invalid", details: { issues: [{ path: "body.namespace" }] } } } });
        const taken = await t.api.post(`${base}/workloads`, { name: "hello", namespace: "wl-apps", containers: [{ name: "a", image: "nginx" }] });
        expect(taken).toMatchObject({
          status: 409,
          body: { error: { code: "Conflict", message: 'A workload named "hello" already exists in namespace "wl-apps": choose another name, or edit that workload.' } },
        });
      });
    });

    describe("workload routes", () => {
      it("lists the Deployments of the project's namespaces only", async () => {
        const [stranger, byHand] = await Promise.all([
          t.kubectl(["create", "deployment", "stranger", "-n", "wl-outside", "--image=nginx"]),
          t.kubectl(["create", "deployment", "by-hand", "-n", "wl-tools", "--image=nginx"]),
        ]);
        expect([stranger.code, byHand.code]).toEqual([0, 0]);
        const list = await until(() => t.api.get(`${base}/workloads`), (response) => response.body.items.some((w: { name: string }) => w.name === "by-hand"));
        expect(list.body.items.map((w: { namespace: string; name: string }) => `${w.namespace}/${w.name}`)).toEqual(["wl-apps/chosen", "wl-apps/hello", "wl-tools/by-hand"]);
        expect(list.body.items[2]).toMatchObject({ containers: [{ name: "nginx", image: "nginx" }], replicas: 1, imagePullSecrets: [], createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
        expect(["Active", "Updating", "Unavailable"]).toContain(list.body.items[2].state);
      });

      it("shows a workload's detail with its containers as the form edits them", async () => {
        const response = await t.api.get(`${base}/workloads/wl-apps/hello`);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({
          name: "hello",
          containers: [{ name: "hello", image: IMAGE, ports: [{ containerPort: 8080, protocol: "TCP" }], env: [{ name: "GREETING", value: "hi" }], command: ["/hello"] }],
          labels: { "workload.user.cattle.io/workloadselector": "deployment-wl-apps-hello", "app.kubernetes.io/managed-by": "paddock" },
          pods: expect.any(Array),
        });
        const missing = await t.api.get(`${base}/workloads/wl-apps/nope`);
        expect(missing).toMatchObject({
          status: 404,
          body: { error: { code: "NotFound", message: 'There is no workload "nope" in namespace "wl-apps": it may have been deleted. Reload the list of workloads.' } },
        });
        const outside = await t.api.get(`${base}/workloads/wl-outside/stranger`);
        expect(outside).toMatchObject({ status: 404, body: { error: { message: 'Namespace "wl-outside" is not in project "Workloads".' } } });
      });

      it("re-attaches matching registries when an image changes, keeping the user's names", async () => {
        // by-hand was made with kubectl: no pull secrets. Changing its image to one on the registry adds "demo".
        const response = await t.api.put(`${base}/workloads/wl-tools/by-hand`, { containers: [{ name: "nginx", image: "nginx:1.27" }], imagePullSecrets: ["mine"] });
        expect(response.status).toBe(200);
        expect(response.body.imagePullSecrets).toEqual(["mine"]);
        await kubectlDockerRegistrySecret(t, "wl-tools", "tools-registry", REGISTRY, "dave", "dave-password");
        await eventually(async () => (await preview({ namespace: "wl-tools", images: [IMAGE] })).body.imagePullSecrets.length === 1);
        const changed = await t.api.put(`${base}/workloads/wl-tools/by-hand`, { containers: [{ name: "nginx", image: IMAGE }], replicas: 2 });
        expect(changed.body).toMatchObject({ replicas: 2, containers: [{ name: "nginx", image: IMAGE }], imagePullSecrets: ["mine", "tools-registry"] });
        const deployment = await deploymentJson("wl-tools", "by-hand");
        expect(deployment.spec?.template.spec?.imagePullSecrets).toEqual([{ name: "mine" }, { name: "tools-registry" }]);
        expect(deployment.metadata?.labels?.["app.kubernetes.io/managed-by"]).toBe("paddock");
        // kubectl's selector label is kept: the form does not own it.
        expect(deployment.spec?.selector).toEqual({ matchLabels: { app: "by-hand" } });

        // The same images again: nothing is added, and a name the user removes stays removed.
        const same = await t.api.put(`${base}/workloads/wl-tools/by-hand`, { containers: [{ name: "nginx", image: IMAGE }], imagePullSecrets: ["tools-registry"] });
        expect(same.body.imagePullSecrets).toEqual(["tools-registry"]);
      });

      it("redeploys with Rancher's cattle.io/timestamp and attaches registries that appeared since", async () => {
        await kubectlDockerRegistrySecret(t, "wl-apps", "demo-too", REGISTRY, "erin", "erin-password");
        await eventually(async () => (await preview({ namespace: "wl-apps", images: [IMAGE] })).body.imagePullSecrets.length === 2);
        const before = Date.now();
        const response = await t.api.post(`${base}/workloads/wl-apps/hello/redeploy`);
        expect(response.status).toBe(200);
        expect(response.body.imagePullSecrets).toEqual(["demo", "demo-too"]);
        const deployment = await deploymentJson("wl-apps", "hello");
        const stamp = deployment.spec?.template.metadata?.annotations?.["cattle.io/timestamp"];
        expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(Date.parse(stamp ?? "")).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
        expect((await t.api.get(`${base}/workloads/wl-apps/hello`)).body.redeployedAt).toBe(stamp);
      });

      it("scales", async () => {
        const response = await t.api.post(`${base}/workloads/wl-apps/chosen/scale`, { replicas: 3 });
        expect(response).toMatchObject({ status: 200, body: { name: "chosen", replicas: 3 } });
        expect((await deploymentJson("wl-apps", "chosen")).spec?.replicas).toBe(3);
        const zero = await t.api.post(`${base}/workloads/wl-apps/chosen/scale`, { replicas: 0 });
        expect(zero.body.replicas).toBe(0);
        const bad = await t.api.post(`${base}/workloads/wl-apps/chosen/scale`, { replicas: -1 });
        expect(bad.status).toBe(422);
      });

      it("deletes", async () => {
        const response = await t.api.delete(`${base}/workloads/wl-apps/chosen`);
        expect(response.status).toBe(204);
        expect((await t.api.get(`${base}/workloads/wl-apps/chosen`)).status).toBe(404);
        expect((await t.api.get(`${base}/workloads`)).body.items.map((w: { name: string }) => w.name)).not.toContain("chosen");
        expect((await t.api.delete(`${base}/workloads/wl-apps/chosen`)).status).toBe(404);
      });

      it("answers the events of a namespace in kubectl's terms, filtered by object", async () => {
        const event = {
          apiVersion: "v1",
          kind: "Event",
          metadata: { name: "hello.17f0", namespace: "wl-apps" },
          involvedObject: { kind: "Deployment", name: "hello", namespace: "wl-apps", apiVersion: "apps/v1" },
          type: "Normal",
          reason: "ScalingReplicaSet",
          message: "Scaled up replica set hello-abc to 2 from 0 ",
          count: 3,
          firstTimestamp: "2025-01-01T10:00:00Z",
          lastTimestamp: "2025-01-01T10:05:00Z",
          source: { component: "deployment-controller" },
        };
        expect((await t.kubectl(["create", "-f", "-"], { input: JSON.stringify(event) })).code).toBe(0);
        const response = await until(
          () => t.api.get(`${base}/events?namespace=wl-apps&kind=deployment&name=hello`),
          (r) => r.body.items.some((e: { reason: string; count: number }) => e.reason === "ScalingReplicaSet" && e.count === 3),
        );
        expect(response.body.items).toContainEqual({
          namespace: "wl-apps",
          type: "Normal",
          reason: "ScalingReplicaSet",
          object: "deployment/hello",
          message: "Scaled up replica set hello-abc to 2 from 0",
          count: 3,
          firstTimestamp: "2025-01-01T10:00:00Z",
          lastTimestamp: "2025-01-01T10:05:00Z",
          source: "deployment-controller",
        });
        expect((await t.api.get(`${base}/events?namespace=wl-apps&kind=Pod&name=hello`)).body.items).toEqual([]);
        expect((await t.api.get(`${base}/events?namespace=wl-outside`)).status).toBe(404);
      });

      it("answers the pods of a namespace", async () => {
        const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "lonely", namespace: "wl-tools" }, spec: { containers: [{ name: "c", image: "nginx" }] } };
        expect((await t.kubectl(["create", "-f", "-"], { input: JSON.stringify(pod) })).code).toBe(0);
        const response = await until(
          () => t.api.get(`${base}/pods?namespace=wl-tools`),
          (r) => r.body.items.some((p: { name: string }) => p.name === "lonely"),
        );
        expect(response.body.items.find((p: { name: string }) => p.name === "lonely")).toMatchObject({
          namespace: "wl-tools",
          ready: "0/1",
          restarts: 0,
          containers: [{ name: "c", image: "nginx" }],
        });
        expect((await t.api.get(`${base}/pods?namespace=wl-outside`)).status).toBe(404);
      });
    });
  });
}
