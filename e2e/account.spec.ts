import type { APIRequestContext, Page } from "@playwright/test";
import { browserKeeps, checkScreen, expect, logIn, logInAs, memoryHolds, narrowScreenshot, test, userRow } from "./fixtures";

// Issue 6: the administrator manages users on the Users page (refusals said at the field, never
// losing what was typed); a user changes their own password and manages API keys on the Account
// page; a key is shown once, works as a bearer token, is never kept in the browser, and is refused
// once revoked.

const ALICE = { username: "acct-alice", first: "alice-first-passphrase", reset: "alice-reset-passphrase", changed: "alice-changed-passphrase" };
const BOB = { username: "acct-bob", password: "bob-first-passphrase" };

/** The status of a login through the API (not the browser), as a script would try it. */
async function loginStatus(request: APIRequestContext, origin: string, username: string, password: string): Promise<number> {
  const response = await request.post("/api/auth/login", { data: { username, password }, headers: { Origin: origin } });
  return response.status();
}

test.describe.configure({ mode: "serial", timeout: 120_000 });
let admin: Page;
let origin: string;

test.beforeAll(async ({ browser }) => {
  admin = await (await browser.newContext()).newPage(); // axe needs a page of its own context
  await logIn(admin);
  origin = new URL(admin.url()).origin;
});

test.afterAll(async () => {
  // leave the users as they were, for the specs that follow
  for (const username of [ALICE.username, BOB.username]) await admin.request.delete(`/api/users/${username}`, { headers: { Origin: origin } });
  await admin.context().close();
});

