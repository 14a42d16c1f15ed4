import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const ADMIN_PASSWORD = "e2e-admin-password";
export const DATA_DIR = process.env.PADDOCK_E2E_DATA_DIR!;
export const KUBECONFIG = join(DATA_DIR, "kubeconfig.yaml");
/** Everything the server logged (playwright.config.ts sends its output there). */
export const SERVER_LOG = join(DATA_DIR, "server.log");

/** The demo registry that `paddock serve` started, with its generated password. */
export function demoRegistry(): { host: string; username: string; password: string; image: string } {
  const port = Number(process.env.PADDOCK_E2E_PORT ?? 8181) + 1;
  const password = readFileSync(join(DATA_DIR, "registry", "password"), "utf8").trim();
  return { host: `127.0.0.1:${port}`, username: "demo", password, image: `127.0.0.1:${port}/demo/hello:1.0` };
}

export async function logIn(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Log In" }).click();
  await expect(page.getByRole("heading", { name: "Global" })).toBeVisible();
}

/** No serious or critical accessibility violation on the screen as it is now; keeps a screenshot. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export const test = base;
export { expect };
