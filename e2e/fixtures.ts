import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test as base, expect, type APIResponse, type Browser, type BrowserContext, type Page } from "@playwright/test";
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

export interface Credentials {
  username: string;
  password: string;
}

export const ADMIN: Credentials = { username: "admin", password: ADMIN_PASSWORD };

/** Logs in through the login page (as the administrator unless told otherwise) and waits for the Global view. */
export async function logIn(page: Page, user: Credentials = ADMIN): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Log In" }).click();
  await expect(page.getByRole("heading", { name: "Global" })).toBeVisible();
}

/** A browser of the user's own (a fresh context: no cookie of anyone else), logged in. */
export async function logInAs(browser: Browser, user: Credentials, watch?: (context: BrowserContext) => void): Promise<Page> {
  const context = await browser.newContext();
  watch?.(context);
  const page = await context.newPage();
  await logIn(page, user);
  return page;
}

/** A call of the API with the page's session, as the page's own origin (writes need it). */
export async function api(page: Page, method: "get" | "post" | "put" | "delete", path: string, data?: unknown): Promise<APIResponse> {
  const origin = new URL(page.url()).origin;
  return page.request[method](path, { ...(data === undefined ? {} : { data }), headers: { Origin: origin } });
}

/** kubectl against the embedded cluster; answers what it printed. */
export function kubectl(...args: string[]): string {
  return execFileSync("kubectl", args, { env: { ...process.env, KUBECONFIG }, encoding: "utf8", maxBuffer: 64 << 20 });
}

/** A screenshot at a phone's width, kept in test-results/screens. */
export async function narrowScreenshot(page: Page, name: string, height = 800): Promise<void> {
  await page.setViewportSize({ width: 420, height });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** A row of the Users or Members table, by username (the logged-in user's says "(you)"). */
export const userRow = (page: Page, username: string) =>
  page.getByRole("row").filter({ has: page.getByRole("cell", { name: new RegExp(`^${username}( \\(you\\))?$`) }) });

/** Everything the browser keeps for the page: cookies, local and session storage, IndexedDB, Cache Storage, the URL. */
export async function browserKeeps(page: Page): Promise<string> {
  const state = await page.context().storageState({ indexedDB: true });
  // A string, run in the page: the specs are type-checked without the DOM library.
  const inPage: unknown = await page.evaluate(`(async () => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i)).map((k) => [k, s.getItem(k)]));
    const databases = (await indexedDB.databases()).map((d) => d.name);
    return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie, databases, caches: await caches.keys() };
  })()`);
  return JSON.stringify({ state, inPage, url: page.url() });
}

/**
 * Whether the page's JavaScript memory still holds `text` (a password typed in a form, say): a heap
 * snapshot, taken after a garbage collection, of everything still reachable.
 */
export async function memoryHolds(page: Page, text: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on("HeapProfiler.addHeapSnapshotChunk", (event) => chunks.push(event.chunk));
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  await cdp.detach();
  return chunks.join("").includes(text);
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
