import type { BrowserContext, Page, Response } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ADMIN, ADMIN_PASSWORD, api, browserKeeps, checkScreen, expect, kubectl, logInAs, SERVER_LOG, test } from "./fixtures";

// Issue 6: the dashboard shows each user what their role allows (the server enforces it anyway),
// and after a session of work nothing the browser keeps or received holds a password or a token.

const VIEWER = { username: "viewer-vera", password: "vera-reads-only-1" };
const MAKER = { username: "maker-mike", password: "mike-makes-things-2" };
const ADMIN_REGISTRY_PASSWORD = "roles-admin-registry-secret-77";
const MEMBER_REGISTRY_PASSWORD = "roles-member-registry-secret-88";

/** Everything the browser received in a context: headers and bodies of every response. */
class ResponseLog {
  private readonly pending: Promise<string>[] = [];
  watch(context: BrowserContext): void {
    context.on("response", (response: Response) => this.pending.push(this.read(response)));
  }
  private async read(response: Response): Promise<string> {
    const headers = JSON.stringify(await response.allHeaders());
    // the live stream never ends; its events carry no object data (apps/server/src/live)
    if ((response.headers()["content-type"] ?? "").startsWith("text/event-stream")) return headers;
    const body = await response.text().catch(() => "");
    return `${response.url()}\n${headers}\n${body}`;
  }
  async all(): Promise<string[]> {
    return Promise.all(this.pending);
  }
}

const responses = new ResponseLog();
let admin: Page;
let project: string;

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async ({ browser }) => {
  admin = await logInAs(browser, ADMIN, (context) => responses.watch(context));
  const projects = (await (await admin.request.get("/api/clusters/local/projects")).json()) as { items: { id: string; displayName: string }[] };
  project = projects.items.find((p) => p.displayName === "Default")!.id;
  for (const user of [VIEWER, MAKER]) expect((await api(admin, "post", "/api/users", user)).status()).toBe(201);
  const members = `/api/clusters/local/projects/${project}/members`;
  expect((await api(admin, "post", members, { username: VIEWER.username, role: "read-only" })).status()).toBe(201);
  expect((await api(admin, "post", members, { username: MAKER.username, role: "member" })).status()).toBe(201);
  const registry = { name: "e2e-roles-admin", scope: { type: "project" }, registries: [{ address: "quay.io", username: "admin-bot", password: ADMIN_REGISTRY_PASSWORD }] };
  expect((await api(admin, "post", `/api/clusters/local/projects/${project}/registries`, registry)).status()).toBe(201);
});

test("a read-only member sees the project, and every action that would change it is disabled or absent", async ({ browser }) => {
  const page = await logInAs(browser, VIEWER, (context) => responses.watch(context));
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: VIEWER.username })).toBeVisible();
  await expect(header.getByRole("link", { name: "Users" })).toHaveCount(0);
  const cluster = page.getByRole("region", { name: "local (embedded)" });
  await expect(cluster.getByText("Read-only", { exact: true })).toBeVisible();
  await expect(cluster.getByRole("button", { name: "Add Project" })).toHaveCount(0);
  await expect(cluster.getByRole("button", { name: "Rename project Default" })).toHaveCount(0);

  await cluster.getByRole("link", { name: "Default" }).click();
  await page.getByRole("button", { name: "Resources" }).click();
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Registries" }).click();
  await expect(page.getByRole("heading", { name: "Registries", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add Registry" })).toBeDisabled();
  await expect(page.getByRole("note")).toContainText("Your role in this project is Read-only: you can see the registries but not change them.");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "e2e-roles-admin", exact: true }) });
  await expect(row.getByRole("checkbox")).toHaveCount(0);
  await row.getByRole("button", { name: /^Actions for / }).click();
  await expect(page.getByRole("menuitem")).toHaveText(["View YAML"]);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await checkScreen(page, "registries-read-only");

  await row.getByRole("link", { name: "e2e-roles-admin" }).click();
  await expect(page.getByRole("heading", { name: "Registry: e2e-roles-admin" })).toBeVisible();
  await expect(page.getByRole("button", { name: "View YAML" })).toBeVisible();
  for (const action of ["Edit", "Clone", "Delete", "Test credentials"]) {
    await expect(page.getByRole("main").getByRole("link", { name: action, exact: true }).or(page.getByRole("main").getByRole("button", { name: action, exact: true }))).toHaveCount(0);
  }

  // A URL typed by hand shows why, not a form the server would refuse.
  await page.goto(`/c/local/p/${project}/registries/new`);
  await expect(page.getByRole("note")).toContainText("Read-only");
  await expect(page.getByLabel("Name", { exact: true })).toHaveCount(0);

  const nav = page.getByRole("navigation", { name: "Project" });
  await nav.getByRole("link", { name: "Workloads" }).click();
  await expect(page.getByRole("button", { name: "Deploy" })).toBeDisabled();
  await nav.getByRole("link", { name: "Namespaces" }).click();
  await expect(page.getByRole("button", { name: "Add Namespace" })).toBeDisabled();
  await expect(page.getByRole("button", { name: /^Move / })).toHaveCount(0);
  await nav.getByRole("button", { name: "Resources" }).click();
  await nav.getByRole("link", { name: "Secrets" }).click();
  await expect(page.getByRole("button", { name: "Add Secret" })).toBeDisabled();

  // The server refuses what the screen does not offer.
  const refused = await api(page, "delete", `/api/clusters/local/projects/${project}/registries/project/e2e-roles-admin`);
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe('You are a read-only member of project "Default": you cannot change registries.');
  await page.context().close();
});

