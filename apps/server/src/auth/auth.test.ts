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
    expect((await client.get("/api/auth/me")).body).toEqual({ username: "admin", admin: true });
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

  it("lists the embedded cluster as local and Active", async () => {
    const clusters = await t.api.get("/api/clusters");
    expect(clusters.body.items).toEqual([
      expect.objectContaining({ id: "local", embedded: true, state: "Active", version: "v1.32.0+paddock", server: t.server.embedded!.url }),
    ]);
  });
});
