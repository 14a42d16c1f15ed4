import type { Page } from "@playwright/test";
import { checkScreen, demoRegistry, expect, kubectl, logIn, test } from "./fixtures";

async function openProject(page: Page, project: string): Promise<void> {
  await page.getByRole("button", { name: /local/ }).first().click();
  await page.getByRole("navigation", { name: "Clusters and projects" }).getByRole("link", { name: project, exact: true }).click();
  await expect(page.getByRole("heading", { name: "Registries" })).toBeVisible();
}

async function deploy(page: Page, name: string, image: string): Promise<void> {
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Workloads" }).click();
  await page.getByRole("link", { name: "Deploy" }).click();
  await expect(page.getByRole("heading", { name: "Deploy Workload" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await expect(page.getByLabel("Namespace")).toHaveValue("default");
  await page.getByLabel("Docker Image").fill(image);
}

test("deploy from the demo registry: the preview names its secret, the pods run and pull; an unknown registry fails to pull", async ({ page }) => {
  test.setTimeout(120_000);
  const demo = demoRegistry();
  kubectl("create", "secret", "docker-registry", "demo-pull", `--docker-server=${demo.host}`, `--docker-username=${demo.username}`, `--docker-password=${demo.password}`, "-n", "default");

  await logIn(page);
  await page.getByRole("region", { name: "local (embedded)" }).getByRole("link", { name: "Default" }).click();
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Workloads" }).click();
  await expect(page.getByRole("heading", { name: "Workloads" })).toBeVisible();
  await expect(page.getByText("There are no workloads.", { exact: false })).toBeVisible();
  await checkScreen(page, "workloads-empty");

  await deploy(page, "hello", demo.image);
  const pullSecrets = page.getByRole("region", { name: "Pull Secrets" });
  await expect(pullSecrets).toContainText(`demo-pull — registry ${demo.host} matches ${demo.host}/demo/hello`);
  await expect(pullSecrets).toContainText("Pull secrets attached to the pods, in kubelet's order: demo-pull");
  await page.getByRole("button", { name: "+ Add Port" }).click();
  await page.getByLabel("Container Port").fill("8080");
  await page.getByRole("button", { name: "+ Add Variable" }).click();
  await page.getByLabel("Variable Name").fill("1-bad");
  await page.getByLabel("Value").fill("hello");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("An environment variable name holds letters", { exact: false })).toBeVisible();
  await page.getByLabel("Variable Name").fill("GREETING");
  await checkScreen(page, "deploy-workload");
  await page.getByRole("button", { name: "Save" }).click();

  await expect(page.getByRole("heading", { name: "hello", exact: true })).toBeVisible();
  await expect(page.getByText("demo-pull", { exact: true })).toBeVisible();
  const pods = page.getByRole("table", { name: "Pods of the workload" });
  await expect(pods.getByRole("row").filter({ hasText: /^hello-/ }).first()).toContainText("Running", { timeout: 45_000 });
  const events = page.getByRole("table", { name: /Events of the workload/ });
  await expect(events.getByRole("cell", { name: "Pulled", exact: true }).first()).toBeVisible();
  await expect(events.getByRole("columnheader")).toHaveText(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]);
  await checkScreen(page, "workload-detail");
  await page.getByRole("button", { name: "Scale" }).click();
  await page.getByRole("dialog").getByLabel("Replicas").fill("2");
  await page.getByRole("dialog").getByRole("button", { name: "Scale" }).click();
  await expect(page.getByText("2 of 2 ready")).toBeVisible({ timeout: 30_000 });
  await page.setViewportSize({ width: 420, height: 900 });
  await checkScreen(page, "workload-detail-narrow");
  await page.setViewportSize({ width: 1280, height: 800 });

  await deploy(page, "nowhere", "127.0.0.1:1/nothing/here:1");
  await expect(page.getByRole("region", { name: "Pull Secrets" })).toContainText("No registry matches: pulled without credentials.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "nowhere", exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: /Events of the workload/ })).toContainText("ErrImagePull", { timeout: 45_000 });
  // The detail screen was checked with axe above; this keeps how a failing pull looks.
  await page.screenshot({ path: "test-results/screens/workload-detail-failing.png", fullPage: true });

  await page.getByRole("link", { name: "Workloads" }).first().click();
  await expect(page.getByRole("row", { name: /hello/ })).toContainText("2/2");
  await checkScreen(page, "workloads");
  await page.getByRole("button", { name: "Actions for nowhere" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await expect(page.getByRole("dialog")).toContainText("Workload nowhere in namespace default");
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("link", { name: "nowhere" })).toHaveCount(0);
});

test("namespaces: add one to the project, move it to System and back", async ({ page }) => {
  await logIn(page);
  await page.getByRole("region", { name: "local (embedded)" }).getByRole("link", { name: "Default" }).click();
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Namespaces" }).click();
  await expect(page.getByRole("heading", { name: "Namespaces" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "default", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Add Namespace" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Bad_Name");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByText("Use lowercase letters, digits and '-'", { exact: false })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("e2e-moving");
  await checkScreen(page, "namespaces-add");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("cell", { name: "e2e-moving", exact: true })).toBeVisible();
  await checkScreen(page, "namespaces");

  await page.getByRole("button", { name: "Move e2e-moving" }).click();
  const dialog = page.getByRole("dialog", { name: "Move namespace e2e-moving" });
  await dialog.getByLabel("Move to").selectOption({ label: "System" });
  await expect(dialog).toContainText("Namespace e2e-moving will leave project Default and go to project System.");
  await checkScreen(page, "namespaces-move");
  await dialog.getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("cell", { name: "e2e-moving", exact: true })).toHaveCount(0);

  await openProject(page, "System");
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Namespaces" }).click();
  await expect(page.getByRole("cell", { name: "kube-system", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Move e2e-moving" }).click();
  await page.getByRole("dialog").getByLabel("Move to").selectOption({ label: "Default" });
  await page.getByRole("dialog").getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("cell", { name: "e2e-moving", exact: true })).toHaveCount(0);

  await openProject(page, "Default");
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Namespaces" }).click();
  await expect(page.getByRole("cell", { name: "e2e-moving", exact: true })).toBeVisible();
  // Leave the project as it was for the other specs: out of every project.
  await page.getByRole("button", { name: "Move e2e-moving" }).click();
  await page.getByRole("dialog").getByLabel("Move to").selectOption({ label: "No project" });
  await page.getByRole("dialog").getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("cell", { name: "e2e-moving", exact: true })).toHaveCount(0);
  expect(kubectl("get", "namespace", "e2e-moving", "-o", "jsonpath={.metadata.name}")).toBe("e2e-moving");
});
