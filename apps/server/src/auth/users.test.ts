import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, startTestServer, type TestServer } from "../testing/test-server.ts";
import { addMember, CLUSTER, eventually, passwordOf, projectId, TokenClient, userClient } from "./testing.ts";
import { PADDOCK_NAMESPACE } from "./user-store.ts";
import { tokenSecretName } from "./api-tokens.ts";

let t: TestServer;
let defaultProject: string;
beforeAll(async () => {
  t = await startTestServer();
  defaultProject = await projectId(t, "Default");
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const ENDED = { status: 401, body: { error: { code: "Unauthenticated", message: "Your session has ended: log in again." } } };

describe("users", () => {
  it("creates users under the password policy, and lists them without any password", async () => {
    const short = await t.api.post("/api/users", { username: "amy", password: "too-short" });
    expect(short.status).toBe(422);
    expect(short.body.error.details.issues).toEqual([{ path: "body.password", message: "A password needs at least 12 characters: a few words make a good one." }]);
    const badName = await t.api.post("/api/users", { username: "Amy Smith", password: "a-long-password-1" });
    expect(badName.body.error.details.issues).toEqual([
      { path: "body.username", message: "Use lowercase letters, digits, '-', '_' and '.'; start and end with a letter or digit (e.g. 'jane.doe')." },
    ]);
    const created = await t.api.post("/api/users", { username: "amy", password: "a-long-password-1" });
    expect(created).toMatchObject({ status: 201, body: { username: "amy", admin: false, disabled: false } });
    const again = await t.api.post("/api/users", { username: "amy", password: "a-long-password-2" });
    expect(again).toMatchObject({ status: 409, body: { error: { message: 'A user named "amy" already exists: choose another username.' } } });
    const list = await t.api.get("/api/users");
    expect(list.body.items.map((u: { username: string; admin: boolean }) => [u.username, u.admin])).toEqual([
      ["admin", true],
      ["amy", false],
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/password|scrypt/i);
  });

  it("keeps an administrator from locking themselves out", async () => {
    expect((await t.api.delete("/api/users/admin")).body.error.message).toBe("You cannot delete your own account: ask another administrator.");
    expect((await t.api.put("/api/users/admin", { admin: false })).body.error.message).toBe("You cannot take away your own administrator role: ask another administrator.");
    expect((await t.api.put("/api/users/admin", { disabled: true })).status).toBe(403);
    expect((await t.api.put("/api/users/admin", {})).body.error.message).toContain("Change at least one of password, admin and disabled.");
    expect((await t.api.put("/api/users/nobody", { disabled: true })).status).toBe(404);
  });

  it("grants and takes the admin role, effective on the next request", async () => {
    const bob = await userClient(t, "bob");
    expect((await bob.get("/api/users")).status).toBe(403);
    expect((await t.api.put("/api/users/bob", { admin: true })).body).toMatchObject({ username: "bob", admin: true });
    await eventually(async () => (await bob.get("/api/users")).status, (s) => s === 200);
    expect((await bob.get("/api/auth/me")).body).toMatchObject({ username: "bob", admin: true });
    await t.api.put("/api/users/bob", { admin: false });
    await eventually(async () => (await bob.get("/api/users")).status, (s) => s === 403);
  });

  it("disables a user: their sessions end, they cannot log in, and enabling does not revive old sessions", async () => {
    const carol = await userClient(t, "carol");
    expect((await t.api.put("/api/users/carol", { disabled: true })).body).toMatchObject({ disabled: true });
    await eventually(() => carol.get("/api/auth/me"), (r) => r.status === 401);
    expect((await carol.get("/api/auth/me")).body.error.message).toBe("Your account has been disabled: ask a Paddock administrator.");
    const login = await new ApiClient(t.server.url).post("/api/auth/login", { username: "carol", password: passwordOf("carol") });
    expect(login).toMatchObject({ status: 401, body: { error: { message: "This account is disabled: ask a Paddock administrator to enable it." } } });
    const wrong = await new ApiClient(t.server.url).post("/api/auth/login", { username: "carol", password: "not-her-password" });
    expect(wrong.body.error.message).toBe("The username or password is not right.");
    await t.api.put("/api/users/carol", { disabled: false });
    await eventually(() => carol.get("/api/auth/me"), (r) => r.body?.error?.message === ENDED.body.error.message);
    await carol.login("carol", passwordOf("carol"));
    expect((await carol.get("/api/auth/me")).status).toBe(200);
  });

  it("ends a user's sessions when an administrator resets the password", async () => {
    const erin = await userClient(t, "erin");
    await t.api.put("/api/users/erin", { password: "a-brand-new-password" });
    await eventually(() => erin.get("/api/auth/me"), (r) => r.status === 401);
    await expect(erin.login("erin", passwordOf("erin"))).rejects.toThrow("login failed: 401");
    await erin.login("erin", "a-brand-new-password");
  });

  it("lets each user change their own password: every other session ends, this one goes on", async () => {
    const dave = await userClient(t, "dave");
    const otherTab = new ApiClient(t.server.url);
    await otherTab.login("dave", passwordOf("dave"));
    const wrong = await dave.put("/api/auth/password", { currentPassword: "not-the-password", newPassword: "dave-new-password-2" });
    expect(wrong).toMatchObject({ status: 422, body: { error: { message: "The current password is not right." } } });
    const same = await dave.put("/api/auth/password", { currentPassword: passwordOf("dave"), newPassword: passwordOf("dave") });
    expect(same.body.error.message).toBe("Choose a new password: it is the same as the current one.");
    const short = await dave.put("/api/auth/password", { currentPassword: passwordOf("dave"), newPassword: "short" });
    expect(short.status).toBe(422);
    const changed = await dave.put("/api/auth/password", { currentPassword: passwordOf("dave"), newPassword: "dave-new-password-2" });
    expect(changed.status).toBe(204);
    expect(changed.headers.get("set-cookie")).toMatch(/^paddock_session=[^;]+; Path=\/; Expires=.*; HttpOnly; SameSite=Strict$/);
    await eventually(() => otherTab.get("/api/auth/me"), (r) => r.status === 401);
    expect(await otherTab.get("/api/auth/me")).toMatchObject(ENDED);
    expect((await dave.get("/api/auth/me")).status).toBe(200);
    await expect(new ApiClient(t.server.url).login("dave", passwordOf("dave"))).rejects.toThrow("login failed: 401");
    await new ApiClient(t.server.url).login("dave", "dave-new-password-2");
  });

  it("deletes a user with their sessions, tokens and memberships", async () => {
    const fred = await userClient(t, "fred");
    await addMember(t, defaultProject, "fred", "member");
    const token = (await fred.post("/api/tokens", { name: "fred's ci" })).body.token as string;
    expect((await new TokenClient(t.server.url, token).request("GET", "/api/auth/me")).status).toBe(200);
    expect((await t.api.delete("/api/users/fred")).status).toBe(204);
    await eventually(() => fred.get("/api/auth/me"), (r) => r.status === 401);
    await eventually(() => new TokenClient(t.server.url, token).request("GET", "/api/auth/me"), (r) => r.status === 401);
    await eventually(async () => (await t.api.get(`${CLUSTER}/projects/${defaultProject}/members`)).body.items, (items: Array<{ username: string }>) => !items.some((m) => m.username === "fred"));
    expect((await t.api.delete("/api/users/fred")).status).toBe(404);

    // A new user of the same name does not inherit the old one's session.
    expect((await t.api.post("/api/users", { username: "fred", password: "the-new-fred-password", admin: true })).status).toBe(201);
    await eventually(() => t.api.get("/api/users"), (r) => r.body.items.some((u: { username: string }) => u.username === "fred"));
    expect(await fred.get("/api/auth/me")).toMatchObject(ENDED);
    const newFred = new ApiClient(t.server.url);
    await newFred.login("fred", "the-new-fred-password");
    expect((await newFred.get("/api/auth/me")).body).toMatchObject({ username: "fred", admin: true });
  });
});

describe("API tokens", () => {
  let gina: ApiClient;
  let created: { id: string; token: string; name: string; expiresAt: string };

  beforeAll(async () => {
    gina = await userClient(t, "gina");
    await addMember(t, defaultProject, "gina", "member");
  });

  it("shows a new token once, and lists tokens without it", async () => {
    const response = await gina.post("/api/tokens", { name: "deploy bot", expiresInDays: 30 });
    expect(response.status).toBe(201);
    created = response.body;
    expect(created).toMatchObject({ name: "deploy bot", username: "gina", expired: false });
    expect(created.token).toMatch(/^paddock_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000);
    const list = await gina.get("/api/tokens");
    expect(list.body.items).toEqual([{ id: created.id, name: "deploy bot", username: "gina", createdAt: expect.any(String), expiresAt: created.expiresAt, expired: false }]);
    expect(JSON.stringify(list.body)).not.toContain(created.token);
    expect((await t.api.get("/api/tokens")).body.items).toEqual([]);
    // at rest: the SHA-256 only
    const stored = await t.kubectl(["get", "secret", "-n", PADDOCK_NAMESPACE, tokenSecretName(created.id), "-o", "json"]);
    expect(stored.stdout).not.toContain(created.token);
    expect(stored.stdout).not.toContain(created.token.slice("paddock_".length + 13));
    expect(stored.stdout).toContain('"paddock.io/token-sha256"');
  });

  it("is used as a Bearer token, without a cookie or an Origin, with its user's roles", async () => {
    const bot = new TokenClient(t.server.url, created.token);
    expect((await bot.request("GET", "/api/auth/me")).body).toEqual({ username: "gina", admin: false, memberships: [{ cluster: "local", project: defaultProject, role: "member" }] });
    const write = await bot.request("POST", `${CLUSTER}/projects/${defaultProject}/configmaps`, { name: "from-a-script", namespace: "default", data: { a: "b" } });
    expect(write.status).toBe(201);
    expect((await bot.request("GET", "/api/users")).status).toBe(403);
    const another = await bot.request("POST", "/api/tokens", { name: "more" });
    expect(another).toMatchObject({ status: 403, body: { error: { message: "An API token cannot create API tokens: log in to the dashboard to do it." } } });
    const password = await bot.request("PUT", "/api/auth/password", { currentPassword: passwordOf("gina"), newPassword: "gina-password-22" });
    expect(password.body.error.message).toBe("An API token cannot change a password: log in to the dashboard to do it.");
    // the token alone counts: a cookie sent along is ignored
    const mixed = await fetch(`${t.server.url}/api/auth/me`, { headers: { Authorization: "Bearer paddock_nope", Cookie: "paddock_session=whatever" } });
    expect(mixed.status).toBe(401);
    const basic = await fetch(`${t.server.url}/api/auth/me`, { headers: { Authorization: "Basic Zm9vOmJhcg==" } });
    expect(((await basic.json()) as { error: { message: string } }).error.message).toBe('Send an API token as "Authorization: Bearer <token>".');
  });

  it("refuses an expired token", async () => {
    const expiring = (await gina.post("/api/tokens", { name: "short-lived", expiresInDays: 1 })).body;
    const bot = new TokenClient(t.server.url, expiring.token);
    expect((await bot.request("GET", "/api/auth/me")).status).toBe(200);
    const patched = await t.kubectl(["annotate", "secret", "-n", PADDOCK_NAMESPACE, tokenSecretName(expiring.id), "--overwrite", "paddock.io/expires-at=2024-01-02T03:04:05.000Z"]);
    expect(patched.code).toBe(0);
    const refused = await eventually(() => bot.request("GET", "/api/auth/me"), (r) => r.status === 401);
    expect(refused.body.error.message).toBe('The API token "short-lived" expired on 2024-01-02: create a new one under API tokens.');
    expect((await gina.get("/api/tokens")).body.items.find((tk: { id: string }) => tk.id === expiring.id)).toMatchObject({ expired: true });
    expect((await gina.post("/api/tokens", { name: "x", expiresInDays: 400 })).body.error.details.issues).toEqual([
      { path: "body.expiresInDays", message: "A token lives at most 365 days: create a new one when it expires." },
    ]);
  });

  it("revokes a token: its user's or an administrator's, nobody else's", async () => {
    const amy = new ApiClient(t.server.url);
    await amy.login("amy", "a-long-password-1");
    expect((await amy.delete(`/api/tokens/${created.id}`)).status).toBe(404);
    expect((await gina.delete(`/api/tokens/${created.id}`)).status).toBe(204);
    const bot = new TokenClient(t.server.url, created.token);
    const refused = await eventually(() => bot.request("GET", "/api/auth/me"), (r) => r.status === 401);
    expect(refused.body.error.message).toBe("The API token is not valid: it was revoked, or mistyped. Create a new one under API tokens.");
    const other = (await gina.post("/api/tokens", { name: "admin revokes" })).body;
    expect((await t.api.delete(`/api/tokens/${other.id}`)).status).toBe(204);
  });

  it("refuses the tokens of a disabled user", async () => {
    const token = (await gina.post("/api/tokens", { name: "before disabling" })).body.token as string;
    await t.api.put("/api/users/gina", { disabled: true });
    const refused = await eventually(() => new TokenClient(t.server.url, token).request("GET", "/api/auth/me"), (r) => r.status === 401);
    expect(refused.body.error.message).toBe("The account of this API token is disabled.");
  });

  it("limits wrong tokens per address, with a clear 429 and Retry-After (the last test: the address stays limited)", async () => {
    const guesser = new TokenClient(t.server.url, "");
    let last = await guesser.request("GET", "/api/auth/me");
    for (let i = 0; i < 30 && last.status !== 429; i++) {
      guesser.token = `paddock_${"a".repeat(12)}_${String(i).padStart(43, "x")}`;
      last = await guesser.request("GET", "/api/auth/me");
    }
    expect(last.status).toBe(429);
    expect(last.body.error.message).toBe("Too many requests with a wrong API token from this address: wait 15 minutes, then try again.");
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(800);
    // a session is not limited by it
    expect((await t.api.get("/api/auth/me")).status).toBe(200);
  });
});
