import type { Page } from "@playwright/test";
import { api, checkScreen, demoRegistry, expect, kubectl, logIn, narrowScreenshot, test } from "./fixtures";

// Issue 5, Done-when 1, 2 and 4: the Registries flow a Rancher user knows, against the embedded
// cluster and the real demo registry.

/** The password kubectl reads back from a registry secret. */
function storedPassword(namespace: string, name: string, server: string): string {
  const json = Buffer.from(kubectl("get", "secret", name, "-n", namespace, "-o", "jsonpath={.data.\\.dockerconfigjson}"), "base64").toString("utf8");
  return (JSON.parse(json) as { auths: Record<string, { password: string }> }).auths[server]!.password;
}

/** Global → the local cluster's Default project → Resources > Registries; answers the project id. */
async function openDefaultRegistries(page: Page): Promise<string> {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Global" })).toBeVisible();
  await page.getByRole("region", { name: "local (embedded)" }).getByRole("link", { name: "Default" }).click();
  await page.getByRole("button", { name: "Resources" }).click();
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Registries" }).click();
  await expect(page.getByRole("heading", { name: "Registries", level: 1 })).toBeVisible();
  return /\/p\/(p-[a-z0-9]+)\//.exec(page.url())![1]!;
}

const rowOf = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

// One logged-in page for the whole story (the tests follow each other); a loaded machine makes axe slow.
test.describe.configure({ mode: "serial", timeout: 120_000 });
let page: Page;
test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage(); // axe needs a page of its own context
  await logIn(page);
});
test.afterAll(async () => {
  await page.context().close();
});

