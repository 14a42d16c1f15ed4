import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "@paddock/contracts";
import { ApiClient, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from "../testing/test-server.ts";
import { addMember, CLUSTER, eventually, passwordOf, projectId, recordingLogger, TokenClient, userClient } from "../auth/testing.ts";

const REGISTRY_PASSWORD = "audit-registry-password-XK7Q";
const NEW_REGISTRY_PASSWORD = "audit-registry-password-ZR2M";
const SECRET_VALUE = "audit-secret-value-LP4W";
const NEW_USER_PASSWORD = "audit-new-user-password-9F";
const CHANGED_PASSWORD = "audit-changed-password-3T";

let t: TestServer;
let lines: string[];
let project: string;
let viewer: ApiClient;
let token: string;
const P = () => `${CLUSTER}/projects/${project}`;

async function audit(client: ApiClient = t.api): Promise<AuditEntry[]> {
  const response = await client.get<{ items: AuditEntry[] }>(`${P()}/audit`);
  expect(response.status).toBe(200);
  return response.body.items;
}

beforeAll(async () => {
  const recording = recordingLogger();
  lines = recording.lines;
  t = await startTestServer({ logger: recording.logger });
  project = await projectId(t, "Default");
  viewer = await userClient(t, "viewer");
  await addMember(t, project, "viewer", "read-only");

  // A session of work: every kind of write, with passwords and a token along the way.
  const registry = { scope: { type: "project" }, registries: [{ address: "registry.example.com", username: "robot", password: REGISTRY_PASSWORD }] };
  expect((await t.api.post(`${P()}/registries`, { name: "audited", ...registry })).status).toBe(201);
  const edit = { registries: [{ address: "registry.example.com", username: "robot", password: NEW_REGISTRY_PASSWORD }] };
  expect((await t.api.put(`${P()}/registries/project/audited`, edit)).status).toBe(200);
  expect((await t.api.post(`${P()}/secrets`, { name: "db", namespace: "default", data: { password: Buffer.from(SECRET_VALUE).toString("base64") } })).status).toBe(201);
  expect((await viewer.delete(`${P()}/secrets/default/db`)).status).toBe(403);
  expect((await t.api.post("/api/users", { username: "newbie", password: NEW_USER_PASSWORD })).status).toBe(201);
  token = (await t.api.post("/api/tokens", { name: "audit bot" })).body.token;
  expect((await new TokenClient(t.server.url, token).request("POST", `${P()}/configmaps`, { name: "by-bot", namespace: "default", data: {} })).status).toBe(201);
  expect((await viewer.put("/api/auth/password", { currentPassword: passwordOf("viewer"), newPassword: CHANGED_PASSWORD })).status).toBe(204);
  expect((await t.api.delete(`${P()}/registries/project/audited`)).status).toBe(204);
  expect((await t.api.post(`${P()}/configmaps`, { name: "Not Valid", namespace: "default", data: {} })).status).toBe(422);
  expect((await t.api.post(`${CLUSTER}/namespaces`, { name: "audit-ns", projectId: project })).status).toBe(201);
  const namespaced = { scope: { type: "namespace", namespace: "default" }, registries: [{ address: "r.example.com", username: "u", password: REGISTRY_PASSWORD }] };
  expect((await t.api.post(`${P()}/registries`, { name: "bulk-a", ...namespaced })).status).toBe(201);
  // Logins that fail: a wrong password, and a password typed into the username field.
  const stranger = new ApiClient(t.server.url);
  expect((await stranger.post("/api/auth/login", { username: "viewer", password: "not-the-password" })).status).toBe(401);
  expect((await stranger.post("/api/auth/login", { username: NEW_USER_PASSWORD, password: "x" })).status).toBe(401);
  await stranger.login("newbie", NEW_USER_PASSWORD);
  expect((await stranger.post("/api/auth/logout")).status).toBe(204);
  expect((await t.api.put("/api/users/newbie", { disabled: true })).status).toBe(200);
  expect((await stranger.post("/api/auth/login", { username: "newbie", password: NEW_USER_PASSWORD })).status).toBe(401);
  // A guesser hits the per-user limit (10 failures in 15 minutes); the 11th attempt is refused before any check.
  for (let i = 0; i < 10; i++) expect((await stranger.post("/api/auth/login", { username: "guessed", password: `guess-${i}` })).status).toBe(401);
  expect((await stranger.post("/api/auth/login", { username: "guessed", password: "guess-10" })).status).toBe(429);
  const bulk = await t.api.post(`${P()}/registries/bulk-delete`, { items: [{ type: "namespace", namespace: "default", name: "bulk-a" }, { type: "project", name: "missing" }] });
  expect(bulk.body.items.map((i: { deleted: boolean }) => i.deleted)).toEqual([true, false]);
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe("the audit trail", () => {
  it("lists the project's changes and refusals, newest first, with who, what and the result", async () => {
    const entries = await eventually(audit, (items) => items.length >= 10);
    expect(entries.map((e) => [e.action, e.reason, e.type, e.user, e.status, e.kind, e.namespace, e.name, e.message])).toEqual([
      // a bulk delete records the registries it deleted, not those it could not
      ["delete", "PaddockDelete", "Normal", "admin", 200, "Secret", "default", "bulk-a", 'admin deleted registry "bulk-a" in namespace default of project Default'],
      ["create", "PaddockCreate", "Normal", "admin", 201, "Secret", "default", "bulk-a", 'admin created registry "bulk-a" in namespace default of project Default'],
      ["create", "PaddockCreate", "Normal", "admin", 201, "Namespace", "", "audit-ns", 'admin created namespace "audit-ns" in project Default'],
      ["delete", "PaddockDelete", "Normal", "admin", 204, "Secret", "local-" + project, "audited", 'admin deleted registry "audited" in project Default'],
      ["create", "PaddockCreate", "Normal", "admin", 201, "ConfigMap", "default", "by-bot", 'admin (API token "audit bot") created ConfigMap "by-bot" in namespace default of project Default'],
      [
        "denied",
        "PaddockDenied",
        "Warning",
        "viewer",
        403,
        "Secret",
        "default",
        "db",
        'viewer tried to delete secret "db" in namespace default of project Default and was refused: You are a read-only member of project "Default": you cannot change secrets.',
      ],
      ["create", "PaddockCreate", "Normal", "admin", 201, "Secret", "default", "db", 'admin created secret "db" in namespace default of project Default'],
      ["update", "PaddockUpdate", "Normal", "admin", 200, "Secret", "local-" + project, "audited", 'admin updated registry "audited" in project Default'],
      ["create", "PaddockCreate", "Normal", "admin", 201, "Secret", "local-" + project, "audited", 'admin created registry "audited" in project Default'],
      ["update", "PaddockUpdate", "Normal", "admin", 201, "Project", "local", project, 'admin set member "viewer" in project Default as read-only'],
    ]);
    expect(Date.parse(entries[0]!.time)).toBeGreaterThan(Date.now() - 120_000);
    // members of the project read it too
    expect((await audit(viewer)).length).toBe(entries.length);
  });

  it("records each change as a Kubernetes Event on the object, that kubectl describe shows", async () => {
    const listed = await t.kubectl(["get", "events", "-n", "default", "-l", "paddock.io/audit=true", "-o", "json"]);
    const events = (JSON.parse(listed.stdout) as { items: Array<{ reason: string; involvedObject: { name: string } }> }).items;
    const created = events.find((e) => e.reason === "PaddockCreate" && e.involvedObject.name === "db")!;
    expect(created).toMatchObject({
      type: "Normal",
      source: { component: "paddock" },
      reportingComponent: "paddock",
      action: "Create",
      count: 1,
      involvedObject: { apiVersion: "v1", kind: "Secret", namespace: "default", name: "db", uid: expect.any(String) },
      metadata: { labels: { "paddock.io/project": project, "app.kubernetes.io/managed-by": "paddock" }, annotations: { "paddock.io/user": "admin", "paddock.io/status": "201" } },
    });
    // kubectl describe finds an object's events by its uid (kubectl describe secret shows none at all)
    const described = await t.kubectl(["describe", "configmap", "by-bot", "-n", "default"]);
    expect(described.stdout).toMatch(/Normal\s+PaddockCreate\s+\S+\s+paddock\s+admin \(API token "audit bot"\) created ConfigMap "by-bot" in namespace default of project Default/);
  });

  it("records changes to users and tokens on their Secrets in paddock-system", async () => {
    const listed = await eventually(
      async () => (JSON.parse((await t.kubectl(["get", "events", "-n", "paddock-system", "-o", "json"])).stdout) as { items: Array<{ message: string }> }).items.map((e) => e.message).sort(),
      (messages) => messages.length >= 5,
    );
    expect(listed).toEqual(['admin created API token "audit bot"', 'admin created user "newbie"', 'admin created user "viewer"', 'admin updated user "newbie"', 'viewer changed the password of user "viewer"']);
  });

  it("writes a structured log line per write, failed ones too", async () => {
    const audits = lines.map((line) => JSON.parse(line) as { audit?: Record<string, unknown>; msg: string }).filter((l) => l.audit);
    expect(audits.find((l) => l.msg === 'admin created secret "db" in namespace default of project Default')!.audit).toEqual({
      user: "admin",
      via: "session",
      method: "POST",
      path: `/clusters/local/projects/${project}/secrets`,
      status: 201,
      outcome: "succeeded",
      action: "create",
      targets: [{ cluster: "local", project, kind: "Secret", namespace: "default", name: "db" }],
      durationMs: expect.any(Number),
    });
    expect(audits.find((l) => l.audit!.via === "token")!.audit).toMatchObject({ user: "admin", tokenId: expect.stringMatching(/^[a-z0-9]{12}$/), status: 201 });
    const logins = audits.filter((l) => l.audit!.action === "login" || l.audit!.action === "logout").map((l) => [l.msg, l.audit!.user, l.audit!.outcome]);
    expect(logins).toEqual(
      expect.arrayContaining([
        ["viewer logged in", "viewer", "succeeded"],
        ["viewer failed to log in", "viewer", "failed"],
        ["a login with an unknown username failed", "", "failed"],
        ["newbie logged out", "newbie", "succeeded"],
        ["newbie failed to log in: the account is disabled", "newbie", "failed"],
        ["a login was refused: too many failed logins for this user", "", "failed"],
      ]),
    );
    // a name that is not one makes no target: the line names the route
    expect(audits.find((l) => l.audit!.status === 422)).toMatchObject({ msg: `admin POST /api/clusters/local/projects/${project}/configmaps: 422`, audit: { outcome: "failed", error: "Invalid", targets: [] } });
  });

  it("never holds a password, a secret value or a token: not in events, log lines or answers", async () => {
    const events = await t.kubectl(["get", "events", "-A", "-o", "json"]);
    const haystacks = { events: events.stdout, log: lines.join("\n"), audit: JSON.stringify(await audit()) };
    const needles = [REGISTRY_PASSWORD, NEW_REGISTRY_PASSWORD, SECRET_VALUE, Buffer.from(SECRET_VALUE).toString("base64"), NEW_USER_PASSWORD, CHANGED_PASSWORD, TEST_ADMIN_PASSWORD, passwordOf("viewer"), token, token.slice("paddock_".length + 13)];
    for (const [where, text] of Object.entries(haystacks)) {
      expect(needles.filter((needle) => text.includes(needle)), where).toEqual([]);
    }
  });
});
