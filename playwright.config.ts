import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

// One fresh Paddock (embedded cluster, demo registry, dashboard) for the whole run.
const dataDir = process.env.PADDOCK_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "paddock-e2e-"));
process.env.PADDOCK_E2E_DATA_DIR = dataDir;
export const E2E_PORT = Number(process.env.PADDOCK_E2E_PORT ?? 8181);
export const E2E_PASSWORD = "e2e-admin-password";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // Every log line (info and up, the audit lines too) goes to a file the specs search for secrets.
    command: `npx tsx apps/server/src/cli.ts serve --port ${E2E_PORT} --cluster-port 0 --data-dir ${dataDir} --demo-registry-port ${E2E_PORT + 1} --kubeconfig ${join(dataDir, "no-user-kubeconfig")} > ${join(dataDir, "server.log")} 2>&1`,
    url: `http://127.0.0.1:${E2E_PORT}/readyz`,
    env: { PADDOCK_BOOTSTRAP_PASSWORD: E2E_PASSWORD, LOG_LEVEL: "info" },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
  },
});
