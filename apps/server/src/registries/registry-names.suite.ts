import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../testing/eventually.ts";
import { createRancherProject, localCluster } from "../testing/projects.ts";
import { secretIsGone } from "../testing/registries.ts";
import type { TestServer } from "../testing/test-server.ts";

// Rule 1 through the registries API (issue 4, "Done when" 2 and 3), in project p-names: a
// registry's name is refused when any Secret or ConfigMap in its scope, or a project registry of
// its project, holds it.

const P = "/api/clusters/local/projects/p-names";
const registries = [{ address: "quay.io", username: "u", password: "names-test-pw" }];

export function registryNamesSuite(server: () => TestServer): void {
  describe("registries: unique names", () => {
    let t: TestServer;

    beforeAll(async () => {
      t = server();
      await createRancherProject(localCluster(t), { id: "p-names", displayName: "Names", namespaces: ["names-a", "names-b"] });
      await createRancherProject(localCluster(t), { id: "p-namez", displayName: "Elsewhere", namespaces: ["else"] });
      const tls = {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "site-cert", namespace: "names-a" },
        type: "kubernetes.io/tls",
        data: { "tls.crt": "", "tls.key": "" },
      };
      const made = await Promise.all([
        t.kubectl(["create", "configmap", "settings", "-n", "names-a", "--from-literal=mode=fast"]),
        t.kubectl(["create", "secret", "generic", "opaque-one", "-n", "names-b", "--from-literal=token=abc"]),
        t.kubectl(["apply", "-f", "-"], { input: JSON.stringify(tls) }),
        t.api.post(`${P}/registries`, { name: "shared-reg", scope: { type: "project" }, registries }),
      ]);
      expect(made.map((m) => ("code" in m ? m.code : m.status))).toEqual([0, 0, 0, 201]);
      const caches = localCluster(t).caches;
      await eventually(() => !!caches.configMaps.get("names-a", "settings") && !!caches.secrets.get("names-b", "opaque-one") && !!caches.secrets.get("names-a", "site-cert"));
    }, 30_000);

    const inNamespace = (namespace: string) => ({ type: "namespace", namespace });

    describe("a registry's name is refused when something in its scope holds it", () => {
      it("a ConfigMap made with kubectl", async () => {
        const response = await t.api.post(`${P}/registries`, { name: "settings", scope: inNamespace("names-a"), registries });
        expect(response.status).toBe(409);
        expect(response.body).toEqual({
          error: {
            code: "NameInUse",
            message: 'The name "settings" is already used by the ConfigMap "settings" in namespace "names-a". Registries, secrets, certificates and ConfigMaps share names in a scope: choose another name.',
            details: { conflicts: [{ kind: "ConfigMap", what: "ConfigMap", namespace: "names-a", name: "settings" }] },
          },
        });
        expect(await secretIsGone(t, "names-a", "settings")).toBe(true);
      });

      it("a certificate", async () => {
        const response = await t.api.post(`${P}/registries`, { name: "site-cert", scope: inNamespace("names-a"), registries });
        expect(response).toMatchObject({
          status: 409,
          body: {
            error: {
              code: "NameInUse",
              message: expect.stringMatching(/^The name "site-cert" is already used by the certificate "site-cert" in namespace "names-a"\. /),
              details: { conflicts: [{ kind: "Secret", what: "certificate", namespace: "names-a", name: "site-cert", secretType: "kubernetes.io/tls" }] },
            },
          },
        });
      });

      it("an Opaque secret in any namespace of the project, for a project registry", async () => {
        const response = await t.api.post(`${P}/registries`, { name: "opaque-one", scope: { type: "project" }, registries });
        expect(response).toMatchObject({
          status: 409,
          body: {
            error: {
              code: "NameInUse",
              message: expect.stringMatching(/^The name "opaque-one" is already used by the secret "opaque-one" in namespace "names-b" \(type Opaque\)\. /),
              details: { conflicts: [{ kind: "Secret", what: "secret", namespace: "names-b", name: "opaque-one", secretType: "Opaque" }] },
            },
          },
        });
        expect(await secretIsGone(t, "local-p-names", "opaque-one")).toBe(true);
      });

      it("a project registry, for a registry in one of the project's namespaces", async () => {
        const response = await t.api.post(`${P}/registries`, { name: "shared-reg", scope: inNamespace("names-b"), registries });
        expect(response).toMatchObject({
          status: 409,
          body: {
            error: {
              code: "NameInUse",
              message: expect.stringMatching(/^The name "shared-reg" is already used by the project registry "shared-reg" in namespace "local-p-names"/),
              details: { conflicts: [{ kind: "Secret", what: "project registry", namespace: "local-p-names", name: "shared-reg" }] },
            },
          },
        });
      });

      it("but not by something outside the scope", async () => {
        const response = await t.api.post("/api/clusters/local/projects/p-namez/registries", { name: "settings", scope: inNamespace("else"), registries });
        expect(response.status).toBe(201);
        const sibling = await t.api.post(`${P}/registries`, { name: "site-cert", scope: inNamespace("names-b"), registries });
        expect(sibling.status).toBe(201);
      });
    });

    describe("two saves racing for one name", () => {
      it("20 parallel creates: exactly one wins, the others are told the name is taken", async () => {
        const responses = await Promise.all(
          Array.from({ length: 20 }, () => t.api.post(`${P}/registries`, { name: "race", scope: inNamespace("names-b"), registries })),
        );
        const statuses = responses.map((r) => r.status).sort();
        expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
        for (const loser of responses.filter((r) => r.status === 409)) {
          expect(loser.body).toMatchObject({ error: { code: "NameInUse", details: { conflicts: [{ kind: "Secret", what: "registry", namespace: "names-b", name: "race" }] } } });
        }
      }, 30_000);
    });

    describe("the live availability check", () => {
      const check = (query: string) => t.api.get(`${P}/name-availability?${query}`);

      it("names the conflicts of a taken name and accepts a free one", async () => {
        expect((await check("name=settings&scope=namespace&namespace=names-a")).body).toEqual({
          name: "settings",
          available: false,
          conflicts: [{ kind: "ConfigMap", what: "ConfigMap", namespace: "names-a", name: "settings" }],
          message: 'The name "settings" is already used by the ConfigMap "settings" in namespace "names-a". Registries, secrets, certificates and ConfigMaps share names in a scope: choose another name.',
        });
        expect((await check("name=settings&scope=project")).body).toMatchObject({ available: false, conflicts: [{ namespace: "names-a", name: "settings" }] });
        expect((await check("name=free-name&scope=project")).body).toEqual({ name: "free-name", available: true, conflicts: [] });
      });

      it("sees a ConfigMap made with kubectl right after it is made", async () => {
        expect((await check("name=later&scope=namespace&namespace=names-b")).body.available).toBe(true);
        expect((await t.kubectl(["create", "configmap", "later", "-n", "names-b"])).code).toBe(0);
        await eventually(async () => expect((await check("name=later&scope=namespace&namespace=names-b")).body.available).toBe(false));
        const response = await t.api.post(`${P}/registries`, { name: "later", scope: inNamespace("names-b"), registries });
        expect(response).toMatchObject({ status: 409, body: { error: { code: "NameInUse" } } });
      });

      it("says why a name cannot be used at all, and asks for the namespace of a namespace scope", async () => {
        expect((await check("name=Bad_Name&scope=project")).body).toEqual({
          name: "Bad_Name",
          available: false,
          invalid: "Use lowercase letters, digits, '-' and '.'; start and end with a letter or digit (e.g. 'my-registry').",
          conflicts: [],
        });
        expect(await check("name=x&scope=namespace")).toMatchObject({
          status: 422,
          body: { error: { code: "Invalid", message: "Name the namespace to check the name in.", details: { issues: [{ path: "query.namespace", message: "This field is required." }] } } },
        });
        expect(await t.api.get("/api/clusters/local/projects/p-nopes/name-availability?name=x&scope=project")).toMatchObject({ status: 404, body: { error: { code: "NotFound" } } });
      });

      it("checks only the project's own namespaces (and ones not made yet), never another project's", async () => {
        expect(await check("name=x&scope=namespace&namespace=else")).toMatchObject({
          status: 422,
          body: {
            error: {
              code: "Invalid",
              message: 'Namespace "else" is not in project "Names": choose one of its namespaces (names-a, names-b).',
              details: { issues: [{ path: "query.namespace", message: 'Namespace "else" is not in project "Names".' }] },
            },
          },
        });
        expect((await check("name=settings&scope=namespace&namespace=names-new")).body).toEqual({ name: "settings", available: true, conflicts: [] });
      });
    });
  });
}
