import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkCredentials, pullManifest } from "@paddock/registry-auth";
import { afterEach, describe, expect, it } from "vitest";
import { startDemoRegistry, type DemoRegistry } from "./demo-registry.ts";

const started: DemoRegistry[] = [];
const servers: net.Server[] = [];

afterEach(async () => {
  for (const registry of started.splice(0)) await registry.stop();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function listeningServer(): Promise<number> {
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

async function freePort(): Promise<number> {
  const port = await listeningServer();
  await new Promise((resolve) => servers.pop()!.close(resolve));
  return port;
}

/** The state letter of /proc/PID/stat (S sleeping, Z zombie: exited, not yet reaped), or "gone". */
function processState(pid: number): string {
  try {
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, "utf8"))?.[1] ?? "gone";
  } catch {
    return "gone";
  }
}

async function start(dataDir: string, port: number): Promise<{ registry: DemoRegistry; logs: string[] }> {
  const logs: string[] = [];
  const result = await startDemoRegistry({ dataDir, port, log: (line) => logs.push(line) });
  if ("unavailable" in result) throw new Error(`docker-registry is needed for these tests: ${result.unavailable}`);
  started.push(result);
  return { registry: result, logs };
}

describe("the demo registry", () => {
  it("serves demo/hello:1.0 to user demo with a password kept across restarts", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "paddock-demo-registry-"));
    const port = await freePort();
    const { registry, logs } = await start(dataDir, port);
    expect(logs).toEqual([expect.stringMatching(new RegExp(`^demo registry: pushed 127\\.0\\.0\\.1:${port}/demo/hello:1\\.0 \\(sha256:[0-9a-f]{64}\\)$`))]);

    expect(registry.url).toBe(`http://127.0.0.1:${port}`);
    expect(registry.host).toBe(`127.0.0.1:${port}`);
    expect(registry.username).toBe("demo");
    expect(registry.image).toBe(`127.0.0.1:${port}/demo/hello:1.0`);
    expect(registry.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const passwordFile = join(dataDir, "registry", "password");
    expect(readFileSync(passwordFile, "utf8")).toBe(`${registry.password}\n`);
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, "registry", "htpasswd"), "utf8")).toMatch(/^demo:\$2b\$05\$/);
    expect(statSync(join(dataDir, "registry", "data")).isDirectory()).toBe(true);

    expect(await checkCredentials({ address: registry.host, username: "demo", password: registry.password })).toEqual({
      ok: true,
      kind: "accepted",
      status: 200,
      message: `Credentials accepted by ${registry.host}`,
    });
    expect(await checkCredentials({ address: registry.host, username: "demo", password: "not-the-password" })).toMatchObject({
      ok: false,
      kind: "unauthorized",
      status: 401,
    });
    const pulled = await pullManifest({ image: registry.image, credentials: [{ username: "demo", password: registry.password }] });
    expect(pulled).toMatchObject({ ok: true, credentialIndex: 0 });
    const anonymous = await pullManifest({ image: registry.image });
    expect(anonymous).toMatchObject({ ok: false, reason: "unauthorized" });

    await registry.stop();
    started.pop();
    const { registry: again, logs: logsAgain } = await start(dataDir, port);
    expect(logsAgain).toEqual([]);
    expect(again.password).toBe(registry.password);
    const pulledAgain = await pullManifest({ image: again.image, credentials: [{ username: "demo", password: again.password }] });
    expect(pulledAgain).toMatchObject({ ok: true });
    expect(pulledAgain.ok && pulled.ok && pulledAgain.digest).toBe(pulled.ok && pulled.digest);
  });

  it("stops the registry a killed cluster left running on the port, and starts its own", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "paddock-demo-registry-"));
    const port = await freePort();
    const script = join(dataDir, "start-and-wait.mts");
    writeFileSync(
      script,
      `import { startDemoRegistry } from ${JSON.stringify(resolve(import.meta.dirname, "demo-registry.ts"))};\n` +
        `const registry = await startDemoRegistry({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} });\n` +
        `console.log("password" in registry ? "ready" : registry.unavailable);\n` +
        `setInterval(() => {}, 1000);\n`,
    );
    // node itself (not the tsx wrapper, which runs node as a child) so that SIGKILL ends the process that started the registry.
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: resolve(import.meta.dirname, "../../.."), stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((done) => child.once("exit", done));
    try {
      await new Promise<void>((ready, fail) => {
        child.stdout.on("data", (chunk: Buffer) => (chunk.toString().includes("ready") ? ready() : fail(new Error(chunk.toString()))));
        child.once("exit", (code) => fail(new Error(`the first registry's process exited with ${code}`)));
      });
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    const leftoverPid = Number(readFileSync(join(dataDir, "registry", "registry.pid"), "utf8"));
    expect(processState(leftoverPid)).toBe("S");

    const { registry } = await start(dataDir, port);
    expect(["Z", "gone"]).toContain(processState(leftoverPid));
    expect(await pullManifest({ image: registry.image, credentials: [{ username: "demo", password: registry.password }] })).toMatchObject({ ok: true });
  });

  it("names the port and the flags to change it when the port is taken", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "paddock-demo-registry-"));
    const port = await listeningServer();
    await expect(startDemoRegistry({ dataDir, port })).rejects.toThrow(
      `the demo registry cannot listen on 127.0.0.1:${port}: the port is already in use. ` +
        "Choose another port with --demo-registry-port N (PADDOCK_DEMO_REGISTRY_PORT), or start without it with --no-demo-registry.",
    );
  });

  it("says how to install docker-registry when it is missing", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "paddock-demo-registry-"));
    expect(await startDemoRegistry({ dataDir, findBinary: () => undefined })).toEqual({
      unavailable:
        "the docker-registry binary is not installed; install it with `sudo apt-get install docker-registry` " +
        "(Debian/Ubuntu) to get a demo registry to pull from",
    });
  });
});
