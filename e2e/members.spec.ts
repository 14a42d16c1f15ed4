import type { Page } from "@playwright/test";
import { api, checkScreen, expect, logIn, logInAs, narrowScreenshot, test, userRow } from "./fixtures";

// Issue 6: an owner manages the project's members; a read-only member sees them and changes
// nothing; the Audit page lists every member change; the server's refusals are shown where they
// belong (an unknown user at the Username field, the last owner leaving in the dialog).

const OLGA = { username: "owner-olga", password: "olga-passphrase-1" };
const RITA = { username: "reader-rita", password: "rita-passphrase-1" };
const MIKE = { username: "member-mike", password: "mike-passphrase-1" };

/** Global → the local cluster's Default project → Members; answers the project id. */
async function openDefaultMembers(page: Page): Promise<string> {
  await page.goto("/");
  await page.getByRole("region", { name: "local (embedded)" }).getByRole("link", { name: "Default" }).click();
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  return /\/p\/(p-[a-z0-9]+)\//.exec(page.url())![1]!;
}

test.describe.configure({ mode: "serial", timeout: 120_000 });
let admin: Page;
let project: string;

test.beforeAll(async ({ browser }) => {
  admin = await (await browser.newContext()).newPage();
  await logIn(admin);
  for (const user of [OLGA, RITA, MIKE]) expect((await api(admin, "post", "/api/users", user)).status()).toBe(201);
});

test.afterAll(async () => {
  // leave the Default project and the users as they were, for the specs that follow
  for (const user of [OLGA, RITA, MIKE]) {
    await api(admin, "delete", `/api/clusters/local/projects/${project}/members/${user.username}`);
    await api(admin, "delete", `/api/users/${user.username}`);
  }
  await admin.context().close();
});

test("the admin adds an owner and a read-only member, changes a role, and finds the changes in the audit", async () => {
  const page = admin;
  project = await openDefaultMembers(page);
  await expect(page.getByText("Only project owners and administrators manage members.")).toHaveCount(0);

  // an owner
  await page.getByRole("button", { name: "Add Member" }).click();
  const form = page.getByRole("form", { name: "Add Member" });
  await expect(form.getByLabel("Username")).toBeFocused();
  await expect(form.getByLabel("Role")).toHaveValue("member");
  await expect(form).toContainText("Owner: manages members and everything a member does");
  await expect(form).toContainText("Read-only: sees the project, changes nothing");
  await form.getByLabel("Username").fill(OLGA.username);
  await form.getByLabel("Role").selectOption({ label: "Owner" });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`${OLGA.username} added to Default as Owner.`)).toBeVisible();
  await expect(form).toHaveCount(0);
  await expect(userRow(page, OLGA.username).getByRole("cell", { name: "Owner", exact: true })).toBeVisible();

  // a read-only member, after two refusals that keep what was typed
  await page.getByRole("button", { name: "Add Member" }).click();
  await form.getByLabel("Username").fill("Not A Name");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Use lowercase letters, digits, '-', '_' and '.'", { exact: false })).toBeVisible();
  await form.getByLabel("Username").fill("nobody-here");
  await form.getByLabel("Role").selectOption({ label: "Read-only" });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText('There is no user "nobody-here".')).toBeVisible();
  await expect(form.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Username")).toHaveValue("nobody-here");
  await expect(form.getByLabel("Role")).toHaveValue("read-only");
  await checkScreen(page, "members-add-refused");
  await form.getByLabel("Username").fill(RITA.username);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`${RITA.username} added to Default as Read-only.`)).toBeVisible();
  await expect(userRow(page, RITA.username).getByRole("cell", { name: "Read-only", exact: true })).toBeVisible();
  await checkScreen(page, "members");
  await narrowScreenshot(page, "members-narrow");

  // change rita's role, and back (this time with the keyboard)
  await page.getByRole("button", { name: `Actions for ${RITA.username}` }).click();
  await page.getByRole("menuitem", { name: "Change Role" }).click();
  const dialog = page.getByRole("dialog", { name: `Change role of ${RITA.username}` });
  await expect(dialog).toContainText("In project Default; now Read-only.");
  await expect(dialog.getByLabel("Role")).toBeFocused();
  await dialog.getByLabel("Role").selectOption({ label: "Member" });
  await checkScreen(page, "members-change-role");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`The role of ${RITA.username} in Default is now Member.`)).toBeVisible();
  await expect(userRow(page, RITA.username).getByRole("cell", { name: "Member", exact: true })).toBeVisible();

  await page.getByRole("button", { name: `Actions for ${RITA.username}` }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Change Role" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog.getByLabel("Role")).toBeFocused();
  await dialog.getByLabel("Role").selectOption({ label: "Read-only" });
  await page.keyboard.press("Tab"); // Cancel
  await page.keyboard.press("Tab"); // Save
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(userRow(page, RITA.username).getByRole("cell", { name: "Read-only", exact: true })).toBeVisible();

  // the audit trail
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit", level: 1 })).toBeVisible();
  await expect(page.getByText("Every change made through Paddock in this project, and every change refused for lack of permission.", { exact: false })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search audit entries" }).fill(`member "${RITA.username}"`);
  const rows = page.getByRole("row").filter({ hasText: `admin set member "${RITA.username}" in project Default` });
  await expect(rows).toHaveCount(3);
  // newest first: back to read-only (200), member (200), added read-only (201)
  for (const [index, [role, status]] of [["read-only", "200"], ["member", "200"], ["read-only", "201"]].entries()) {
    const row = rows.nth(index);
    await expect(row).toContainText(`as ${role}`);
    await expect(row.getByRole("cell", { name: "admin", exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: "update", exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: `Project local/${project}`, exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: status, exact: true })).toBeVisible();
  }
  await page.getByRole("searchbox", { name: "Search audit entries" }).fill("");
  await expect(page.getByRole("row").filter({ hasText: `admin set member "${OLGA.username}" in project Default as owner` })).toHaveCount(1);
  await checkScreen(page, "audit");
  await narrowScreenshot(page, "audit-narrow");
});