test("the admin adds users (refusals at the field), resets a password, changes a role, disables, enables and deletes", async ({ browser, request }) => {
  const page = admin;
  await page.getByRole("link", { name: "Users", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await expect(userRow(page, "admin")).toContainText("Administrator");

  // a too-short password is refused at the Password field; what was typed stays
  await page.getByRole("button", { name: "Add User" }).click();
  const form = page.getByRole("form", { name: "Add User" });
  await expect(form.getByLabel("Username")).toBeFocused();
  await form.getByLabel("Username").fill(ALICE.username);
  await form.getByLabel("Password", { exact: true }).fill("too-short");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(/A password needs at least 12 characters/);
  await expect(form.getByLabel("Password", { exact: true })).toBeFocused();
  await expect(form.getByLabel("Username")).toHaveValue(ALICE.username);
  await form.getByLabel("Password", { exact: true }).fill(ALICE.first);
  await form.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText(`User ${ALICE.username} created.`)).toBeVisible();
  await expect(form).toBeHidden();
  await expect(userRow(page, ALICE.username)).toContainText("User");
  await expect(userRow(page, ALICE.username)).toContainText("Active");

  // the same username again: the server's refusal is said at the Username field
  await page.getByRole("button", { name: "Add User" }).click();
  await form.getByLabel("Username").fill(ALICE.username);
  await form.getByLabel("Password", { exact: true }).fill(BOB.password);
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form.getByLabel("Username")).toHaveAccessibleDescription(new RegExp(`A user named "${ALICE.username}" already exists`));
  await expect(form.getByLabel("Password", { exact: true })).toHaveValue(BOB.password);
  await checkScreen(page, "users-add-refused");
  await form.getByLabel("Username").fill(BOB.username);
  await form.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText(`User ${BOB.username} created.`)).toBeVisible();
  await expect(userRow(page, BOB.username)).toBeVisible();
  await checkScreen(page, "users");
  await narrowScreenshot(page, "users-narrow");

  // reset alice's password: the old one stops working, the new one works
  await page.getByRole("button", { name: `Actions for ${ALICE.username}` }).click();
  await page.getByRole("menuitem", { name: "Reset Password" }).click();
  const reset = page.getByRole("dialog", { name: `Reset password of ${ALICE.username}` });
  await expect(reset).toContainText("every session of theirs ends");
  await expect(reset.getByLabel("New password")).toBeFocused();
  await reset.getByLabel("New password").fill("short");
  await reset.getByRole("button", { name: "Reset Password" }).click();
  await expect(reset.getByLabel("New password")).toHaveAccessibleDescription(/at least 12 characters/);
  await reset.getByLabel("New password").fill(ALICE.reset);
  await checkScreen(page, "users-reset-password");
  await reset.getByRole("button", { name: "Reset Password" }).click();
  await expect(reset).toBeHidden();
  await expect(page.getByText(`Password of ${ALICE.username} reset.`)).toBeVisible();
  await expect(page.getByRole("button", { name: `Actions for ${ALICE.username}` })).toBeFocused();
  // the dialog stays in the page, closed: neither it nor what it sent keeps the password
  expect(await memoryHolds(page, ALICE.reset), "the page's memory holds the password just reset").toBe(false);
  expect(await memoryHolds(page, `Actions for ${ALICE.username}`), "the search finds what the page does hold").toBe(true);
  await expect.poll(() => loginStatus(request, origin, ALICE.username, ALICE.reset)).toBe(200);
  expect(await loginStatus(request, origin, ALICE.username, ALICE.first)).toBe(401);

  // role and state of bob, each said in a toast and in the row
  const bob = () => userRow(page, BOB.username);
  const act = async (item: string) => {
    await page.getByRole("button", { name: `Actions for ${BOB.username}` }).click();
    await page.getByRole("menuitem", { name: item }).click();
  };
  await act("Make Administrator");
  await expect(page.getByText(`${BOB.username} is now an administrator.`)).toBeVisible();
  await expect(bob().getByRole("cell", { name: "Administrator", exact: true })).toBeVisible();
  await act("Remove Administrator");
  await expect(bob().getByRole("cell", { name: "User", exact: true })).toBeVisible();
  // bob has the dashboard open while he is disabled: the server ends his live stream (it rechecks
  // every 5 s), the browser's reconnection is refused, and his tab goes to the login page
  const bobTab = await logInAs(browser, BOB);
  await bobTab.getByRole("link", { name: BOB.username }).click();
  await expect(bobTab.getByRole("heading", { name: "Account & API Keys", level: 1 })).toBeVisible();
  await act("Disable");
  await expect(page.getByText(`${BOB.username} is disabled`)).toBeVisible();
  await expect(bob().getByRole("cell", { name: "Disabled", exact: true })).toBeVisible();
  await expect.poll(() => loginStatus(request, origin, BOB.username, BOB.password)).toBe(401);
  await expect(bobTab).toHaveURL(/\/login$/, { timeout: 20_000 });
  await expect(bobTab.getByRole("button", { name: "Log In" })).toBeVisible();
  await expect(bobTab.getByText("Account & API Keys")).toHaveCount(0);
  await act("Enable");
  await expect(bob().getByRole("cell", { name: "Active", exact: true })).toBeVisible();
  await expect.poll(() => loginStatus(request, origin, BOB.username, BOB.password)).toBe(200);
  // logging in again there leads back to where he was
  await bobTab.getByLabel("Username").fill(BOB.username);
  await bobTab.getByLabel("Password").fill(BOB.password);
  await bobTab.getByRole("button", { name: "Log In" }).click();
  await expect(bobTab.getByRole("heading", { name: "Account & API Keys", level: 1 })).toBeVisible();
  await bobTab.context().close();

  // the admin's own row offers no way to lock themselves out
  await page.getByRole("button", { name: "Actions for admin" }).click();
  await expect(page.getByRole("menuitem")).toHaveText(["Change Your Password"]);
  await page.keyboard.press("Escape");

  // delete bob, confirming by name
  await act("Delete");
  const confirm = page.getByRole("dialog", { name: `Delete user ${BOB.username}` });
  await expect(confirm).toContainText(`User ${BOB.username} will be deleted with their API keys and project memberships`);
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText(`User ${BOB.username} deleted.`)).toBeVisible();
  await expect(bob()).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add User" })).toBeFocused();
  expect(await loginStatus(request, origin, BOB.username, BOB.password)).toBe(401);
});

