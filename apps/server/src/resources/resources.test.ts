import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCertificate } from "../testing/certificates.ts";
import { until } from "../testing/eventually.ts";
import { startTestServer, type TestServer } from "../testing/test-server.ts";

let t: TestServer;
let base: string;

beforeAll(async () => {
  t = await startTestServer();
  const projects = await until(() => t.api.get("/api/clusters/local/projects"), (r) => r.body.items?.some((p: { displayName: string }) => p.displayName === "Default"));
  const project = projects.body.items.find((p: { displayName: string }) => p.displayName === "Default");
  base = `/api/clusters/local/projects/${project.id}`;
});
afterAll(async () => {
  await t?.stop();
});

describe("secrets, certificates and ConfigMaps of a project", () => {
  it("creates an Opaque secret whose values never come back, and deletes it", async () => {
    const created = await t.api.post(`${base}/secrets`, { name: "db", namespace: "default", description: "database", data: { password: "s3cret-value" } });
    expect(created).toMatchObject({ status: 201, body: { name: "db", namespace: "default", type: "Opaque", keys: ["password"] } });
    const listed = await until(() => t.api.get(`${base}/secrets`), (r) => r.body.items.some((s: { name: string }) => s.name === "db"));
    expect(listed.body.items).toContainEqual(expect.objectContaining({ name: "db", description: "database", keys: ["password"] }));
    expect(JSON.stringify([created.body, listed.body])).not.toContain("s3cret-value");
    const stored = await t.kubectl(["get", "secret", "db", "-n", "default", "-o", "jsonpath={.data.password}"]);
    expect(Buffer.from(stored.stdout, "base64").toString()).toBe("s3cret-value");
    expect((await t.api.delete(`${base}/secrets/default/db`)).status).toBe(204);
    expect((await t.kubectl(["get", "secret", "db", "-n", "default"])).stderr).toContain('secrets "db" not found');
  });

  it("stores a certificate and shows its subject and expiry; refuses a key of another certificate", async () => {
    const pair = makeCertificate("shop.example.com");
    const other = makeCertificate("other.example.com");
    const refused = await t.api.post(`${base}/certificates`, { name: "shop-tls", namespace: "default", certificate: pair.certificate, privateKey: other.privateKey });
    expect(refused).toMatchObject({ status: 422, body: { error: { code: "Invalid", message: "The private key does not belong to the certificate." } } });
    const created = await t.api.post(`${base}/certificates`, { name: "shop-tls", namespace: "default", ...pair });
    expect(created).toMatchObject({ status: 201, body: { subject: "CN=shop.example.com", dnsNames: ["shop.example.com"], expired: false } });
    const listed = await until(() => t.api.get(`${base}/certificates`), (r) => r.body.items.length > 0);
    expect(listed.body.items[0]).toMatchObject({ name: "shop-tls", subject: "CN=shop.example.com" });
    expect(JSON.stringify(listed.body)).not.toContain("PRIVATE KEY");
  });

  it("keeps one name per scope across kinds: a ConfigMap named like the certificate is refused", async () => {
    const clash = await t.api.post(`${base}/configmaps`, { name: "shop-tls", namespace: "default", data: { a: "1" } });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({
      code: "NameInUse",
      details: { conflicts: [{ kind: "Secret", what: "certificate", namespace: "default", name: "shop-tls", secretType: "kubernetes.io/tls" }] },
    });
    expect(clash.body.error.message).toContain('the certificate "shop-tls" in namespace "default"');
    const created = await t.api.post(`${base}/configmaps`, { name: "settings", namespace: "default", data: { color: "blue" } });
    expect(created).toMatchObject({ status: 201, body: { data: { color: "blue" } } });
  });

  it("refuses a namespace outside the project, saying which", async () => {
    const response = await t.api.post(`${base}/configmaps`, { name: "x", namespace: "kube-system", data: {} });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toContain('Namespace "kube-system" is not in project "Default"');
  });
});