test("a read-only member sees the members and changes nothing", async ({ browser }) => {
  const page = await logInAs(browser, RITA);
  await openDefaultMembers(page);
  await expect(userRow(page, OLGA.username)).toContainText("Owner");
  await expect(userRow(page, RITA.username)).toContainText("(you)");
  await expect(page.getByText("Only project owners and administrators manage members.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add Member" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Actions for / })).toHaveCount(0);
  await checkScreen(page, "members-read-only");
  await page.context().close();
});

test("an owner adds and removes a member, and cannot leave the project without an owner", async ({ browser }) => {
  const page = await logInAs(browser, OLGA);
  await openDefaultMembers(page);
  await page.getByRole("button", { name: "Add Member" }).click();
  const form = page.getByRole("form", { name: "Add Member" });
  await form.getByLabel("Username").fill(MIKE.username);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`${MIKE.username} added to Default as Member.`)).toBeVisible();
  await expect(userRow(page, MIKE.username).getByRole("cell", { name: "Member", exact: true })).toBeVisible();

  await page.getByRole("button", { name: `Actions for ${MIKE.username}` }).click();
  await page.getByRole("menuitem", { name: "Remove" }).click();
  const confirm = page.getByRole("dialog", { name: `Remove ${MIKE.username} from Default` });
  await expect(confirm).toContainText(`${MIKE.username} will no longer be a member of project Default`);
  await confirm.getByRole("button", { name: "Remove" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText(`${MIKE.username} removed from Default.`)).toBeVisible();
  await expect(userRow(page, MIKE.username)).toHaveCount(0);

  // the last owner cannot leave: the server says why, in the dialog
  await page.getByRole("button", { name: `Actions for ${OLGA.username}` }).click();
  await page.getByRole("menuitem", { name: "Remove" }).click();
  const leave = page.getByRole("dialog", { name: `Remove ${OLGA.username} from Default` });
  await expect(leave).toContainText("you will lose access to it");
  await leave.getByRole("button", { name: "Remove" }).click();
  await expect(leave.getByRole("alert")).toContainText(
    `Could not remove ${OLGA.username}: Project "Default" needs at least one owner: make another member owner first, or ask a Paddock administrator.`,
  );
  await checkScreen(page, "members-last-owner");
  await leave.getByRole("button", { name: "Cancel" }).click();
  await expect(leave).toBeHidden();
  await expect(userRow(page, OLGA.username).getByRole("cell", { name: "Owner", exact: true })).toBeVisible();

  // nor become a mere member
  await page.getByRole("button", { name: `Actions for ${OLGA.username}` }).click();
  await page.getByRole("menuitem", { name: "Change Role" }).click();
  const change = page.getByRole("dialog", { name: `Change role of ${OLGA.username}` });
  await change.getByLabel("Role").selectOption({ label: "Member" });
  await change.getByRole("button", { name: "Save" }).click();
  await expect(change.getByRole("alert")).toContainText('needs at least one owner');
  await expect(change.getByLabel("Role")).toHaveValue("member");
  await page.keyboard.press("Escape");
  await expect(change).toBeHidden();

  // with another owner, olga may leave: she lands on Global, where the project is no longer hers
  await page.getByRole("button", { name: "Add Member" }).click();
  await form.getByLabel("Username").fill(MIKE.username);
  await form.getByLabel("Role").selectOption({ label: "Owner" });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(userRow(page, MIKE.username).getByRole("cell", { name: "Owner", exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Actions for ${OLGA.username}` }).click();
  await page.getByRole("menuitem", { name: "Remove" }).click();
  await leave.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("heading", { name: "Global", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("You left project Default: you no longer have access to it.")).toBeVisible();
  await expect(page.getByRole("note")).toHaveText("You are not a member of any project yet: ask a project owner or a Paddock administrator to add you.");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.context().close();
});
