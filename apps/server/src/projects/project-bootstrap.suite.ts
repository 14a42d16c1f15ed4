import { beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import type { Namespace } from "@paddock/contracts";
import { until } from "../testing/eventually.ts";
import { CLUSTER, kubectlJson, listProjectObjects, listProjects, localCluster, readProjectObject } from "../testing/projects.ts";
import { TEST_ADMIN_PASSWORD, type TestServer } from "../testing/test-server.ts";
import { startServer } from "../serve.ts";
import { ClusterConnection } from "../kube/cluster-connection.ts";
import { BOOTSTRAPPED_ANNOTATION, bootstrapProjects } from "./project-bootstrap.ts";

// What a cluster gets on first contact (Default and System), what a restart or a second replica
// does, and a cluster without the Project CRD. Needs the cluster as the server found it: runs first.

export function projectBootstrapSuite(server: () => TestServer): void {
  describe("projects: bootstrap", () => {
    let t: TestServer;
    // Reads through client-node: quicker than kubectl where a test is not about what kubectl shows.
    const readNamespace = (name: string) => localCluster(t).core.readNamespace({ name });

    beforeAll(() => {
      t = server();
    });

    describe("bootstrap", () => {
      it("gives a fresh cluster the projects Default and System, with their namespaces", async () => {
        const items = await listProjects(t);
        const byName = Object.fromEntries(items.map((p) => [p.displayName, p]));
        expect(Object.keys(byName).sort()).toEqual(["Default", "System"]);
        expect(byName.Default).toMatchObject({ clusterId: "local", description: "Default project created for the cluster", namespaces: ["default"] });
        expect(byName.System!.namespaces).toEqual(["kube-node-lease", "kube-public", "kube-system"]);
        for (const p of items) {
          expect(p.id).toMatch(/^p-[a-z0-9]{5}$/);
          expect(p.backingNamespace).toBe(`local-${p.id}`);
        }

        const system = await readProjectObject(t, byName.System!.id);
        expect(system).toMatchObject({
          apiVersion: "management.cattle.io/v3",
          kind: "Project",
          metadata: { labels: { "app.kubernetes.io/managed-by": "paddock", "authz.management.cattle.io/system-project": "true" } },
          spec: { displayName: "System", clusterName: "local" },
          status: { backingNamespace: `local-${byName.System!.id}` },
        });
        const kubeSystem = await t.kubectl(["get", "namespace", "kube-system", "-o", "jsonpath={.metadata.annotations.field\\.cattle\\.io/projectId} {.metadata.labels.field\\.cattle\\.io/projectId}"]);
        expect(kubeSystem.stdout).toBe(`local:${byName.System!.id} ${byName.System!.id}`);
        const backing = await readNamespace(byName.Default!.backingNamespace);
        expect(backing.metadata!.labels!["app.kubernetes.io/managed-by"]).toBe("paddock");
        expect(backing.metadata!.annotations?.["field.cattle.io/projectId"]).toBeUndefined();
        const home = await readNamespace("local");
        expect(home.metadata!.annotations![BOOTSTRAPPED_ANNOTATION]).toMatch(/^\d{4}-\d\d-\d\dT/);
      });

      it("leaves namespaces that are in no project out of every project, and lists them with projectId null", async () => {
        const { body } = await t.api.get<{ items: Namespace[] }>(`${CLUSTER}/namespaces`);
        const byName = Object.fromEntries(body.items.map((n) => [n.name, n]));
        expect(byName["paddock-system"]).toMatchObject({ projectId: null, status: "Active", reserved: true });
        expect(byName.local).toMatchObject({ projectId: null, reserved: true });
        expect(byName.default!.projectId).toMatch(/^p-/);
        expect(byName.default!.reserved).toBeUndefined();
      });

      it("does nothing more on a restart, and does not put back a namespace that was moved out", async () => {
        const before = await listProjects(t);
        const defaultProject = before.find((p) => p.displayName === "Default")!;
        expect((await t.api.put(`${CLUSTER}/namespaces/default`, { projectId: null })).status).toBe(200);

        // A second BFF on the same cluster: what a restart, or another replica, does.
        const again = await startServer({
          port: 0,
          dataDir: "/nonexistent",
          clusterPort: 0,
          embedded: false,
          kubeconfig: t.kubeconfig,
          bootstrapPassword: TEST_ADMIN_PASSWORD,
          logger: pino({ level: "silent" }),
        });
        try {
          const cluster = again.context.clusters.get("local");
          expect(await bootstrapProjects(cluster)).toEqual({ createdProjects: [], assignedNamespaces: [], repairedBackingNamespaces: [] });
        } finally {
          await again.stop();
        }
        expect((await listProjectObjects(t)).map((p) => p.spec?.displayName).sort()).toEqual(["Default", "System"]);
        const ns = await readNamespace("default");
        expect(ns.metadata!.annotations?.["field.cattle.io/projectId"]).toBeUndefined();
        expect(ns.metadata!.labels!["field.cattle.io/projectId"]).toBeUndefined();
        expect((await t.api.put(`${CLUSTER}/namespaces/default`, { projectId: defaultProject.id })).status).toBe(200);
      });

      it("makes Default once when two replicas bootstrap a cluster at the same time", async () => {
        // Undo the first bootstrap of Default: move "default" out, delete the project, forget the mark.
        const defaultProject = (await listProjects(t)).find((p) => p.displayName === "Default")!;
        expect((await t.api.put(`${CLUSTER}/namespaces/default`, { projectId: null })).status).toBe(200);
        expect((await t.api.delete(`${CLUSTER}/projects/${defaultProject.id}`)).status).toBe(204);
        expect((await t.kubectl(["annotate", "namespace", "local", `${BOOTSTRAPPED_ANNOTATION}-`])).stdout).toBe("namespace/local annotated\n");

        // Two replicas: two connections to the cluster, each with its own clients, caches and lock queue.
        const replicas = [1, 2].map(() => new ClusterConnection({ id: "local", name: "local", embedded: false, server: "" }, localCluster(t).kubeConfig));
        await Promise.all(replicas.map((r) => r.start()));
        try {
          const results = await Promise.all(replicas.map((r) => bootstrapProjects(r)));
          expect(results.flatMap((r) => r.createdProjects)).toEqual(["Default"]);
          expect(results.flatMap((r) => r.assignedNamespaces)).toEqual(["default"]);
        } finally {
          for (const r of replicas) r.stop();
        }
        const list = await listProjectObjects(t);
        const defaults = list.filter((p) => p.spec?.displayName === "Default");
        expect(defaults).toHaveLength(1);
        expect(list.filter((p) => p.spec?.displayName === "System")).toHaveLength(1);
        const ns = await t.kubectl(["get", "namespace", "default", "-o", "jsonpath={.metadata.annotations.field\\.cattle\\.io/projectId}"]);
        expect(ns.stdout).toBe(`local:${defaults[0]!.metadata.name}`);
        await until(() => listProjects(t), (items) => items.find((p) => p.displayName === "Default")?.namespaces.join() === "default");
      });
    });

    describe("a cluster without the Project CRD", () => {
      it("is told to apply deploy/crds.yaml, and uses projects once it has them", async () => {
        const cluster = t.server.context.clusters.get("local");
        const start = cluster.caches.projects.start.bind(cluster.caches.projects);
        cluster.projectsSupported = false;
        cluster.caches.projects.start = () => Promise.reject(Object.assign(new Error("the server could not find the requested resource"), { code: 404 }));
        try {
          const message = 'Cluster "local" has no Project resource (management.cattle.io/v3): apply it with "kubectl apply -f deploy/crds.yaml", then try again.';
          expect(await t.api.get(`${CLUSTER}/projects`)).toMatchObject({ status: 404, body: { error: { code: "NotFound", message } } });
          expect(await t.api.post(`${CLUSTER}/namespaces`, { name: "nope", projectId: "p-abcde" })).toMatchObject({ status: 404, body: { error: { message } } });
          expect((await t.api.get(`${CLUSTER}/namespaces`)).status).toBe(200);
        } finally {
          cluster.caches.projects.start = start;
        }
        const back = await until(() => t.api.get(`${CLUSTER}/projects`), (r) => r.status === 200);
        expect(back.body.items.length).toBeGreaterThanOrEqual(2);
        expect(cluster.projectsSupported).toBe(true);
      });

      it("can apply deploy/crds.yaml", async () => {
        const applied = await t.kubectl(["apply", "-f", new URL("../../../../deploy/crds.yaml", import.meta.url).pathname]);
        expect(applied).toMatchObject({ stdout: "customresourcedefinition.apiextensions.k8s.io/projects.management.cattle.io created\n", stderr: "" });
        const crd = await kubectlJson(t, ["get", "crd", "projects.management.cattle.io"]);
        expect(crd.spec).toMatchObject({ group: "management.cattle.io", scope: "Namespaced", names: { kind: "Project", plural: "projects" } });
        expect(crd.status?.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: "Established", status: "True" })]));
        const again = await t.kubectl(["apply", "-f", new URL("../../../../deploy/crds.yaml", import.meta.url).pathname]);
        expect(again.stdout).toBe("customresourcedefinition.apiextensions.k8s.io/projects.management.cattle.io unchanged\n");
      });
    });
  });
}
