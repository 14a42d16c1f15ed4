import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../testing/eventually.ts";
import { expectNoPassword, RecordingApiClient } from "../testing/password-leaks.ts";
import { createRancherProject, localCluster } from "../testing/projects.ts";
import { dockerConfigJsonOf, kubectlDockerRegistrySecret, storedDockerConfigJson } from "../testing/registries.ts";
import type { TestServer } from "../testing/test-server.ts";

// Edits (an empty password keeps the stored one), clones (the server copies passwords) and the
// default ServiceAccount (issue 4, "Done when" 1 and 6), in project p-redit.

const CREDENTIALS = {
  quay: { username: "robot", password: "quay-Pa55word!<&>" },
  ghcr: { username: "g", password: "ghcr-s3cret-pw" },
  shared: { username: "team", password: "shared-project-pw" },
  kubectl: { username: "k", password: "made-with-kubectl-pw" },
  attach: { username: "sa", password: "attach-sa-pw" },
};

const P = "/api/clusters/local/projects/p-redit";
const auth = (username: string, password: string) => Buffer.from(`${username}:${password}`).toString("base64");

/** `logLines`: every line the server logged, searched for passwords at the end. */
export function registryEditsSuite(server: () => TestServer, logLines: string[]): void {
  describe("registries: edit, clone, default ServiceAccount", () => {
    let t: TestServer;
    let api: RecordingApiClient;

    beforeAll(async () => {
      t = server();
      api = new RecordingApiClient(t.server.url);
      await api.login();
      await createRancherProject(localCluster(t), { id: "p-redit", displayName: "Edits", namespaces: ["edit-a", "edit-b"] });
      const created = await Promise.all([
        api.post(`${P}/registries`, {
          name: "team-quay",
          scope: { type: "namespace", namespace: "edit-a" },
          registries: [{ address: "quay.io", ...CREDENTIALS.quay }],
        }),
        api.post(`${P}/registries`, {
          name: "team-shared",
          scope: { type: "project" },
          registries: [{ address: "https://index.docker.io/v1/", ...CREDENTIALS.shared }],
        }),
        kubectlDockerRegistrySecret(t, "edit-b", "from-kubectl", "registry.example.com", CREDENTIALS.kubectl.username, CREDENTIALS.kubectl.password),
      ]);
      expect(created.slice(0, 2).map((r) => r && r.status)).toEqual([201, 201]);
    }, 30_000);

    describe("editing registries", () => {
      it("keeps the stored password of an address whose password is left empty (read back with kubectl)", async () => {
        const before = await api.get(`${P}/registries/namespaces/edit-a/team-quay`);
        const response = await api.put(`${P}/registries/namespaces/edit-a/team-quay`, {
          description: "Edited",
          resourceVersion: before.body.resourceVersion,
          registries: [
            { address: "quay.io", username: "robot2", password: "" },
            { address: "ghcr.io", ...CREDENTIALS.ghcr },
          ],
        });
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({
          description: "Edited",
          registries: [
            { address: "ghcr.io", username: "g" },
            { address: "quay.io", username: "robot2" },
          ],
          notes: [],
        });
        expect(JSON.parse(await dockerConfigJsonOf(t, "edit-a", "team-quay"))).toEqual({
          auths: {
            "ghcr.io": { username: "g", password: CREDENTIALS.ghcr.password, auth: auth("g", CREDENTIALS.ghcr.password) },
            "quay.io": { username: "robot2", password: CREDENTIALS.quay.password, auth: auth("robot2", CREDENTIALS.quay.password) },
          },
        });
      });

      it("needs a password for a changed address, and keeps name and scope fixed", async () => {
        const changed = await api.put(`${P}/registries/namespaces/edit-a/team-quay`, { registries: [{ address: "quay2.example.com", username: "robot2" }] });
        expect(changed).toMatchObject({
          status: 422,
          body: { error: { message: "Enter the password for quay2.example.com: this address is new to the registry, so there is no stored password to keep." } },
        });
        const renamed = await api.put(`${P}/registries/namespaces/edit-a/team-quay`, {
          name: "other",
          scope: { type: "project" },
          registries: [{ address: "quay.io", username: "r" }],
        });
        expect(renamed).toMatchObject({ status: 422, body: { error: { details: { issues: [{ path: "body", message: 'Unknown fields "name", "scope": remove them.' }] } } } });
      });

      it("refuses an edit made from an older version with a clear Conflict", async () => {
        const response = await api.put(`${P}/registries/namespaces/edit-a/team-quay`, { resourceVersion: "1", registries: [{ address: "quay.io", username: "robot3" }] });
        expect(response).toMatchObject({
          status: 409,
          body: {
            error: {
              code: "Conflict",
              message: 'The registry "team-quay" in namespace "edit-a" was changed by someone else after you opened it: reload it to see the latest version, then make your change again.',
            },
          },
        });
      });

      it("edits a registry made with kubectl, keeping its password", async () => {
        const response = await api.put(`${P}/registries/namespaces/edit-b/from-kubectl`, { registries: [{ address: "https://registry.example.com", username: "k2" }] });
        expect(response).toMatchObject({
          status: 200,
          body: { source: "paddock", registries: [{ address: "registry.example.com", username: "k2" }], notes: ['https://registry.example.com: Removed "https://".'] },
        });
        expect(JSON.parse(await storedDockerConfigJson(t, "edit-b", "from-kubectl")).auths["registry.example.com"].password).toBe(CREDENTIALS.kubectl.password);
      });

      it("edits a project registry's source", async () => {
        const response = await api.put(`${P}/registries/project/team-shared`, { description: "For all", registries: [{ address: "docker.io", username: "team2" }] });
        expect(response).toMatchObject({ status: 200, body: { scope: { type: "project" }, description: "For all", registries: [{ address: "https://index.docker.io/v1/", username: "team2" }] } });
        expect(JSON.parse(await storedDockerConfigJson(t, "local-p-redit", "team-shared")).auths["https://index.docker.io/v1/"]).toEqual({
          username: "team2",
          password: CREDENTIALS.shared.password,
          auth: auth("team2", CREDENTIALS.shared.password),
        });
      });
    });

    describe("cloning registries", () => {
      it("copies the stored passwords on the server", async () => {
        const response = await api.post(`${P}/registries`, {
          name: "team-quay-clone",
          scope: { type: "namespace", namespace: "edit-b" },
          registries: [
            { address: "quay.io", username: "robot2" },
            { address: "ghcr.io", username: "g", password: "" },
          ],
          cloneFrom: { type: "namespace", namespace: "edit-a", name: "team-quay" },
        });
        expect(response.status).toBe(201);
        expect(await storedDockerConfigJson(t, "edit-b", "team-quay-clone")).toBe(await storedDockerConfigJson(t, "edit-a", "team-quay"));
      });

      it("clones a project registry into a namespace", async () => {
        const response = await api.post(`${P}/registries`, {
          name: "shared-clone",
          scope: { type: "namespace", namespace: "edit-a" },
          registries: [{ address: "https://index.docker.io/v1/", username: "team" }],
          cloneFrom: { type: "project", name: "team-shared" },
        });
        expect(response.status).toBe(201);
        expect(JSON.parse(await storedDockerConfigJson(t, "edit-a", "shared-clone")).auths["https://index.docker.io/v1/"].password).toBe(CREDENTIALS.shared.password);
      });

      it("names the new address of a clone that has no password", async () => {
        const response = await api.post(`${P}/registries`, {
          name: "bad-clone",
          scope: { type: "namespace", namespace: "edit-b" },
          registries: [
            { address: "quay.io", username: "robot2" },
            { address: "new.example.com", username: "n" },
          ],
          cloneFrom: { type: "namespace", namespace: "edit-a", name: "team-quay" },
        });
        expect(response).toMatchObject({
          status: 422,
          body: {
            error: {
              code: "Invalid",
              message: "Enter the password for new.example.com: the registry you clone has no password for this address.",
              details: { issues: [{ path: "body.registries.1.password", message: "Enter the password for new.example.com." }] },
            },
          },
        });
      });
    });

    describe("the default ServiceAccount", () => {
      const pullSecrets = async (namespace: string) => (await localCluster(t).core.readNamespacedServiceAccount({ name: "default", namespace })).imagePullSecrets ?? [];
      const attached = { address: "attach.example.com", username: CREDENTIALS.attach.username };

      it("gets the registry added, keeping its other entries, and loses it when turned off or deleted", async () => {
        await eventually(() => localCluster(t).core.readNamespacedServiceAccount({ name: "default", namespace: "edit-a" }));
        const patched = await t.kubectl(["patch", "serviceaccount", "default", "-n", "edit-a", "-p", '{"imagePullSecrets":[{"name":"existing-pull"}]}']);
        expect(patched.stdout).toBe("serviceaccount/default patched\n");
        const created = await api.post(`${P}/registries`, {
          name: "attached",
          scope: { type: "namespace", namespace: "edit-a" },
          registries: [{ ...attached, password: CREDENTIALS.attach.password }],
          attachToDefaultServiceAccount: true,
        });
        expect(created).toMatchObject({ status: 201, body: { attachToDefaultServiceAccount: true } });
        expect((await localCluster(t).core.readNamespacedSecret({ name: "attached", namespace: "edit-a" })).metadata?.annotations).toEqual({
          "paddock.io/attach-to-default-service-account": "true",
        });
        expect(await pullSecrets("edit-a")).toEqual([{ name: "existing-pull" }, { name: "attached" }]);

        const off = await api.put(`${P}/registries/namespaces/edit-a/attached`, { registries: [attached], attachToDefaultServiceAccount: false });
        expect(off).toMatchObject({ status: 200, body: { attachToDefaultServiceAccount: false } });
        expect(await pullSecrets("edit-a")).toEqual([{ name: "existing-pull" }]);

        const on = await api.put(`${P}/registries/namespaces/edit-a/attached`, { registries: [attached], attachToDefaultServiceAccount: true });
        expect(on.status).toBe(200);
        const again = await api.put(`${P}/registries/namespaces/edit-a/attached`, { registries: [attached] });
        expect(again).toMatchObject({ status: 200, body: { attachToDefaultServiceAccount: true } });
        expect(await pullSecrets("edit-a")).toEqual([{ name: "existing-pull" }, { name: "attached" }]);

        expect((await api.delete(`${P}/registries/namespaces/edit-a/attached`)).status).toBe(204);
        expect(await pullSecrets("edit-a")).toEqual([{ name: "existing-pull" }]);
      });

      it("is attached in a namespace created for the registry", async () => {
        const created = await api.post(`${P}/registries`, {
          name: "attached-new",
          scope: { type: "namespace", namespace: "edit-c", createNamespace: true },
          registries: [{ ...attached, password: CREDENTIALS.attach.password }],
          attachToDefaultServiceAccount: true,
        });
        expect(created.status).toBe(201);
        expect(await pullSecrets("edit-c")).toEqual([{ name: "attached-new" }]);
      });

      it("is stored on a project registry for the controller to apply to its copies", async () => {
        const response = await api.post(`${P}/registries`, {
          name: "shared-attached",
          scope: { type: "project" },
          registries: [{ ...attached, password: CREDENTIALS.attach.password }],
          attachToDefaultServiceAccount: true,
        });
        expect(response).toMatchObject({ status: 201, body: { attachToDefaultServiceAccount: true } });
        expect((await localCluster(t).core.readNamespacedSecret({ name: "shared-attached", namespace: "local-p-redit" })).metadata?.annotations).toEqual({
          "paddock.io/attach-to-default-service-account": "true",
        });
      });
    });

    describe("secrets stay secret", () => {
      it("no response and no log line holds a password", () => {
        expect(api.responses.length).toBeGreaterThan(15);
        expect(logLines.some((line) => line.includes('"msg":"registry updated"'))).toBe(true);
        expectNoPassword([...api.responses, ...logLines], Object.values(CREDENTIALS));
      });
    });
  });
}
