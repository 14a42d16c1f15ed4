// Test fixture: a real Distribution registry (Debian's `docker-registry`) on 127.0.0.1, with its own
// config in a temporary directory (Debian's shipped config is broken: its htpasswd path is a
// directory), optional htpasswd users (bcrypt from `htpasswd -B`) and optional TLS with a
// self-signed certificate made by `openssl` for IP 127.0.0.1 and DNS localhost.

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface StartDockerRegistryOptions {
  /** htpasswd users (username → password). Without users the registry needs no authentication. */
  users?: Record<string, string>;
  /** Serve HTTPS with a self-signed certificate (see `caCert`). */
  tls?: boolean;
  /** Registry log level; `error` by default to keep test output quiet. */
  logLevel?: "error" | "warn" | "info" | "debug";
}

export interface DockerRegistryFixture {
  /** `http://127.0.0.1:PORT` or `https://127.0.0.1:PORT`. */
  url: string;
  /** `127.0.0.1:PORT`, the address to use in image names and pull secrets. */
  host: string;
  port: number;
  /** PEM of the self-signed certificate, when `tls`; pass it as `ca` to trust the registry. */
  caCert?: string;
  /** The temporary directory holding config, storage, htpasswd and certificates. */
  dir: string;
  /** Adds (or replaces) an htpasswd user; the registry re-reads the file when it changes. */
  addUser(username: string, password: string): Promise<void>;
  /** What the registry process printed so far (for failing tests). */
  logs(): string;
  /** Stops the process and deletes the directory. */
  stop(): Promise<void>;
}

const REQUIRED_TOOLS = ["docker-registry", "htpasswd", "openssl"] as const;

// Registries still running when the test process exits (a crash, a forgotten stop()) are killed with it.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** The tools the fixture needs that are missing from PATH (empty when it can run). */
export function missingRegistryTools(): string[] {
  return REQUIRED_TOOLS.filter((tool) => findExecutable(tool) === undefined);
}

export async function startDockerRegistry(options: StartDockerRegistryOptions = {}): Promise<DockerRegistryFixture> {
  const missing = missingRegistryTools();
  if (missing.length > 0) throw new Error(`startDockerRegistry needs ${missing.join(", ")} on PATH`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "paddock-registry-"));
  try {
    return await startIn(dir, options);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(dir: string, options: StartDockerRegistryOptions): Promise<DockerRegistryFixture> {
  const users = options.users ?? {};
  const htpasswdPath = path.join(dir, "htpasswd");
  const useAuth = Object.keys(users).length > 0;
  if (useAuth) {
    const lines = await Promise.all(Object.entries(users).map(([user, password]) => htpasswdLine(user, password)));
    await writeFile(htpasswdPath, lines.join(""));
  }
  let caCert: string | undefined;
  const certPath = path.join(dir, "registry.crt");
  const keyPath = path.join(dir, "registry.key");
  if (options.tls) {
    await run("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", keyPath, "-out", certPath, "-days", "2",
      "-subj", "/CN=Paddock test registry",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ]);
    caCert = await readFile(certPath, "utf8");
  }
  await mkdir(path.join(dir, "data"));
  const port = await freePort();
  const configPath = path.join(dir, "config.yml");
  await writeFile(configPath, registryConfig({ dir, port, htpasswdPath: useAuth ? htpasswdPath : undefined, tls: options.tls ? { certPath, keyPath } : undefined, logLevel: options.logLevel ?? "error" }));

  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("REGISTRY_")));
  const child = spawn(findExecutable("docker-registry") as string, ["serve", configPath], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString("utf8")).slice(-64 * 1024);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      running.delete(child);
      resolve();
    }),
  );

  const scheme = options.tls ? "https" : "http";
  const url = `${scheme}://127.0.0.1:${port}`;
  try {
    await waitUntilServing(url, child, () => output);
  } catch (error) {
    await stopProcess(child, exited);
    throw error;
  }

  let stopped = false;
  return {
    url,
    host: `127.0.0.1:${port}`,
    port,
    ...(caCert !== undefined ? { caCert } : {}),
    dir,
    async addUser(username, password) {
      if (!useAuth) throw new Error("this registry was started without users: it has no authentication");
      await appendFile(htpasswdPath, await htpasswdLine(username, password));
    },
    logs: () => output,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopProcess(child, exited);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function htpasswdLine(user: string, password: string): Promise<string> {
  // Distribution only accepts bcrypt entries.
  const { stdout } = await run("htpasswd", ["-Bbn", user, password]);
  return `${stdout.trim()}\n`;
}

function registryConfig(input: {
  dir: string;
  port: number;
  htpasswdPath: string | undefined;
  tls: { certPath: string; keyPath: string } | undefined;
  logLevel: string;
}): string {
  const lines = [
    "version: 0.1",
    "log:",
    `  level: ${input.logLevel}`,
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${JSON.stringify(path.join(input.dir, "data"))}`,
    "  delete:",
    "    enabled: true",
    "  maintenance:",
    "    uploadpurging:",
    "      enabled: false",
    "http:",
    `  addr: 127.0.0.1:${input.port}`,
    "  secret: paddock-test-secret",
    "  headers:",
    "    X-Content-Type-Options: [nosniff]",
  ];
  if (input.tls) {
    lines.push("  tls:", `    certificate: ${JSON.stringify(input.tls.certPath)}`, `    key: ${JSON.stringify(input.tls.keyPath)}`);
  }
  if (input.htpasswdPath) {
    lines.push("auth:", "  htpasswd:", "    realm: basic-realm", `    path: ${JSON.stringify(input.htpasswdPath)}`);
  }
  return `${lines.join("\n")}\n`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, logs: () => string): Promise<void> {
  const giveUpAt = Date.now() + 10_000;
  while (Date.now() < giveUpAt) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`docker-registry exited (${child.exitCode ?? child.signalCode}) before serving:\n${logs()}`);
    }
    if (await answers(`${url}/v2/`)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not answer on ${url} within 10s:\n${logs()}`);
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const client = url.startsWith("https:") ? https : http;
    const request = client.get(url, { rejectUnauthorized: false, agent: false, timeout: 1000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on("error", () => resolve(false));
    request.on("timeout", () => {
      request.destroy();
      resolve(false);
    });
  });
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(killer);
}

function findExecutable(name: string): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(path.delimiter).concat(["/usr/sbin", "/usr/bin"])) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
