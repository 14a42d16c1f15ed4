import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { kubectl } from "./testing/kubectl.ts";
import { parseCli } from "./cli.ts";

const ROOT = resolve(import.meta.dirname, "../../..");
const running: ChildProcess[] = [];

afterEach(() => {
  // The whole process group (npm → tsx → node), not only npm, which would leave the cluster running.
  for (const child of running.splice(0)) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone (killHard)
    }
  }
});

/** Starts `npm run cluster` as a user would and waits for the line that tells how to use kubectl. */
async function startCluster(dataDir: string): Promise<{ child: ChildProcess; kubeconfig: string; output: string }> {
  const child = spawn("npm", ["run", "--silent", "cluster", "--", "--port", "0", "--data-dir", dataDir, "--no-demo-registry"], {
    cwd: ROOT,
    env: { ...process.env, PADDOCK_CLUSTER_PORT: "" },
    detached: true,
  });
  running.push(child);
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const start = Date.now();
  while (!/export KUBECONFIG=(\S+)/.test(output)) {
    if (Date.now() - start > 30_000) throw new Error(`the cluster did not start:\n${output}`);
    if (child.exitCode !== null) throw new Error(`the cluster exited with ${child.exitCode}:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, kubeconfig: /export KUBECONFIG=(\S+)/.exec(output)![1]!, output };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once("exit", () => done());
    // npm runs tsx which runs node: kill the whole process group, as a crash would take it all.
    process.kill(-child.pid!, "SIGKILL");
  });
}

describe("npm run cluster", () => {
  it("prints the kubeconfig to export, and kubectl works with it and nothing else", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "paddock-cli-"));
    const { kubeconfig, output } = await startCluster(dataDir);
    expect(kubeconfig).toBe(join(dataDir, "kubeconfig.yaml"));
    expect(output).toContain(`kubeconfig: ${kubeconfig}`);
    expect(statSync(kubeconfig).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, "token")).mode & 0o777).toBe(0o600);

    const cache = mkdtempSync(join(tmpdir(), "paddock-cli-cache-"));
    const version = await kubectl(kubeconfig, cache, ["version", "-o", "json"]);
    expect(JSON.parse(version.stdout).serverVersion).toMatchObject({ major: "1", minor: "32" });
    const namespaces = await kubectl(kubeconfig, cache, ["get", "namespaces", "-o", "name"]);
    expect(namespaces.stdout.split("\n")).toEqual(expect.arrayContaining(["namespace/default", "namespace/local"]));
  });

  it("keeps every acknowledged write through kill -9, with the same resourceVersion", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "paddock-crash-"));
    const first = await startCluster(dataDir);
    const kc = new KubeConfig();
    kc.loadFromFile(first.kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const acknowledged = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: `burst-${i}` }, data: { i: String(i) } } }),
      ),
    );
    await killHard(first.child);

    const second = await startCluster(dataDir);
    const kc2 = new KubeConfig();
    kc2.loadFromFile(second.kubeconfig);
    const after = await kc2.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: "default" });
    const stored = new Map(after.items.map((c) => [c.metadata!.name!, c.metadata!.resourceVersion]));
    for (const cm of acknowledged) expect(stored.get(cm.metadata!.name!)).toBe(cm.metadata!.resourceVersion);
  });

  it("names an unknown flag, and lists every flag with its variable in --help", () => {
    expect(() => parseCli(["--prot", "1"], {})).toThrow("Unknown option '--prot'");
    expect(parseCli(["--port", "7000"], { PADDOCK_DATA_DIR: "/d" })).toEqual({ port: 7000, dataDir: "/d", demoRegistry: true, demoRegistryPort: 5000 });
    expect(parseCli([], { PADDOCK_CLUSTER_PORT: "0" })).toMatchObject({ port: 0, dataDir: "./.paddock" });
    expect(parseCli(["--no-demo-registry"], {})).toMatchObject({ demoRegistry: false });
    expect(parseCli(["--demo-registry-port", "5999"], { PADDOCK_DEMO_REGISTRY_PORT: "5111" })).toMatchObject({ demoRegistryPort: 5999 });
    expect(parseCli([], { PADDOCK_DEMO_REGISTRY_PORT: "5111" })).toMatchObject({ demoRegistry: true, demoRegistryPort: 5111 });
    expect(() => parseCli(["--demo-registry-port", "0"], {})).toThrow('--demo-registry-port: "0" is not a port number (1-65535)');
  });
});
