import { pushImage } from "@paddock/registry-auth";
import { startDockerRegistry, type DockerRegistryFixture } from "@paddock/registry-auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, until } from "../testing/eventually.ts";
import { createNamespaceThroughApi, createProjectThroughApi } from "../testing/projects.ts";
import { kubectlDockerRegistrySecret } from "../testing/registries.ts";
import type { TestServer } from "../testing/test-server.ts";

// Issue 4, Done-when 4, in project "Pulls": a workload deployed through the API with an image on a
// real registry gets the matching pull secret and runs; without one it shows ErrImagePull; adding
// one and redeploying makes it run.

const ALICE = { username: "alice", password: "alice-registry-password" };

interface PodRow {
  name: string;
  status: string;
  ready: string;
}
interface EventRow {
  reason: string;
  type: string;
  object: string;
  message: string;
  source: string;
}

export function workloadPullsSuite(server: () => TestServer): void {
  describe("workloads: pulling from a private registry", () => {
    let registry: DockerRegistryFixture;
    let t: TestServer;
    let base: string;
    let image: string;
    /** another image: the node keeps what it pulled, and would not pull `image` again (IfNotPresent) */
    let laterImage: string;

    beforeAll(async () => {
      t = server();
      registry = await startDockerRegistry({ users: { [ALICE.username]: ALICE.password } });
      image = `${registry.host}/demo/hello:1.0`;
      laterImage = `${registry.host}/demo/later:1.0`;
      await pushImage({ registry: registry.host, repository: "demo/hello", tag: "1.0", credential: ALICE });
      await pushImage({ registry: registry.host, repository: "demo/later", tag: "1.0", credential: ALICE });
      const project = await createProjectThroughApi(t, "Pulls", ["pull-ok", "pull-later"]);
      await createNamespaceThroughApi(t, "pull-outside");
      base = `/api/clusters/local/projects/${project.id}`;
      await kubectlDockerRegistrySecret(t, "pull-ok", "demo", registry.host, ALICE.username, ALICE.password);
      await eventually(async () => (await t.api.post(`${base}/pull-secret-preview`, { namespace: "pull-ok", images: [image] })).body.imagePullSecrets?.length === 1);
    }, 30_000);
    afterAll(async () => {
      await registry?.stop();
    });

    async function workloadEvents(namespace: string, name: string): Promise<EventRow[]> {
      const response = await t.api.get(`${base}/workloads/${namespace}/${name}/events`);
      expect(response.status).toBe(200);
      return response.body.items;
    }

    /** The workload's pods once every one of them is Running and ready. */
    async function runningPods(namespace: string, name: string, replicas: number): Promise<PodRow[]> {
      return until(
        async () => (await t.api.get(`${base}/workloads/${namespace}/${name}`)).body.pods as PodRow[],
        (pods) => pods.length === replicas && pods.every((p) => p.status === "Running" && p.ready === "1/1"),
        { timeoutMs: 10_000 },
      );
    }

    describe("a workload pulling from a private registry", () => {
      it("gets the matching pull secret and runs", async () => {
        const deployed = await t.api.post(`${base}/workloads`, { name: "hello", namespace: "pull-ok", replicas: 2, containers: [{ name: "hello", image }] });
        expect(deployed).toMatchObject({ status: 201, body: { imagePullSecrets: ["demo"] } });

        const pods = await runningPods("pull-ok", "hello", 2);
        const events = await workloadEvents("pull-ok", "hello");
        for (const pod of pods) {
          expect(events).toContainEqual(expect.objectContaining({ type: "Normal", reason: "Scheduled", object: `pod/${pod.name}`, source: "default-scheduler" }));
          expect(events).toContainEqual(
            expect.objectContaining({ type: "Normal", reason: "Pulled", object: `pod/${pod.name}`, message: expect.stringContaining(`image "${image}"`), source: expect.stringMatching(/^kubelet/) }),
          );
        }
        expect(events.filter((e) => e.reason === "Failed")).toEqual([]);
        const workload = await until(
          async () => (await t.api.get(`${base}/workloads`)).body.items.find((w: { name: string }) => w.name === "hello"),
          (found) => found?.state === "Active",
        );
        expect(workload).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 });

        const namespacePods = await t.api.get(`${base}/pods?namespace=pull-ok`);
        expect(namespacePods.body.items.map((p: PodRow) => p.name).sort()).toEqual(pods.map((p) => p.name).sort());
      });

      it("shows ErrImagePull without a matching registry, and runs once one is added and it is redeployed", async () => {
        const deployed = await t.api.post(`${base}/workloads`, { name: "later", namespace: "pull-later", containers: [{ name: "app", image: laterImage }] });
        expect(deployed).toMatchObject({ status: 201, body: { imagePullSecrets: [] } });

        const failing = await until(
          () => workloadEvents("pull-later", "later"),
          (events) => events.some((e) => e.reason === "Failed" && e.message === "Error: ErrImagePull"),
        );
        expect(failing).toContainEqual(expect.objectContaining({ type: "Warning", reason: "Failed", message: expect.stringMatching(new RegExp(`^Failed to pull image "${escape(laterImage)}": `)) }));
        const stuck = await until(
          async () => (await t.api.get(`${base}/workloads/pull-later/later`)).body,
          (detail) => ["ErrImagePull", "ImagePullBackOff"].includes(detail.pods[0]?.status),
        );
        expect(stuck.state).not.toBe("Active");

        await kubectlDockerRegistrySecret(t, "pull-later", "later-registry", registry.host, ALICE.username, ALICE.password);
        await eventually(async () => (await t.api.post(`${base}/pull-secret-preview`, { namespace: "pull-later", images: [laterImage] })).body.imagePullSecrets?.length === 1);
        const redeployed = await t.api.post(`${base}/workloads/pull-later/later/redeploy`);
        expect(redeployed).toMatchObject({ status: 200, body: { imagePullSecrets: ["later-registry"] } });

        const [pod] = await runningPods("pull-later", "later", 1);
        expect(pod!.name).not.toBe(stuck.pods[0].name);
        const events = await workloadEvents("pull-later", "later");
        expect(events).toContainEqual(expect.objectContaining({ type: "Normal", reason: "Pulled", object: `pod/${pod!.name}` }));
      });

      it("still lists the events of the pods a redeploy replaced, and of the ReplicaSets", async () => {
        const deployed = await t.api.post(`${base}/workloads`, { name: "rolling", namespace: "pull-ok", containers: [{ name: "app", image }] });
        expect(deployed.status).toBe(201);
        const [old] = await runningPods("pull-ok", "rolling", 1);
        const oldReplicaSet = old!.name.slice(0, -"-xxxxx".length);

        expect((await t.api.post(`${base}/workloads/pull-ok/rolling/redeploy`)).status).toBe(200);
        // Done once the old pod is gone: the workload's pods are only the new one.
        const [current] = await until(
          async () => (await t.api.get(`${base}/workloads/pull-ok/rolling`)).body.pods as PodRow[],
          (pods) => pods.length === 1 && pods[0]!.name !== old!.name && pods[0]!.status === "Running",
          { timeoutMs: 10_000 },
        );
        const newReplicaSet = current!.name.slice(0, -"-xxxxx".length);
        expect(newReplicaSet).not.toBe(oldReplicaSet);
        expect((await t.kubectl(["get", "pod", old!.name, "-n", "pull-ok"])).stderr).toContain(`pods "${old!.name}" not found`);

        const events = await until(
          () => workloadEvents("pull-ok", "rolling"),
          (found) => found.some((e) => e.reason === "SuccessfulDelete" && e.object === `replicaset/${oldReplicaSet}`),
        );
        for (const pod of [old!, current!]) {
          expect(events).toContainEqual(
            expect.objectContaining({ type: "Normal", reason: "Scheduled", object: `pod/${pod.name}`, message: `Successfully assigned pull-ok/${pod.name} to paddock-node` }),
          );
        }
        expect(events).toContainEqual(expect.objectContaining({ reason: "SuccessfulCreate", object: `replicaset/${oldReplicaSet}`, message: `Created pod: ${old!.name}` }));
        expect(events).toContainEqual(expect.objectContaining({ reason: "SuccessfulDelete", object: `replicaset/${oldReplicaSet}`, message: `Deleted pod: ${old!.name}` }));
        expect(events).toContainEqual(expect.objectContaining({ reason: "SuccessfulCreate", object: `replicaset/${newReplicaSet}`, message: `Created pod: ${current!.name}` }));
        expect(events).toContainEqual(
          expect.objectContaining({ reason: "ScalingReplicaSet", object: "deployment/rolling", message: `Scaled up replica set ${newReplicaSet} from 0 to 1` }),
        );
        // Nothing of the other workload of the namespace.
        expect(events.filter((e) => !/^(pod|replicaset)\/rolling-|^deployment\/rolling$/.test(e.object))).toEqual([]);
      });
    });
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