test("a new user adds a project registry and finds its copies in every namespace of the project", async () => {
  const project = await openDefaultRegistries(page);
  expect((await api(page, "post", "/api/clusters/local/namespaces", { name: "e2e-reg-a", projectId: project })).status()).toBe(201);

  await page.getByRole("link", { name: "Add Registry" }).click();
  await expect(page.getByRole("heading", { name: "Add Registry" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("e2e-reg-hub");
  await expect(page.getByText("✓ The name is free in this scope.")).toBeVisible();
  await expect(page.getByLabel("Available to all namespaces in this project")).toBeChecked();
  await expect(page.getByRole("radio", { name: "DockerHub" })).toBeChecked();
  await page.getByLabel("Username").fill("hub-user");
  await page.getByLabel("Password", { exact: true }).fill("hub-password-1");
  await checkScreen(page, "registry-add");
  await narrowScreenshot(page, "registry-add-narrow");
  await page.getByRole("button", { name: "Save" }).click();

  await expect(page.getByRole("heading", { name: "Registries", level: 1 })).toBeVisible();
  const row = rowOf(page, "e2e-reg-hub");
  await expect(row.getByRole("cell", { name: "All", exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: "https://index.docker.io/v1/" })).toBeVisible();
  await expect(row.getByRole("cell", { name: "hub-user" })).toBeVisible();
  await expect(row).toContainText(/Active(\d+) of \1 namespaces/);
  await checkScreen(page, "registries-list");
  await narrowScreenshot(page, "registries-list-narrow");

  await row.getByRole("link", { name: "e2e-reg-hub" }).click();
  await expect(page.getByRole("heading", { name: "Registry: e2e-reg-hub" })).toBeVisible();
  const copies = page.getByRole("region", { name: "Copies in namespaces" });
  for (const namespace of ["default", "e2e-reg-a"]) {
    await expect(copies.getByRole("row", { name: `${namespace} Up to date` })).toBeVisible();
    expect(kubectl("get", "secret", "e2e-reg-hub", "-n", namespace, "-o", "jsonpath={.type}")).toBe("kubernetes.io/dockerconfigjson");
    expect(storedPassword(namespace, "e2e-reg-hub", "https://index.docker.io/v1/")).toBe("hub-password-1");
  }
  const kubectlSection = page.getByRole("region", { name: "With kubectl" });
  await expect(kubectlSection.getByLabel("Create the secret")).toContainText(
    "kubectl create secret docker-registry e2e-reg-hub \\\n  --docker-server=https://index.docker.io/v1/ \\\n  --docker-username=hub-user \\\n  --docker-password=<password> \\\n  -n default",
  );
  await expect(kubectlSection.getByLabel("pod.yml: a pod that pulls with it")).toContainText("imagePullSecrets:\n    - name: e2e-reg-hub");
  await checkScreen(page, "registry-detail");
});

test("an empty project says so", async () => {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/api/clusters/local/projects", { data: { displayName: "E2E Empty" }, headers: { Origin: origin } });
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await page.goto(`/c/local/p/${id}/registries`);
  await expect(page.getByText("There are no registry credentials.")).toBeVisible();
  await checkScreen(page, "registries-empty");
  expect((await page.request.delete(`/api/clusters/local/projects/${id}`, { headers: { Origin: origin } })).status()).toBeLessThan(300);
});

test("a single-namespace registry in a new namespace, a name held by a ConfigMap, and credentials tested against a real registry", async () => {
  const demo = demoRegistry();
  kubectl("create", "configmap", "e2e-reg-clash", "-n", "default", "--from-literal=a=b");
  await openDefaultRegistries(page);
  await page.getByRole("link", { name: "Add Registry" }).click();

  // The name is checked as it is typed, and on save: the refusal names the ConfigMap, at the field.
  const name = page.getByLabel("Name", { exact: true });
  await name.fill("e2e-reg-clash");
  const clash = 'Already used by the ConfigMap "e2e-reg-clash" in namespace "default".';
  await expect(page.getByText(clash)).toBeVisible();
  await page.getByLabel("Username").fill("demo");
  await page.getByLabel("Password", { exact: true }).fill(demo.password);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Add Registry" })).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(clash)).toBeVisible();
  await expect(page.getByLabel("Username")).toHaveValue("demo");
  await checkScreen(page, "registry-add-refused");

  await name.fill("e2e-reg-demo");
  await page.getByLabel("Available to a single namespace").check();
  await page.getByRole("button", { name: "Add to a new namespace" }).click();
  await page.getByLabel("New namespace").fill("e2e-reg-new");
  await page.getByRole("radio", { name: "Custom" }).check();
  const host = page.getByLabel("Registry Domain Name");
  await expect(page.getByText("Just the hostname or IP address, do not include the protocol (https://)")).toBeVisible();
  await host.fill(`https://${demo.host}`);
  await expect(host).toHaveValue(demo.host);
  await expect(page.getByText('Removed "https://"')).toBeVisible();

  const answer = page.getByRole("group", { name: "Registry", exact: true }).getByRole("status");
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Test credentials" }).click();
  await expect(answer).toHaveText(/^✗ The registry rejected the username or password/);
  await expect(answer).toHaveClass(/reg-tone--error/);
  await page.getByLabel("Password", { exact: true }).fill(demo.password);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Test credentials" }).click();
  await expect(answer).toHaveText(`✓ Credentials accepted by ${demo.host}`);
  await expect(answer).toHaveClass(/reg-tone--ok/);
  await page.getByLabel("Also attach to each namespace's default service account").check();
  await expect(page.getByText("Pods created with kubectl in these namespaces will use this registry without listing it in imagePullSecrets.")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();

  const row = rowOf(page, "e2e-reg-demo");
  await expect(row.getByRole("cell", { name: "e2e-reg-new", exact: true })).toBeVisible();
  await expect(row.getByRole("cell", { name: demo.host, exact: true })).toBeVisible();
  expect(storedPassword("e2e-reg-new", "e2e-reg-demo", demo.host)).toBe(demo.password);
  expect(kubectl("get", "serviceaccount", "default", "-n", "e2e-reg-new", "-o", "jsonpath={.imagePullSecrets[*].name}")).toContain("e2e-reg-demo");
  kubectl("delete", "configmap", "e2e-reg-clash", "-n", "default");
});

test("edit keeps the password, clone copies it on the server, delete and bulk delete confirm, kubectl's secrets show up live", async () => {
  const demo = demoRegistry();
  await openDefaultRegistries(page);

  // Edit: the password field left empty keeps the stored password.
  await page.getByRole("button", { name: "Actions for e2e-reg-demo in e2e-reg-new" }).click();
  await page.getByRole("menuitem", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { name: "Edit Registry: e2e-reg-demo" })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("e2e-reg-demo");
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("readonly", "");
  await expect(page.getByLabel("Registry Domain Name")).toHaveValue(demo.host);
  await expect(page.getByText("Leave empty to keep the stored password.")).toBeVisible();
  await page.getByRole("button", { name: "Test credentials" }).click();
  await expect(page.getByRole("group", { name: "Registry", exact: true }).getByRole("status")).toHaveText(`✓ Credentials accepted by ${demo.host}`);
  await page.getByRole("button", { name: "Add a Description" }).click();
  await page.getByLabel("Description").fill("The demo registry");
  await checkScreen(page, "registry-edit");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(rowOf(page, "e2e-reg-demo")).toContainText("The demo registry");
  expect(storedPassword("e2e-reg-new", "e2e-reg-demo", demo.host)).toBe(demo.password);

  // Clone: everything but the name carried over, the password copied on the server.
  await page.getByRole("button", { name: "Actions for e2e-reg-demo in e2e-reg-new" }).click();
  await page.getByRole("menuitem", { name: "Clone" }).click();
  await expect(page.getByRole("heading", { name: "Clone Registry: e2e-reg-demo" })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Namespace", { exact: true })).toHaveValue("e2e-reg-new");
  await expect(page.getByLabel("Username")).toHaveValue("demo");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await page.getByLabel("Name", { exact: true }).fill("e2e-reg-copy");
  await expect(page.getByText("✓ The name is free in this scope.")).toBeVisible();
  await checkScreen(page, "registry-clone");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(rowOf(page, "e2e-reg-copy")).toContainText("The demo registry");
  expect(storedPassword("e2e-reg-new", "e2e-reg-copy", demo.host)).toBe(demo.password);

  // View YAML: the Secret, its password data redacted.
  await page.getByRole("button", { name: "Actions for e2e-reg-copy in e2e-reg-new" }).click();
  await page.getByRole("menuitem", { name: "View YAML" }).click();
  const yaml = page.getByRole("dialog", { name: "YAML of e2e-reg-copy" });
  await expect(yaml).toContainText('.dockerconfigjson: "<redacted>"');
  await expect(yaml).not.toContainText(demo.password);
  await checkScreen(page, "registry-yaml");
  await yaml.getByRole("button", { name: "Close" }).click();

  // Delete, confirmed by name.
  await page.getByRole("button", { name: "Actions for e2e-reg-copy in e2e-reg-new" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: 'Delete registry "e2e-reg-copy"?' });
  await expect(confirm).toContainText("in namespace e2e-reg-new");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(rowOf(page, "e2e-reg-copy")).toHaveCount(0);
  expect(kubectl("get", "secret", "-n", "e2e-reg-new", "-o", "name")).not.toContain("e2e-reg-copy");

  // A secret made with kubectl shows up in the open list, without a reload.
  kubectl("create", "secret", "docker-registry", "e2e-reg-kubectl", "-n", "e2e-reg-a", `--docker-server=${demo.host}`, "--docker-username=demo", `--docker-password=${demo.password}`);
  await expect(rowOf(page, "e2e-reg-kubectl")).toContainText("Made outside Paddock");

  // Search, and the no-match text.
  const search = page.getByRole("searchbox", { name: "Search registries" });
  await search.fill("no-such-registry-anywhere");
  await expect(page.getByText("No registry credentials match the current search")).toBeVisible();
  await search.fill("");

  // Bulk delete: select several, confirm naming them.
  for (const id of ["e2e-reg-kubectl in e2e-reg-a", "e2e-reg-demo in e2e-reg-new", "e2e-reg-hub in all namespaces"]) {
    await page.getByRole("checkbox", { name: `Select ${id}` }).check();
  }
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const bulk = page.getByRole("dialog", { name: "Delete 3 registries?" });
  for (const name of ["e2e-reg-kubectl", "e2e-reg-demo", "e2e-reg-hub"]) await expect(bulk.getByRole("listitem").filter({ hasText: name })).toBeVisible();
  await bulk.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("3 registries deleted.")).toBeVisible();
  for (const name of ["e2e-reg-kubectl", "e2e-reg-demo", "e2e-reg-hub"]) await expect(rowOf(page, name)).toHaveCount(0);
  await expect.poll(() => kubectl("get", "secret", "-A", "-o", "name")).not.toContain("e2e-reg-hub");
});

test("5,000 registries scroll smoothly: only the rows in view are in the page", async () => {
  // The list answer is replaced by a generated one: this measures the table, not the cluster.
  const items = Array.from({ length: 5000 }, (_, i) => ({
    name: `bulk-${String(i).padStart(4, "0")}`,
    scope: i % 3 === 0 ? { type: "project" } : { type: "namespace", namespace: `team-${i % 7}` },
    description: i % 2 ? `registry number ${i}` : "",
    registries: [{ address: i % 5 ? "quay.io" : "https://index.docker.io/v1/", username: `user-${i}` }],
    secretType: "kubernetes.io/dockerconfigjson",
    source: "paddock",
    readOnly: false,
    state: "Active",
    copies: i % 3 === 0 ? [{ namespace: "default", state: "Synced" }] : undefined,
    attachToDefaultServiceAccount: false,
    createdAt: new Date(Date.now() - i * 60_000).toISOString(),
    resourceVersion: String(i),
  }));
  const project = await openDefaultRegistries(page);
  await page.route(`**/api/clusters/local/projects/${project}/registries`, (route) => route.fulfill({ json: { items } }));
  await page.reload();
  await expect(page.getByRole("link", { name: "bulk-0000", exact: true })).toBeVisible({ timeout: 45_000 });
  expect(await page.locator("tbody tr").count()).toBeLessThan(100);

  // Scroll through the list in 20 jumps, each followed by the frame that paints it, timed in the page.
  const frames = await page.locator(".data-table__scroll--virtual").evaluate(async (el) => {
    const page = globalThis as unknown as { requestAnimationFrame: (callback: () => void) => void };
    const nextFrame = () => new Promise<void>((resolve) => page.requestAnimationFrame(() => page.requestAnimationFrame(resolve)));
    const times: number[] = [];
    for (let step = 1; step <= 20; step++) {
      const start = performance.now();
      el.scrollTop = (el.scrollHeight * step) / 20;
      await nextFrame();
      times.push(performance.now() - start);
    }
    return times;
  });
  await expect(page.getByRole("link", { name: "bulk-4999", exact: true })).toBeVisible();
  expect(await page.locator("tbody tr").count()).toBeLessThan(100);
  // generous: the e2e machine is often busy; a list that re-rendered every row would take seconds per jump
  const median = frames.sort((a, b) => a - b)[Math.floor(frames.length / 2)]!;
  expect(median, `frame times (ms): ${frames.map(Math.round).join(" ")}`).toBeLessThan(1000);

  await page.getByRole("searchbox", { name: "Search registries" }).fill("registry number 4321");
  await expect(page.getByRole("link", { name: "bulk-4321", exact: true })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.unrouteAll();
});
