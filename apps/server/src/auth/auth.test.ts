import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from "../testing/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

describe("login", () => {
  it("refuses every API route without a session, but answers health checks", async () => {
    const anonymous = new ApiClient(t.server.url);
    const clusters = await anonymous.get("/api/clusters");
    expect(clusters).toMatchObject({ status: 401, body: { error: { code: "Unauthenticated", message: "Log in to continue." } } });
    expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${t.server.url}/readyz`)).text()).toBe("ok");
  });

  it("logs in with the bootstrap password and sets an HttpOnly, SameSite=Strict cookie", async () => {
    const client = new ApiClient(t.server.url);
    const wrong = await client.post("/api/auth/login", { username: "admin", password: "nope" });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: "Unauthenticated", message: "The username or password is not right." } } });
    const right = await client.post("/api/auth/login", { username: "admin", password: TEST_ADMIN_PASSWORD });
    expect(right.status).toBe(200);
    expect(right.headers.get("set-cookie")).toMatch(/^paddock_session=[^;]+; Path=\/; Expires=.*; HttpOnly; SameSite=Strict$/);
    expect((await client.get("/api/auth/me")).body).toEqual({ username: "admin", admin: true, memberships: [] });
  });

  it("refuses a write from another origin", async () => {
    const response = await t.api.request("POST", "/api/auth/logout", undefined, { Origin: "https://evil.example" });
    expect(response).toMatchObject({ status: 403, body: { error: { code: "Forbidden" } } });
    expect(response.body).toMatchObject({ error: { message: expect.stringContaining("origin https://evil.example is not allowed") } });
  });

  it("says what is wrong with a bad login body", async () => {
    const client = new ApiClient(t.server.url);
    const response = await client.post("/api/auth/login", { username: "", extra: 1 });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      error: {
        code: "Invalid",
        details: {
          issues: expect.arrayContaining([
            { path: "body.username", message: "Enter your username." },
            { path: "body.password", message: "This field is required." },
          ]),
        },
      },
    });
  });

  it("sends a strict Content Security Policy and no framing", async () => {
    const response = await fetch(`${t.server.url}/login`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("ends every session of the user at logout, whatever the replica", async () => {
    const first = new ApiClient(t.server.url);
    const second = new ApiClient(t.server.url);
    await first.login();
    await second.login();
    expect((await second.post("/api/auth/logout")).status).toBe(204);
    const after = await first.get("/api/auth/me");
    expect(after).toMatchObject({ status: 401, body: { error: { message: "Your session has ended: log in again." } } });
    await first.login();
    expect((await first.get("/api/auth/me")).status).toBe(200);
    await t.api.login();
  });

  it("limits failed logins per user, with a clear 429 and Retry-After", async () => {
    const client = new ApiClient(t.server.url);
    let last = await client.post("/api/auth/login", { username: "mallory", password: "guess-0" });
    for (let i = 1; i < 12 && last.status !== 429; i++) last = await client.post("/api/auth/login", { username: "mallory", password: `guess-${i}` });
    expect(last.status).toBe(429);
    expect(last.body).toMatchObject({ error: { code: "TooManyRequests", message: "Too many failed logins for this user: wait 15 minutes, then try again." } });
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("lists the embedded cluster as local and Active", async () => {
    const clusters = await t.api.get("/api/clusters");
    expect(clusters.body.items).toEqual([
      expect.objectContaining({ id: "local", embedded: true, state: "Active", version: "v1.32.0+paddock", server: t.server.embedded!.url }),
    ]);
  });
});
