import { beforeAll, describe, expect, it } from "vitest";
import type { Registry } from "@paddock/contracts";
import { eventually } from "../testing/eventually.ts";
import { expectNoPassword, RecordingApiClient } from "../testing/password-leaks.ts";
import { createRancherProject, localCluster } from "../testing/projects.ts";
import { dockerConfigJsonOf, kubectlDockerRegistrySecret, secretIsGone, storedDockerConfigJson } from "../testing/registries.ts";
import type { TestServer } from "../testing/test-server.ts";

// Creating, listing and deleting registries through the API (issue 4, "Done when" 1 but the
// copies, 3 and 6), in project p-regaa; edits, clones and the default ServiceAccount are in
// registry-edits.suite.ts.

const CREDENTIALS = {
  quay: { username: "robot", password: "quay-Pa55word!<&>" },
  shared: { username: "team", password: "shared-project-pw" },
  ghcr: { username: "g", password: "ghcr-s3cret-pw" },
  kubectl: { username: "k", password: "made-with-kubectl-pw" },
  rollback: { username: "rb", password: "rollback-pw" },
  bulk: { username: "bulk", password: "bulk-delete-pw" },
};

const P = "/api/clusters/local/projects/p-regaa";

/** `logLines`: every line the server logged, searched for passwords at the end. */
export function registryCrudSuite(server: () => TestServer, logLines: string[]): void {
  describe("registries: create, list, delete", () => {
    let t: TestServer;
    let api: RecordingApiClient;

    beforeAll(async () => {
      t = server();
      api = new RecordingApiClient(t.server.url);
      await api.login();
      await createRancherProject(localCluster(t), { id: "p-regaa", displayName: "Registries", namespaces: ["team-a", "team-b"] });
      await createRancherProject(localCluster(t), { id: "p-regbb", displayName: "Other", namespaces: ["other-ns"] });
    }, 30_000);

    /** What `kubectl create secret docker-registry` itself writes for one registry. */
    async function kubectlBytes(server: string, username: string, password: string): Promise<string> {
      const result = await t.kubectl([
        "create", "secret", "docker-registry", "probe", "--dry-run=client", "-o", "jsonpath={.data.\\.dockerconfigjson}",
        `--docker-server=${server}`, `--docker-username=${username}`, `--docker-password=${password}`,
      ]);
      return Buffer.from(result.stdout, "base64").toString("utf8");
    }

    const entry = (c: { username: string; password: string }, address: string) => ({ address, ...c });

    describe("creating registries", () => {
      it("creates a namespaced registry stored as kubectl stores it, and notes the https:// it removed", async () => {
        const response = await api.post(`${P}/registries`, {
          name: "team-quay",
          description: "Quay for team A",
          scope: { type: "namespace", namespace: "team-a" },
          registries: [entry(CREDENTIALS.quay, "https://quay.io")],
        });
        expect(response.status).toBe(201);
        expect(response.body).toEqual({
          name: "team-quay",
          scope: { type: "namespace", namespace: "team-a" },
          description: "Quay for team A",
          registries: [{ address: "quay.io", username: "robot" }],
          secretType: "kubernetes.io/dockerconfigjson",
          source: "paddock",
          readOnly: false,
          state: "Active",
          attachToDefaultServiceAccount: false,
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          resourceVersion: expect.any(String),
          notes: ['https://quay.io: Removed "https://".'],
        });
        const secret = await localCluster(t).core.readNamespacedSecret({ name: "team-quay", namespace: "team-a" });
        expect(secret.type).toBe("kubernetes.io/dockerconfigjson");
        expect(secret.metadata?.labels).toEqual({ "app.kubernetes.io/managed-by": "paddock" });
        expect(secret.metadata?.annotations).toEqual({ "field.cattle.io/description": "Quay for team A" });
        expect(await dockerConfigJsonOf(t, "team-a", "team-quay")).toBe(await kubectlBytes("quay.io", "robot", CREDENTIALS.quay.password));
      });

      it("creates a project registry in the project's backing namespace, creating that namespace", async () => {
        const response = await api.post(`${P}/registries`, {
          name: "team-shared",
          scope: { type: "project" },
          registries: [entry(CREDENTIALS.shared, "docker.io")],
        });
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({
          name: "team-shared",
          scope: { type: "project" },
          registries: [{ address: "https://index.docker.io/v1/", username: "team" }],
          state: expect.stringMatching(/^(Active|Syncing)$/),
          copies: expect.any(Array),
          notes: ["docker.io: Docker Hub credentials are stored under https://index.docker.io/v1/, as kubectl does."],
        });
        const secret = await localCluster(t).core.readNamespacedSecret({ name: "team-shared", namespace: "local-p-regaa" });
        expect(secret.metadata?.labels).toEqual({ "app.kubernetes.io/managed-by": "paddock", "management.cattle.io/project-scoped-secret": "p-regaa" });
        expect(await storedDockerConfigJson(t, "local-p-regaa", "team-shared")).toBe(
          `{"auths":{"https://index.docker.io/v1/":{"username":"team","password":"${CREDENTIALS.shared.password}","auth":"${Buffer.from(`team:${CREDENTIALS.shared.password}`).toString("base64")}"}}}`,
        );
        const read = await api.get(`${P}/registries/project/team-shared`);
        expect(read).toMatchObject({ status: 200, body: { name: "team-shared", scope: { type: "project" }, source: "paddock" } });
      });

      it("creates the namespace in the project when asked to", async () => {
        const response = await api.post(`${P}/registries`, {
          name: "fresh",
          scope: { type: "namespace", namespace: "team-new", createNamespace: true },
          registries: [entry(CREDENTIALS.ghcr, "ghcr.io")],
        });
        expect(response.status).toBe(201);
        const ns = await localCluster(t).core.readNamespace({ name: "team-new" });
        expect(ns.metadata?.annotations).toMatchObject({ "field.cattle.io/projectId": "local:p-regaa" });
        expect(ns.metadata?.labels).toMatchObject({ "field.cattle.io/projectId": "p-regaa", "app.kubernetes.io/managed-by": "paddock" });
      });

      it("refuses a namespace of another project or one that does not exist, saying which, and writes nothing", async () => {
        const response = await api.post(`${P}/registries`, {
          name: "elsewhere",
          scope: { type: "namespace", namespace: "other-ns", createNamespace: true },
          registries: [entry(CREDENTIALS.ghcr, "ghcr.io")],
        });
        const message =
          'The namespace "other-ns" belongs to project "Other" (p-regbb), not to project "Registries" (p-regaa): choose a namespace of this project, or a name for a new one.';
        expect(response).toMatchObject({ status: 422, body: { error: { code: "Invalid", message, details: { issues: [{ path: "body.scope.namespace", message }] } } } });
        expect(await secretIsGone(t, "other-ns", "elsewhere")).toBe(true);
        const missing = await api.post(`${P}/registries`, {
          name: "nowhere",
          scope: { type: "namespace", namespace: "no-such-ns" },
          registries: [entry(CREDENTIALS.ghcr, "ghcr.io")],
        });
        expect(missing.body.error.message).toBe(
          'There is no namespace "no-such-ns" in cluster "local": choose a namespace of project "Registries" (p-regaa), or ask for a new one to be created.',
        );
      });

      it("takes back the namespace it created when the secret cannot be written after it", async () => {
        const core = localCluster(t).core;
        const createSecret = core.createNamespacedSecret.bind(core);
        const deleteNamespace = core.deleteNamespace.bind(core);
        const deleted: string[] = [];
        core.createNamespacedSecret = () => Promise.reject(Object.assign(new Error("injected failure"), { code: "ECONNRESET" }));
        core.deleteNamespace = async (param) => {
          const answer = await deleteNamespace(param);
          deleted.push(param.name);
          return answer;
        };
        try {
          const response = await api.post(`${P}/registries`, {
            name: "half-way",
            scope: { type: "namespace", namespace: "half-way-ns", createNamespace: true },
            registries: [entry(CREDENTIALS.rollback, "ghcr.io")],
          });
          expect(response).toMatchObject({ status: 503, body: { error: { code: "ClusterUnavailable", message: 'Cluster "local" is unavailable: ECONNRESET injected failure' } } });
        } finally {
          core.createNamespacedSecret = createSecret;
          core.deleteNamespace = deleteNamespace;
        }
        // The cluster accepted the deletion of the namespace made for the registry (its namespace
        // controller then empties and removes it).
        expect(deleted).toEqual(["half-way-ns"]);
      });

      it("refuses a password left empty on create", async () => {
        const response = await api.post(`${P}/registries`, {
          name: "no-password",
          scope: { type: "namespace", namespace: "team-a" },
          registries: [{ address: "ghcr.io", username: "g" }],
        });
        expect(response).toMatchObject({ status: 422, body: { error: { code: "Invalid", message: "Enter the password for ghcr.io." } } });
      });
    });

    describe("listing registries", () => {
      it("lists project registries, namespaced ones (kubectl's too, with their source, legacy ones read-only), never the copies", async () => {
        await kubectlDockerRegistrySecret(t, "team-b", "from-kubectl", "registry.example.com", CREDENTIALS.kubectl.username, CREDENTIALS.kubectl.password);
        const legacy = {
          apiVersion: "v1",
          kind: "Secret",
          metadata: { name: "legacy", namespace: "team-b" },
          type: "kubernetes.io/dockercfg",
          data: { ".dockercfg": Buffer.from('{"old.example.com":{"auth":"b2xkOnVzZXI="}}').toString("base64") },
        };
        // A copy of the project registry, as the controller writes it.
        const copy = {
          apiVersion: "v1",
          kind: "Secret",
          metadata: {
            name: "team-shared",
            namespace: "team-b",
            labels: { "management.cattle.io/project-scoped-secret": "p-regaa", "app.kubernetes.io/managed-by": "paddock" },
            annotations: { "management.cattle.io/project-scoped-secret-copy": "true" },
          },
          type: "kubernetes.io/dockerconfigjson",
          data: { ".dockerconfigjson": Buffer.from("{}").toString("base64") },
        };
        const applied = await t.kubectl(["apply", "-f", "-"], { input: [legacy, copy].map((o) => JSON.stringify(o)).join("\n") });
        expect(applied.code).toBe(0);

        const items = await eventually(async () => {
          const list = await api.get(`${P}/registries`);
          expect(list.status).toBe(200);
          const names = (list.body.items as Array<{ name: string }>).map((r) => r.name);
          expect(names).toContain("legacy");
          expect(names).toContain("from-kubectl");
          return list.body.items as Registry[];
        });
        expect(items.map((r) => `${r.scope.type}:${r.scope.type === "namespace" ? r.scope.namespace : ""}/${r.name}`)).toEqual([
          "project:/team-shared",
          "namespace:team-new/fresh",
          "namespace:team-b/from-kubectl",
          "namespace:team-b/legacy",
          "namespace:team-a/team-quay",
        ]);
        expect(items.find((r) => r.name === "from-kubectl")).toMatchObject({
          source: "kubectl",
          readOnly: false,
          registries: [{ address: "registry.example.com", username: "k" }],
        });
        expect(items.find((r) => r.name === "legacy")).toMatchObject({
          source: "kubectl",
          readOnly: true,
          secretType: "kubernetes.io/dockercfg",
          registries: [{ address: "old.example.com", username: "old" }],
        });

        const copyRead = await api.get(`${P}/registries/namespaces/team-b/team-shared`);
        expect(copyRead).toMatchObject({
          status: 404,
          body: { error: { message: '"team-shared" in namespace "team-b" is a copy of a project registry, kept by Paddock: open the project registry "team-shared" instead.' } },
        });
        const legacyEdit = await api.put(`${P}/registries/namespaces/team-b/legacy`, { registries: [{ address: "old.example.com", username: "old" }] });
        expect(legacyEdit).toMatchObject({
          status: 422,
          body: {
            error: {
              message: 'The registry "legacy" in namespace "team-b" is a legacy kubernetes.io/dockercfg secret, which Paddock shows read-only: create a new registry with its addresses instead.',
            },
          },
        });
      });

      it("answers NotFound for a registry of a namespace outside the project", async () => {
        const response = await api.get(`${P}/registries/namespaces/other-ns/anything`);
        expect(response).toMatchObject({ status: 404, body: { error: { code: "NotFound", message: 'The namespace "other-ns" is not in project "Registries".' } } });
      });
    });

    describe("deleting registries", () => {
      it("deletes a namespaced registry", async () => {
        expect((await api.delete(`${P}/registries/namespaces/team-new/fresh`)).status).toBe(204);
        expect(await secretIsGone(t, "team-new", "fresh")).toBe(true);
        expect(((await api.get(`${P}/registries`)).body.items as Registry[]).map((r) => r.name)).not.toContain("fresh");
      });

      it("deletes a project registry's source before answering", async () => {
        expect((await api.delete(`${P}/registries/project/team-shared`)).status).toBe(204);
        expect(await secretIsGone(t, "local-p-regaa", "team-shared")).toBe(true);
        expect(((await api.get(`${P}/registries`)).body.items as Registry[]).map((r) => r.name)).not.toContain("team-shared");
        expect(await api.get(`${P}/registries/project/team-shared`)).toMatchObject({
          status: 404,
          body: { error: { message: 'There is no project registry "team-shared" of project "Registries".' } },
        });
      });

      it("bulk-deletes, saying for each registry what happened", async () => {
        for (const name of ["bulk-1", "bulk-2"]) {
          const created = await api.post(`${P}/registries`, { name, scope: { type: "namespace", namespace: "team-b" }, registries: [entry(CREDENTIALS.bulk, "bulk.example.com")] });
          expect(created.status).toBe(201);
        }
        const response = await api.post(`${P}/registries/bulk-delete`, {
          items: [
            { type: "namespace", namespace: "team-b", name: "bulk-1" },
            { type: "namespace", namespace: "team-b", name: "bulk-2" },
            { type: "project", name: "not-there" },
          ],
        });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          items: [
            { ref: { type: "namespace", namespace: "team-b", name: "bulk-1" }, deleted: true },
            { ref: { type: "namespace", namespace: "team-b", name: "bulk-2" }, deleted: true },
            { ref: { type: "project", name: "not-there" }, deleted: false, error: { code: "NotFound", message: 'There is no project registry "not-there" of project "Registries".' } },
          ],
        });
        expect(await secretIsGone(t, "team-b", "bulk-1")).toBe(true);
        expect(await secretIsGone(t, "team-b", "bulk-2")).toBe(true);
      });
    });

    describe("secrets stay secret", () => {
      it("no response and no log line holds a password", () => {
        expect(api.responses.length).toBeGreaterThan(15);
        expect(logLines.some((line) => line.includes('"msg":"registry created"'))).toBe(true);
        expectNoPassword([...api.responses, ...logLines], Object.values(CREDENTIALS));
      });
    });
  });
}
