import { checkScreen, expect, logIn, test } from "./fixtures";

test("log in, see the Global view with the embedded cluster and its projects", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Log In" })).toBeVisible();
  await checkScreen(page, "login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Log In" }).click();
  await expect(page.getByRole("alert")).toHaveText("The username or password is not right.");

  await logIn(page);
  const cluster = page.getByRole("region", { name: "local (embedded)" });
  await expect(cluster.getByText("Active")).toBeVisible();
  await expect(cluster.getByRole("link", { name: "Default" })).toBeVisible();
  await expect(cluster.getByRole("link", { name: "System" })).toBeVisible();
  await checkScreen(page, "global");
});