test("a user changes their own password, and adds, uses and revokes an API key that is shown once", async ({ browser, request }) => {
  const page = await logInAs(browser, { username: ALICE.username, password: ALICE.reset });
  // a member of no project sees no cluster, and is told why
  await expect(page.getByRole("note")).toHaveText("You are not a member of any project yet: ask a project owner or a Paddock administrator to add you.");
  await expect(page.getByRole("region", { name: "local (embedded)" })).toHaveCount(0);
  // not an administrator: no Users link, and the page says who manages users
  await expect(page.getByRole("link", { name: "Users", exact: true })).toHaveCount(0);
  await page.goto("/users");
  await expect(page.getByText("Only Paddock administrators manage users.")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);

  await page.getByRole("link", { name: ALICE.username }).click();
  await expect(page.getByRole("heading", { name: "Account & API Keys", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "API Keys" })).toContainText("You have no API keys.");
  await checkScreen(page, "account");

  // the confirmation is checked in the browser; a wrong current password is said at its field
  const password = page.getByRole("region", { name: "Change Password" });
  await password.getByLabel("Current password").fill("not-my-password");
  await password.getByLabel("New password", { exact: true }).fill(ALICE.changed);
  await password.getByLabel("Confirm new password").fill(`${ALICE.changed}-typo`);
  await password.getByRole("button", { name: "Change Password" }).click();
  await expect(password.getByLabel("Confirm new password")).toHaveAccessibleDescription("The two new passwords differ: type the new password again.");
  await password.getByLabel("Confirm new password").fill(ALICE.changed);
  await password.getByRole("button", { name: "Change Password" }).click();
  await expect(password.getByLabel("Current password")).toHaveAccessibleDescription("The current password is not right.");
  await expect(password.getByLabel("Current password")).toBeFocused();
  await expect(password.getByLabel("New password", { exact: true })).toHaveValue(ALICE.changed);
  await checkScreen(page, "account-password-refused");
  await password.getByLabel("Current password").fill(ALICE.reset);
  await password.getByRole("button", { name: "Change Password" }).click();
  await expect(page.getByText("Password changed. Your other sessions have ended.")).toBeVisible();
  await expect(password.getByLabel("Current password")).toHaveValue("");
  await expect(password.getByLabel("New password", { exact: true })).toHaveValue("");
  for (const secret of [ALICE.reset, ALICE.changed]) expect(await memoryHolds(page, secret), "the page's memory holds a password of the change").toBe(false);
  await expect.poll(() => loginStatus(request, origin, ALICE.username, ALICE.changed)).toBe(200);
  // this session goes on
  await page.reload();
  await expect(page.getByRole("heading", { name: "Account & API Keys", level: 1 })).toBeVisible();

  // add an API key: shown once, with how to use it
  const keys = page.getByRole("region", { name: "API Keys" });
  await keys.getByRole("button", { name: "Add API Key" }).click();
  const add = keys.getByRole("form", { name: "Add API Key" });
  await expect(add.getByLabel("Name")).toBeFocused();
  await expect(add.getByLabel("Expires in (days)")).toHaveValue("90");
  await add.getByLabel("Expires in (days)").fill("400");
  await add.getByRole("button", { name: "Create" }).click();
  await expect(add.getByLabel("Name")).toHaveAccessibleDescription(/Name the token/);
  await expect(add.getByLabel("Expires in (days)")).toHaveAccessibleDescription(/at most 365 days/);
  await add.getByLabel("Name").fill("acct-ci");
  await add.getByLabel("Expires in (days)").fill("30");
  await add.getByRole("button", { name: "Create" }).click();
  const shown = page.getByRole("region", { name: "API key acct-ci created" });
  await expect(shown).toContainText("it will not be shown again");
  const token = await shown.getByRole("textbox", { name: "API key" }).inputValue();
  expect(token.length).toBeGreaterThan(20);
  await expect(shown.getByLabel("Example: calling the API with the key")).toHaveText(`curl -H "Authorization: Bearer ${token}" ${origin}/api/auth/me`);
  const row = keys.getByRole("row").filter({ hasText: "acct-ci" });
  await expect(row).toContainText(/in (29|30)d/);
  await checkScreen(page, "account-api-key");
  await narrowScreenshot(page, "account-api-key-narrow");

  // the key works as a bearer token
  const me = await request.get("/api/auth/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { username: string }).username).toBe(ALICE.username);

  // the browser keeps it nowhere, and Done drops it from the page
  expect(await browserKeeps(page)).not.toContain(token);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  expect(await browserKeeps(page)).not.toContain(token);

  // revoke it, confirming by name: the same request is refused
  await row.getByRole("button", { name: "Revoke acct-ci" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke API key acct-ci" });
  await expect(confirm).toContainText("stops working at once");
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("API key acct-ci revoked: it no longer works.")).toBeVisible();
  await expect(keys).toContainText("You have no API keys.");
  const refused = await request.get("/api/auth/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  await page.context().close();
});
