import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Router } from "express";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server.ts";
import { features } from "../features.ts";
import { authRoutes, meRoute } from "./routes.ts";
import type { SessionSigner } from "./session.ts";
import type { UserStore } from "./user-store.ts";
import { POLICY } from "./policy-table.ts";
import { RouteTable } from "./route-table.ts";
import { addMember, CLUSTER, eventually, projectId, userClient } from "./testing.ts";

type Role = "none" | "read-only" | "member" | "owner" | "admin";
const ROLES: Role[] = ["none", "read-only", "member", "owner", "admin"];

let t: TestServer;
let clients: Record<Role, ApiClient>;
let defaultProject: string;
let otherProject: string;
const P = () => `${CLUSTER}/projects/${defaultProject}`;

beforeAll(async () => {
  t = await startTestServer();
  defaultProject = await projectId(t, "Default");
  const other = await t.api.post(`${CLUSTER}/projects`, { displayName: "Other" });
  otherProject = other.body.id;
  expect((await t.api.post(`${CLUSTER}/namespaces`, { name: "other-ns", projectId: otherProject })).status).toBe(201);
  const [viewer, dev, lead, outsider] = await Promise.all(["viewer", "dev", "lead", "outsider", "extra"].map((name) => userClient(t, name)));
  await Promise.all([addMember(t, defaultProject, "viewer", "read-only"), addMember(t, defaultProject, "dev", "member"), addMember(t, defaultProject, "lead", "owner")]);
  clients = { none: outsider!, "read-only": viewer!, member: dev!, owner: lead!, admin: t.api };
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

type Request = [method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown];
const READ = { none: 403, "read-only": 200, member: 200, owner: 200, admin: 200 } as const;
const WRITE = (ok: number) => ({ none: 403, "read-only": 403, member: ok, owner: ok, admin: ok });
const OWNER = (ok: number) => ({ none: 403, "read-only": 403, member: 403, owner: ok, admin: ok });
const ADMIN = (ok: number) => ({ none: 403, "read-only": 403, member: 403, owner: 403, admin: ok });
const ANYONE = (ok: number) => ({ none: ok, "read-only": ok, member: ok, owner: ok, admin: ok });

/** For every feature, a list and a write (names differ per role, so that each allowed write succeeds). */
const MATRIX: Array<{ route: string; request: (role: Role) => Request; expected: Record<Role, number> }> = [
  { route: "who am I", request: () => ["GET", "/api/auth/me"], expected: ANYONE(200) },
  { route: "list clusters", request: () => ["GET", "/api/clusters"], expected: ANYONE(200) },
  { route: "list projects", request: () => ["GET", `${CLUSTER}/projects`], expected: READ },
  { route: "create a project", request: (r) => ["POST", `${CLUSTER}/projects`, { displayName: `Made by ${r}` }], expected: ADMIN(201) },
  { route: "change the project", request: (r) => ["PUT", P(), { description: `changed by ${r}` }], expected: OWNER(200) },
  { route: "delete the project", request: () => ["DELETE", `${CLUSTER}/projects/${defaultProject}`], expected: OWNER(409) },
  { route: "list namespaces", request: () => ["GET", `${CLUSTER}/namespaces`], expected: READ },
  { route: "create a namespace", request: (r) => ["POST", `${CLUSTER}/namespaces`, { name: `ns-${r.replace("-", "")}`, projectId: defaultProject }], expected: WRITE(201) },
  { route: "list registries", request: () => ["GET", `${P()}/registries`], expected: READ },
  {
    route: "create a registry",
    request: (r) => [
      "POST",
      `${P()}/registries`,
      { name: `reg-${r.replace("-", "")}`, scope: { type: "namespace", namespace: "default" }, registries: [{ address: "registry.example.com", username: "robot", password: "registry-secret-1" }] },
    ],
    expected: WRITE(201),
  },
  { route: "read a registry", request: () => ["GET", `${P()}/registries/namespaces/default/missing`], expected: { ...READ, "read-only": 404, member: 404, owner: 404, admin: 404 } },
  { route: "test credentials", request: () => ["POST", "/api/registry-test", { address: "127.0.0.1:1" }], expected: WRITE(200) },
  { route: "check a name", request: () => ["GET", `${P()}/name-availability?name=free-name&scope=project`], expected: READ },
  { route: "list secrets", request: () => ["GET", `${P()}/secrets`], expected: READ },
  { route: "create a secret", request: (r) => ["POST", `${P()}/secrets`, { name: `secret-${r.replace("-", "")}`, namespace: "default", data: { token: "c2VjcmV0" } }], expected: WRITE(201) },
  { route: "list certificates", request: () => ["GET", `${P()}/certificates`], expected: READ },
  { route: "delete a certificate", request: () => ["DELETE", `${P()}/certificates/default/missing`], expected: WRITE(404) },
  { route: "list ConfigMaps", request: () => ["GET", `${P()}/configmaps`], expected: READ },
  { route: "create a ConfigMap", request: (r) => ["POST", `${P()}/configmaps`, { name: `config-${r.replace("-", "")}`, namespace: "default", data: { mode: "x" } }], expected: WRITE(201) },
  { route: "list workloads", request: () => ["GET", `${P()}/workloads`], expected: READ },
  { route: "delete a workload", request: () => ["DELETE", `${P()}/workloads/default/missing`], expected: WRITE(404) },
  { route: "scale a workload", request: () => ["POST", `${P()}/workloads/default/missing/scale`, { replicas: 2 }], expected: WRITE(404) },
  { route: "preview pull secrets", request: () => ["POST", `${P()}/pull-secret-preview`, { namespace: "default", images: ["nginx"] }], expected: READ },
  { route: "list pods", request: () => ["GET", `${P()}/pods`], expected: READ },
  { route: "list events", request: () => ["GET", `${P()}/events`], expected: READ },
  { route: "list members", request: () => ["GET", `${P()}/members`], expected: READ },
  // the owner adds a member (201); the admin sets the role of one (200)
  { route: "set a member", request: (r) => ["POST", `${P()}/members`, r === "admin" ? { username: "lead", role: "owner" } : { username: "extra", role: "read-only" }], expected: { ...OWNER(200), owner: 201 } },
  { route: "remove a member", request: () => ["DELETE", `${P()}/members/nobody`], expected: OWNER(404) },
  { route: "read the audit", request: () => ["GET", `${P()}/audit`], expected: READ },
  { route: "list users", request: () => ["GET", "/api/users"], expected: ADMIN(200) },
  { route: "create a user", request: (r) => ["POST", "/api/users", { username: `new-${r.replace("-", "")}`, password: "a-long-password-1" }], expected: ADMIN(201) },
  { route: "list my tokens", request: () => ["GET", "/api/tokens"], expected: ANYONE(200) },
  { route: "an unknown route", request: () => ["GET", "/api/no-such-route"], expected: { ...ADMIN(404) } },
];

describe("the role matrix (issue 6, Done when 1)", () => {
  for (const row of MATRIX) {
    it(`${row.route}: ${ROLES.map((r) => `${r} ${row.expected[r]}`).join(", ")}`, async () => {
      const answers = await Promise.all(
        ROLES.map(async (role) => {
          const [method, path, body] = row.request(role);
          const response = await clients[role].request(method, path, body);
          if (response.status === 403) expect(response.body, `${role}: ${method} ${path}`).toMatchObject({ error: { code: "Forbidden" } });
          return [role, response.status] as const;
        }),
      );
      expect(Object.fromEntries(answers)).toEqual(row.expected);
    });
  }
});

describe("cross-project access and refusals", () => {
  it("refuses a member in a project they are not a member of, saying so", async () => {
    const response = await clients.member.get(`${CLUSTER}/projects/${otherProject}/registries`);
    expect(response).toMatchObject({ status: 403, body: { error: { code: "Forbidden", message: 'You are not a member of project "Other": ask one of its owners or a Paddock administrator to add you.' } } });
    const write = await clients.owner.post(`${CLUSTER}/projects/${otherProject}/secrets`, { name: "sneaky", namespace: "other-ns", data: {} });
    expect(write.status).toBe(403);
  });

  it("says what a read-only member and a member cannot do", async () => {
    const secret = await clients["read-only"].post(`${P()}/secrets`, { name: "nope", namespace: "default", data: {} });
    expect(secret.body.error.message).toBe('You are a read-only member of project "Default": you cannot change secrets.');
    const registry = await clients["read-only"].delete(`${P()}/registries/namespaces/default/reg-member`);
    expect(registry.body.error.message).toBe('You are a read-only member of project "Default": you cannot change registries.');
    const members = await clients.member.post(`${P()}/members`, { username: "dev", role: "owner" });
    expect(members.body.error.message).toBe('You are a member of project "Default": only its owners can manage its members.');
    const users = await clients.owner.get("/api/users");
    expect(users.body.error.message).toBe("Only a Paddock administrator can manage users.");
  });

  it("refuses an object of another project through one's own project", async () => {
    const response = await clients.member.delete(`${P()}/secrets/other-ns/anything`);
    expect(response).toMatchObject({ status: 404, body: { error: { message: 'Namespace "other-ns" is not in project "Default".' } } });
  });

  it("lets a member move a namespace only between projects they may write to", async () => {
    const away = await clients.member.put(`${CLUSTER}/namespaces/ns-member`, { projectId: otherProject });
    expect(away).toMatchObject({ status: 403, body: { error: { message: 'You are not a member of project "Other": ask one of its owners or a Paddock administrator to add you.' } } });
    const out = await clients.member.put(`${CLUSTER}/namespaces/ns-member`, { projectId: null });
    expect(out.body.error.message).toBe("Only a Paddock administrator can take a namespace out of every project: move it to another project instead.");
    const noProject = await clients.member.post(`${CLUSTER}/namespaces`, { name: "loose" });
    expect(noProject.status).toBe(403);
    const bad = await clients.member.post(`${CLUSTER}/namespaces`, { name: "Bad Name", projectId: defaultProject });
    expect(bad.status).toBe(422);
  });

  it("shows each user only the clusters, projects and namespaces they are a member of", async () => {
    expect((await clients.none.get("/api/clusters")).body.items).toEqual([]);
    const clusters = (await clients["read-only"].get("/api/clusters")).body.items;
    expect(clusters).toEqual([expect.objectContaining({ id: "local", projectCount: 1 })]);
    const projects = (await clients["read-only"].get(`${CLUSTER}/projects`)).body.items as Array<{ id: string }>;
    expect(projects.map((p) => p.id)).toEqual([defaultProject]);
    const namespaces = (await clients["read-only"].get(`${CLUSTER}/namespaces`)).body.items as Array<{ name: string; projectId: string }>;
    expect(namespaces.length).toBeGreaterThan(0);
    expect(namespaces.every((ns) => ns.projectId === defaultProject)).toBe(true);
    expect(namespaces.map((ns) => ns.name)).not.toContain("other-ns");
    const all = (await t.api.get(`${CLUSTER}/projects`)).body.items as Array<{ id: string }>;
    expect(all.map((p) => p.id)).toEqual(expect.arrayContaining([defaultProject, otherProject]));
  });

  it("tells the UI the user's memberships", async () => {
    expect((await clients["read-only"].get("/api/auth/me")).body).toEqual({ username: "viewer", admin: false, memberships: [{ cluster: "local", project: defaultProject, role: "read-only" }] });
    expect((await clients.none.get("/api/auth/me")).body).toEqual({ username: "outsider", admin: false, memberships: [] });
  });

  it("takes a role change into account on the next request", async () => {
    await addMember(t, defaultProject, "extra", "member");
    const extra = new ApiClient(t.server.url);
    await extra.login("extra", "extra-password-1");
    expect((await extra.post(`${P()}/configmaps`, { name: "by-extra", namespace: "default", data: {} })).status).toBe(201);
    await addMember(t, defaultProject, "extra", "read-only");
    expect((await extra.post(`${P()}/configmaps`, { name: "by-extra-2", namespace: "default", data: {} })).status).toBe(403);
    expect((await t.api.delete(`${P()}/members/extra`)).status).toBe(204);
    await eventually(async () => (await extra.get(`${P()}/configmaps`)).status, (s) => s === 403);
  });

  it("keeps a project with an owner when its owner changes the members", async () => {
    const response = await clients.owner.post(`${P()}/members`, { username: "lead", role: "member" });
    expect(response).toMatchObject({ status: 409, body: { error: { message: 'Project "Default" needs at least one owner: make another member owner first, or ask a Paddock administrator.' } } });
    const unknown = await clients.owner.post(`${P()}/members`, { username: "ghost", role: "member" });
    expect(unknown).toMatchObject({ status: 422, body: { error: { message: 'There is no user "ghost": an administrator creates users first, under Users.' } } });
  });
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe("the policy table", () => {
  it("has a rule for every route the features serve, and no rule for a route that is not served", () => {
    const ctx = t.server.context;
    const routers = [
      meRoute(),
      ...features.flatMap((f) => [f.routes?.(ctx)]).filter((r): r is Router => r !== undefined),
    ];
    const served = routers.flatMap((router) =>
      (router as unknown as { stack: Layer[] }).stack.flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : [])),
    );
    const listed = POLICY.map((rule) => `${rule.method} ${rule.path}`);
    expect(served.filter((route) => !listed.includes(route)), "served without a rule in auth/policy-table.ts").toEqual([]);
    expect(listed.filter((route) => !served.includes(route)), "a rule for a route nobody serves").toEqual([]);
    // login and logout are answered before the policy: they are not in the table
    const publicRoutes = (authRoutes({} as UserStore, {} as SessionSigner, { secureCookies: false }) as unknown as { stack: Layer[] }).stack.map((l) => l.route?.path);
    expect(publicRoutes).toEqual(["/auth/login", "/auth/logout"]);
  });

  it("says, for every write, what the audit trail records (or that it changes nothing)", () => {
    expect(POLICY.filter((rule) => rule.method !== "GET" && rule.audit === undefined).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it("matches paths as Express does", () => {
    const table = new RouteTable(POLICY);
    expect(table.match("GET", "/clusters/local/projects/p-abcde/registries/")?.params).toEqual({ cluster: "local", project: "p-abcde" });
    expect(table.match("HEAD", "/Clusters/local/projects")?.rule.permission).toBe("cluster:read");
    expect(table.match("DELETE", "/users/jane%2Edoe")?.params).toEqual({ username: "jane.doe" });
    expect(table.match("GET", "/clusters/%E0/projects")).toBeUndefined();
    expect(table.match("PATCH", "/users/jane")).toBeUndefined();
  });
});
