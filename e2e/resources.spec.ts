import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkScreen, expect, logIn, test } from "./fixtures";

function certificatePair(cn: string) {
  const dir = mkdtempSync(join(tmpdir(), "paddock-e2e-cert-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", join(dir, "k.pem"), "-out", join(dir, "c.pem"), "-days", "30", "-subj", `/CN=${cn}`], { stdio: "ignore" });
  return { certificate: readFileSync(join(dir, "c.pem"), "utf8"), key: readFileSync(join(dir, "k.pem"), "utf8") };
}

test("secrets, certificates and ConfigMaps: add, see, delete", async ({ page }) => {
  await logIn(page);
  await page.getByRole("region", { name: "local (embedded)" }).getByRole("link", { name: "Default" }).click();
  await expect(page.getByRole("heading", { name: "Registries" })).toBeVisible();
  await page.getByRole("button", { name: "Resources" }).click();
  await page.getByRole("link", { name: "Secrets" }).click();
  await expect(page.getByRole("heading", { name: "Secrets" })).toBeVisible();
  await expect(page.getByText("There are no secrets.")).toBeVisible();
  await checkScreen(page, "secrets-empty");

  await page.getByRole("button", { name: "Add Secret" }).click();
  await page.getByLabel("Name", { exact: true }).fill("api-token");
  await page.getByLabel("Key", { exact: true }).fill("token");
  await page.getByLabel("Value", { exact: true }).fill("very-secret");
  await checkScreen(page, "secrets-add");
  await page.getByRole("button", { name: "Save" }).click();
  const row = page.getByRole("row", { name: /api-token/ });
  await expect(row).toContainText("token");
  await expect(page.getByText("very-secret")).toHaveCount(0);
  await checkScreen(page, "secrets");

  await page.getByRole("button", { name: "Resources" }).click();
  await page.getByRole("link", { name: "ConfigMaps" }).click();
  await page.getByRole("button", { name: "Add Config Map" }).click();
  await page.getByLabel("Name", { exact: true }).fill("api-token");
  await expect(page.getByText('The name "api-token" is already used by the secret "api-token" in namespace "default"', { exact: false })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("settings");
  await page.getByLabel("Key", { exact: true }).fill("color");
  await page.getByLabel("Value", { exact: true }).fill("blue");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /settings/ })).toContainText("color");
  await checkScreen(page, "configmaps");

  await page.getByRole("button", { name: "Resources" }).click();
  await page.getByRole("link", { name: "Certificates" }).click();
  await page.getByRole("button", { name: "Add Certificate" }).click();
  const pair = certificatePair("shop.example.com");
  await page.getByLabel("Name", { exact: true }).fill("shop-tls");
  await page.getByLabel("Certificate", { exact: true }).fill(pair.certificate);
  await page.getByLabel("Private Key").fill(pair.key);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /shop-tls/ })).toContainText("CN=shop.example.com");
  await checkScreen(page, "certificates");

  await page.getByRole("button", { name: "Actions for shop-tls" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await expect(page.getByRole("dialog")).toContainText("shop-tls");
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("There are no certificates.")).toBeVisible();
});