test("a member adds and edits a registry; administration stays out of reach", async ({ browser }) => {
  const page = await logInAs(browser, MAKER, (context) => responses.watch(context));
  await expect(page.getByRole("banner").getByRole("link", { name: "Users" })).toHaveCount(0);
  const cluster = page.getByRole("region", { name: "local (embedded)" });
  await expect(cluster.getByText("Member", { exact: true })).toBeVisible();
  await expect(cluster.getByRole("button", { name: "Rename project Default" })).toHaveCount(0);

  await page.goto(`/c/local/p/${project}/registries`);
  await expect(page.getByRole("note")).toHaveCount(0);
  await page.getByRole("link", { name: "Add Registry" }).click();
  await page.getByLabel("Name", { exact: true }).fill("e2e-roles-member");
  await expect(page.getByText("✓ The name is free in this scope.")).toBeVisible();
  await page.getByLabel("Username").fill("mike-bot");
  await page.getByLabel("Password", { exact: true }).fill(MEMBER_REGISTRY_PASSWORD);
  await page.getByRole("button", { name: "Save" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "e2e-roles-member", exact: true }) });
  await expect(row.getByRole("cell", { name: "mike-bot" })).toBeVisible();

  await row.getByRole("button", { name: /^Actions for / }).click();
  await expect(page.getByRole("menuitem")).toHaveText(["Edit", "Clone", "View YAML", "Delete"]);
  await page.getByRole("menuitem", { name: "Edit" }).click();
  await page.getByLabel("Username").fill("mike-robot");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("cell", { name: "mike-robot" })).toBeVisible();

  // A namespace moves only to another project of the member's: there is none.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Namespaces" }).click();
  await page.getByRole("button", { name: "Move default" }).click();
  const move = page.getByRole("dialog", { name: "Move namespace default" });
  await expect(move.getByRole("status")).toHaveText("There is no other project where you are a member or owner. A Paddock administrator can move it for you.");
  await expect(move.getByLabel("Move to")).toHaveCount(0);
  await expect(move.getByRole("button", { name: "Move" })).toBeDisabled();
  await checkScreen(page, "namespaces-move-nowhere");
  await move.getByRole("button", { name: "Cancel" }).click();
  await expect(move).toBeHidden();

  // Members are the owners' business; users the administrators'.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add Member" })).toHaveCount(0);
  await page.goto("/users");
  await expect(page.getByText("Only Paddock administrators manage users.")).toBeVisible();

  await page.goto(`/c/local/p/${project}/audit`);
  const created = page.getByRole("row").filter({ hasText: MAKER.username }).filter({ hasText: "e2e-roles-member" });
  await expect(created.first()).toBeVisible();
  await page.context().close();
});

test("after the session, nothing the browser keeps or received holds a password or a token", async () => {
  const token = (await (await api(admin, "post", "/api/tokens", { name: "e2e-roles" })).json()) as { token: string };
  const bearer = await admin.request.get("/api/auth/me", { headers: { Authorization: `Bearer ${token.token}` } });
  expect(bearer.status()).toBe(200);
  await admin.goto(`/c/local/p/${project}/registries`);
  await expect(admin.getByRole("link", { name: "e2e-roles-member", exact: true })).toBeVisible();

  const secrets = [ADMIN_PASSWORD, VIEWER.password, MAKER.password, ADMIN_REGISTRY_PASSWORD, MEMBER_REGISTRY_PASSWORD, token.token];
  const received = await responses.all();
  expect(received.length).toBeGreaterThan(50);
  const storage = await browserKeeps(admin);
  const events = kubectl("get", "events", "-A", "-o", "json");
  const log = readFileSync(SERVER_LOG, "utf8");
  // the audit trail is there…
  // (both are JSON: the quotes around the name are escaped)
  const created = `${MAKER.username} created registry \\"e2e-roles-member\\" in project Default`;
  expect(events).toContain(created);
  expect(log).toContain(created);
  expect(log).toContain(`${VIEWER.username} logged in`);
  for (const secret of secrets) {
    // …and holds no secret, nor does anything the browser got or keeps.
    expect(events.includes(secret), "an event holds a secret").toBe(false);
    expect(log.includes(secret), "a log line holds a secret").toBe(false);
    expect(storage.includes(secret), "the browser's storage holds a secret").toBe(false);
    expect(received.filter((r) => r.includes(secret)).map((r) => r.split("\n")[0]), "responses that hold a secret").toEqual([]);
  }
});
