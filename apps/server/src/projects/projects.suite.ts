import { beforeAll, describe, expect, it } from "vitest";
import type { Namespace, Project } from "@paddock/contracts";
import { until } from "../testing/eventually.ts";
import { CLUSTER, createProjectThroughApi, kubectlJson, listProjects, localCluster, readProjectObject } from "../testing/projects.ts";
import { secretIsGone } from "../testing/registries.ts";
import type { TestServer } from "../testing/test-server.ts";

// Creating, renaming and deleting projects, and namespaces joining and leaving them, through the API.

export function projectsSuite(server: () => TestServer): void {
  describe("projects: the API", () => {
    let t: TestServer;
    // Reads through client-node: quicker than kubectl where a test is not about what kubectl shows.
    const readNamespace = (name: string) => localCluster(t).core.readNamespace({ name });

    beforeAll(() => {
      t = server();
    });

    describe("projects", () => {
      it("creates a project with its backing namespace, and refuses a second one with the same name", async () => {
        const response = await t.api.post<Project>(`${CLUSTER}/projects`, { displayName: "  Team A ", description: "the A team" });
        expect(response.status).toBe(201);
        const project = response.body;
        expect(project).toEqual({
          id: expect.stringMatching(/^p-[a-z0-9]{5}$/),
          clusterId: "local",
          displayName: "Team A",
          description: "the A team",
          namespaces: [],
          backingNamespace: `local-${project.id}`,
          createdAt: expect.any(String),
        });
        const stored = await readProjectObject(t, project.id);
        expect(stored.spec).toEqual({ displayName: "Team A", description: "the A team", clusterName: "local" });
        expect(stored.metadata.labels).toEqual({ "app.kubernetes.io/managed-by": "paddock" });
        expect(stored.status).toEqual({ backingNamespace: `local-${project.id}` });
        expect((await readNamespace(`local-${project.id}`)).metadata!.labels).toEqual({
          "app.kubernetes.io/managed-by": "paddock",
          "kubernetes.io/metadata.name": `local-${project.id}`,
        });

        const twice = await t.api.post(`${CLUSTER}/projects`, { displayName: "team a" });
        expect(twice).toMatchObject({
          status: 409,
          body: { error: { code: "Conflict", message: `A project named "Team A" already exists in cluster "local" (${project.id}): choose another name.` } },
        });
      });

      it("renames a project and changes its description, refusing a name in use", async () => {
        const project = await createProjectThroughApi(t, "Renamed Before");
        const renamed = await t.api.put<Project>(`${CLUSTER}/projects/${project.id}`, { displayName: "Renamed After", description: "new words" });
        expect(renamed.status).toBe(200);
        expect(renamed.body).toMatchObject({ id: project.id, displayName: "Renamed After", description: "new words" });
        expect((await readProjectObject(t, project.id)).spec).toMatchObject({ displayName: "Renamed After", description: "new words" });
        // Its own name, with other letter case, is not a conflict.
        expect((await t.api.put(`${CLUSTER}/projects/${project.id}`, { displayName: "renamed after" })).status).toBe(200);

        const taken = await t.api.put(`${CLUSTER}/projects/${project.id}`, { displayName: "Default" });
        expect(taken.status).toBe(409);
        expect(taken.body.error.message).toMatch(/^A project named "Default" already exists in cluster "local" \(p-[a-z0-9]{5}\): choose another name\.$/);
      });

      it("refuses to delete a project that has namespaces, naming them, and deletes it once empty", async () => {
        const project = await createProjectThroughApi(t, "Doomed");
        for (const name of ["doomed-b", "doomed-a"]) {
          expect((await t.api.post(`${CLUSTER}/namespaces`, { name, projectId: project.id })).status).toBe(201);
        }
        await until(() => listProjects(t), (items) => items.find((p) => p.id === project.id)?.namespaces.length === 2);

        const refused = await t.api.delete(`${CLUSTER}/projects/${project.id}`);
        expect(refused).toMatchObject({
          status: 409,
          body: {
            error: {
              code: "Conflict",
              message: 'Project "Doomed" still has namespaces doomed-a, doomed-b: move them to another project or out of every project first.',
              details: { namespaces: ["doomed-a", "doomed-b"] },
            },
          },
        });
        expect((await t.api.put(`${CLUSTER}/namespaces/doomed-a`, { projectId: null })).status).toBe(200);
        const one = await t.api.delete(`${CLUSTER}/projects/${project.id}`);
        expect(one.body.error.message).toBe('Project "Doomed" still has namespace doomed-b: move it to another project or out of every project first.');
        expect((await t.api.put(`${CLUSTER}/namespaces/doomed-b`, { projectId: null })).status).toBe(200);

        expect((await t.api.delete(`${CLUSTER}/projects/${project.id}`)).status).toBe(204);
        expect((await t.kubectl(["get", "project", "-n", "local", project.id])).stderr).toBe(
          `Error from server (NotFound): projects.management.cattle.io "${project.id}" not found\n`,
        );
        await until(() => listProjects(t), (items) => !items.some((p) => p.id === project.id));
        expect((await t.api.delete(`${CLUSTER}/projects/${project.id}`)).body).toEqual({
          error: { code: "NotFound", message: `There is no project "${project.id}" in cluster "local": it may have been deleted. Reload the list of projects.` },
        });
      });

      it("takes the project's backing namespace, and with it its project registries, when it deletes a project", async () => {
        const project = await createProjectThroughApi(t, "Short Lived");
        await localCluster(t).core.createNamespacedSecret({ namespace: project.backingNamespace, body: { metadata: { name: "reg" }, stringData: { a: "b" } } });
        expect((await t.api.delete(`${CLUSTER}/projects/${project.id}`)).status).toBe(204);
        await until(async () => (await t.kubectl(["get", "namespace", project.backingNamespace])).stderr, (e) => e.includes("NotFound"));
        expect(await secretIsGone(t, project.backingNamespace, "reg")).toBe(true);
        // kubectl 1.32, told NotFound for the secret, asks for its namespace and names that instead.
        expect((await t.kubectl(["get", "secret", "reg", "-n", project.backingNamespace])).stderr).toBe(
          `Error from server (NotFound): namespaces "${project.backingNamespace}" not found\n`,
        );
      });

      it("does not delete the System project", async () => {
        const system = (await listProjects(t)).find((p) => p.displayName === "System")!;
        const response = await t.api.delete(`${CLUSTER}/projects/${system.id}`);
        expect(response).toMatchObject({ status: 409, body: { error: { code: "Conflict", message: `Project "System" is the cluster's System project: it cannot be deleted.` } } });
      });

      it("says what is wrong with a bad request", async () => {
        const empty = await t.api.post(`${CLUSTER}/projects`, { displayName: "   " });
        expect(empty).toMatchObject({ status: 422, body: { error: { code: "Invalid", details: { issues: [{ path: "body.displayName", message: "Enter a project name." }] } } } });
        const badId = await t.api.put(`${CLUSTER}/projects/Default`, { description: "x" });
        expect(badId).toMatchObject({ status: 422, body: { error: { details: { issues: [{ path: "path.project", message: "A project id looks like 'p-ab12c'." }] } } } });
        const noCluster = await t.api.get(`/api/clusters/elsewhere/projects`);
        expect(noCluster).toMatchObject({ status: 404, body: { error: { code: "NotFound", message: 'There is no cluster "elsewhere".' } } });
      });
    });

    describe("namespaces", () => {
      it("creates a namespace in a project, moves it to another, then out of every project", async () => {
        const a = await createProjectThroughApi(t, "Move From");
        const b = await createProjectThroughApi(t, "Move To");
        const created = await t.api.post<Namespace>(`${CLUSTER}/namespaces`, { name: "movable", projectId: a.id });
        expect(created).toMatchObject({ status: 201, body: { name: "movable", projectId: a.id, status: "Active" } });
        const meta = async () => (await kubectlJson(t, ["get", "namespace", "movable"])).metadata;
        const inA = await meta();
        expect(inA.annotations).toEqual({ "field.cattle.io/projectId": `local:${a.id}` });
        expect(inA.labels).toEqual({
          "app.kubernetes.io/managed-by": "paddock",
          "field.cattle.io/projectId": a.id,
          "kubernetes.io/metadata.name": "movable",
        });

        const moved = await t.api.put<Namespace>(`${CLUSTER}/namespaces/movable`, { projectId: b.id });
        expect(moved).toMatchObject({ status: 200, body: { name: "movable", projectId: b.id } });
        const inB = await meta();
        expect(inB.annotations).toEqual({ "field.cattle.io/projectId": `local:${b.id}` });
        expect(inB.labels).toEqual({ "app.kubernetes.io/managed-by": "paddock", "field.cattle.io/projectId": b.id, "kubernetes.io/metadata.name": "movable" });
        await until(() => listProjects(t), (items) => items.find((p) => p.id === b.id)?.namespaces.join() === "movable" && items.find((p) => p.id === a.id)?.namespaces.length === 0);

        const out = await t.api.put<Namespace>(`${CLUSTER}/namespaces/movable`, { projectId: null });
        expect(out).toMatchObject({ status: 200, body: { name: "movable", projectId: null } });
        const after = await meta();
        // kube-apiserver omits the emptied map; the embedded cluster prints it as {}.
        expect(after.annotations ?? {}).toEqual({});
        expect(after.labels).toEqual({ "app.kubernetes.io/managed-by": "paddock", "kubernetes.io/metadata.name": "movable" });
      });

      it("creates a namespace in no project", async () => {
        const created = await t.api.post<Namespace>(`${CLUSTER}/namespaces`, { name: "loose" });
        expect(created).toMatchObject({ status: 201, body: { name: "loose", projectId: null } });
        expect((await readNamespace("loose")).metadata!.annotations).toBeUndefined();
        const twice = await t.api.post(`${CLUSTER}/namespaces`, { name: "loose" });
        expect(twice).toMatchObject({
          status: 409,
          body: { error: { code: "Conflict", message: 'The namespace "loose" already exists in cluster "local": choose another name, or move that namespace instead.' } },
        });
      });

      it("refuses a project that does not exist", async () => {
        const response = await t.api.post(`${CLUSTER}/namespaces`, { name: "orphan", projectId: "p-zzzzz" });
        expect(response).toMatchObject({ status: 404, body: { error: { message: 'There is no project "p-zzzzz" in cluster "local": it may have been deleted. Reload the list of projects.' } } });
        await expect(readNamespace("orphan")).rejects.toMatchObject({ code: 404 });
      });

      it("refuses to move the cluster-id namespace, paddock-system or a backing namespace", async () => {
        const project = (await listProjects(t)).find((p) => p.displayName === "Default")!;
        const home = await t.api.put(`${CLUSTER}/namespaces/local`, { projectId: project.id });
        expect(home).toMatchObject({
          status: 409,
          body: { error: { code: "Conflict", message: 'The namespace "local" cannot be moved: it is where cluster "local" keeps its projects, and never belongs to a project.' } },
        });
        const backing = await t.api.put(`${CLUSTER}/namespaces/${project.backingNamespace}`, { projectId: null });
        expect(backing.body.error.message).toBe(
          `The namespace "${project.backingNamespace}" cannot be moved: it is the backing namespace of a project, which holds that project's registries, and never belongs to a project.`,
        );
        const paddock = await t.api.put(`${CLUSTER}/namespaces/paddock-system`, { projectId: project.id });
        expect(paddock.body.error.message).toBe('The namespace "paddock-system" cannot be moved: it is where Paddock keeps its own data, and never belongs to a project.');
        const missing = await t.api.put(`${CLUSTER}/namespaces/nowhere`, { projectId: null });
        expect(missing).toMatchObject({ status: 404, body: { error: { message: 'There is no namespace "nowhere" in cluster "local".' } } });
      });
    });
  });
}
