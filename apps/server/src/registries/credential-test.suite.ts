import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDockerRegistry, type DockerRegistryFixture } from "@paddock/registry-auth/testing";
import { expectNoPassword, RecordingApiClient } from "../testing/password-leaks.ts";
import { createRancherProject, localCluster } from "../testing/projects.ts";
import type { TestServer } from "../testing/test-server.ts";

// Rule 4 (issue 4, "Done when" 5): the credential test against a real docker-registry answers, in
// words, right, wrong, unreachable and bad-TLS; a stored registry (in project p-creds) is tested
// without its password travelling.

const ALICE = { username: "alice", password: "alice-registry-pw" };
const WRONG = "not-alices-password";
const P = "/api/clusters/local/projects/p-creds";

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export function credentialTestSuite(server: () => TestServer): void {
  describe("registries: credential tests", () => {
    let api: RecordingApiClient;
    let registry: DockerRegistryFixture;
    let tlsRegistry: DockerRegistryFixture;

    beforeAll(async () => {
      const t = server();
      [registry, tlsRegistry] = await Promise.all([
        startDockerRegistry({ users: { [ALICE.username]: ALICE.password } }),
        startDockerRegistry({ users: { [ALICE.username]: ALICE.password }, tls: true }),
      ]);
      api = new RecordingApiClient(t.server.url);
      await api.login();
      await createRancherProject(localCluster(t), { id: "p-creds", displayName: "Credentials", namespaces: ["creds-a"] });
      const created = await api.post(`${P}/registries`, {
        name: "local-registry",
        scope: { type: "namespace", namespace: "creds-a" },
        registries: [
          { address: registry.host, ...ALICE },
          { address: "wrong.localhost:1", username: "bob", password: WRONG },
        ],
      });
      expect(created.status).toBe(201);
    }, 30_000);
    afterAll(async () => {
      await Promise.all([registry?.stop(), tlsRegistry?.stop()]);
    });

    describe("POST /api/registry-test", () => {
      it("accepts the right credentials", async () => {
        const response = await api.post("/api/registry-test", { address: registry.host, ...ALICE });
        expect(response).toMatchObject({ status: 200 });
        expect(response.body).toEqual({ ok: true, result: "accepted", status: 200, message: `Credentials accepted by ${registry.host}`, address: registry.host });
      });

      it("says the credentials are wrong", async () => {
        const response = await api.post("/api/registry-test", { address: `http://${registry.host}/`, username: ALICE.username, password: WRONG });
        expect(response.body).toEqual({
          ok: false,
          result: "unauthorized",
          status: 401,
          message: "The registry rejected the username or password (401 UNAUTHORIZED: authentication required)",
          address: registry.host,
        });
      });

      it("says nothing answers on a closed port", async () => {
        const port = await closedPort();
        const response = await api.post("/api/registry-test", { address: `127.0.0.1:${port}`, ...ALICE });
        expect(response.body).toEqual({
          ok: false,
          result: "unreachable",
          message: `Could not reach 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
          address: `127.0.0.1:${port}`,
        });
      });

      it("names the certificate a registry presents that is not trusted", async () => {
        const response = await api.post("/api/registry-test", { address: tlsRegistry.host, ...ALICE });
        expect(response.body).toMatchObject({ ok: false, result: "tls", address: tlsRegistry.host });
        expect(response.body.message).toMatch(/^TLS error: .*self-signed.*CN=Paddock test registry/);
      });

      it("refuses an address with credentials in it, without echoing them", async () => {
        const response = await api.post("/api/registry-test", { address: `https://alice:${ALICE.password}@${registry.host}`, ...ALICE });
        const message = "Put the user name in the Username field, not in the address.";
        expect(response).toMatchObject({
          status: 422,
          body: { error: { code: "Invalid", message: `The address "https://…@${registry.host}" cannot be tested: ${message}`, details: { issues: [{ path: "body.address", message }] } } },
        });
      });

      it("refuses an address that is not one", async () => {
        const response = await api.post("/api/registry-test", { address: "ftp://example.com", ...ALICE });
        expect(response).toMatchObject({
          status: 422,
          body: { error: { code: "Invalid", details: { issues: [{ path: "body.address", message: '"ftp://" is not a registry address prefix: enter the host name only, for example quay.io.' }] } } },
        });
      });
    });

    describe("testing a stored registry", () => {
      const url = `${P}/registries/namespaces/creds-a/local-registry/test`;

      it("tests the first address without the password being sent", async () => {
        const response = await api.post(url);
        expect(response.body).toEqual({ ok: true, result: "accepted", status: 200, message: `Credentials accepted by ${registry.host}`, address: registry.host });
      });

      it("tests the address asked for", async () => {
        const response = await api.post(url, { address: "wrong.localhost:1" });
        expect(response.body).toMatchObject({ ok: false, result: "unreachable", address: "wrong.localhost:1" });
        const missing = await api.post(url, { address: "quay.io" });
        expect(missing).toMatchObject({
          status: 404,
          body: { error: { message: `The registry "local-registry" in namespace "creds-a" has no entry for quay.io: it holds ${registry.host}, wrong.localhost:1.` } },
        });
      });

      it("sends no password back", () => {
        expectNoPassword(api.responses, [ALICE, { username: "bob", password: WRONG }]);
      });
    });
  });
}
