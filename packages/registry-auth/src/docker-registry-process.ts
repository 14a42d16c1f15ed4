// Runs Debian's Distribution registry (`/usr/bin/docker-registry`, package docker-registry) with a
// config of its own: Debian's shipped /etc/docker/registry/config.yml is broken for authentication
// (its htpasswd `path` is a directory). Used by the demo registry of `npm run cluster` and by the
// test fixture in testing/docker-registry.ts.

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import path from "node:path";
import bcrypt from "bcryptjs";

export type RegistryLogLevel = "error" | "warn" | "info" | "debug";

export interface DockerRegistryProcessOptions {
  /** Directory for `config.yml`; the registry stores its content in `<dir>/data`. */
  dir: string;
  /** Port on 127.0.0.1. */
  port: number;
  /** Path of an htpasswd file with bcrypt entries; without it (or `token`) the registry needs no authentication. */
  htpasswd?: string;
  /** Bearer tokens from a token service instead (distribution's `auth: token`): RS256 JWTs signed by the bundle's key. */
  token?: { realm: string; service: string; issuer: string; rootCertBundle: string };
  /** Serve HTTPS with this certificate and key (PEM files). */
  tls?: { certPath: string; keyPath: string };
  /** `error` by default. */
  logLevel?: RegistryLogLevel;
  /** The registry binary; `findDockerRegistryBinary()` by default. */
  binary?: string;
  /** How long to wait for the registry to answer `GET /v2/`; 10 s by default. */
  startTimeoutMs?: number;
  /** Called when the process exits without `stop()` having been called. */
  onUnexpectedExit?: (status: string, logs: string) => void;
}

export interface DockerRegistryProcess {
  /** `http://127.0.0.1:PORT` or `https://127.0.0.1:PORT`. */
  url: string;
  /** `127.0.0.1:PORT`, the address to use in image names and pull secrets. */
  host: string;
  port: number;
  /** The process id of the registry. */
  pid: number;
  /** What the registry printed so far (the last 64 KiB). */
  logs(): string;
  /** Stops the process (SIGTERM, then SIGKILL after 3 s). */
  stop(): Promise<void>;
}

export class RegistryPortInUseError extends Error {
  override readonly name = "RegistryPortInUseError";
  constructor(readonly port: number) {
    super(`port ${port} on 127.0.0.1 is already in use`);
  }
}

const BINARY_NAME = "docker-registry";
const LOG_TAIL_BYTES = 64 * 1024;

// Registries still running when this Node process exits (a crash, a forgotten stop()) are killed with it.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Path of the `docker-registry` binary (PATH, then /usr/bin and /usr/sbin), or undefined when not installed. */
export function findDockerRegistryBinary(): string | undefined {
  return findExecutable(BINARY_NAME);
}

export function findExecutable(name: string): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(path.delimiter).concat(["/usr/bin", "/usr/sbin"])) {
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

/**
 * One htpasswd line (`user:$2b$…\n`). Distribution's htpasswd auth only accepts bcrypt entries
 * (registry/auth/htpasswd/htpasswd.go compares with golang.org/x/crypto/bcrypt, which takes the
 * `$2a$`, `$2b$` and `$2y$` forms). Cost 5 is what `htpasswd -B` uses by default; the registry
 * checks the hash on every request, so a higher cost slows every pull.
 */
export async function bcryptHtpasswdLine(user: string, password: string, cost = 5): Promise<string> {
  if (user.includes(":") || /[\r\n]/.test(user)) throw new Error(`htpasswd user names cannot contain ":" or line breaks: ${JSON.stringify(user)}`);
  return `${user}:${await bcrypt.hash(password, cost)}\n`;
}

export async function startDockerRegistryProcess(options: DockerRegistryProcessOptions): Promise<DockerRegistryProcess> {
  const binary = options.binary ?? findDockerRegistryBinary();
  if (!binary) throw new Error(`${BINARY_NAME} is not installed (apt-get install docker-registry)`);
  const { dir, port } = options;
  if (!(await portIsFree(port))) throw new RegistryPortInUseError(port);

  await mkdir(path.join(dir, "data"), { recursive: true });
  const configPath = path.join(dir, "config.yml");
  await writeFile(configPath, registryConfig({ ...options, logLevel: options.logLevel ?? "error" }), { mode: 0o600 });

  // REGISTRY_* variables override the config file (Distribution's configuration parser).
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("REGISTRY_")));
  const child = spawn(binary, ["serve", configPath], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString("utf8")).slice(-LOG_TAIL_BYTES);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  running.add(child);
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      if (!stopping) options.onUnexpectedExit?.(signal ?? `exit code ${code}`, output);
      resolve();
    }),
  );
  const spawnFailed = new Promise<Error>((resolve) => child.once("error", resolve));

  const url = `${options.tls ? "https" : "http"}://127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitUntilServing(url, child, () => output, options.startTimeoutMs ?? 10_000),
      spawnFailed.then((error) => Promise.reject(new Error(`cannot run ${binary}: ${error.message}`))),
    ]);
  } catch (error) {
    stopping = true;
    await stopProcess(child, exited);
    if (/address already in use/.test(output)) throw new RegistryPortInUseError(port);
    throw error;
  }

  return {
    url,
    host: `127.0.0.1:${port}`,
    port,
    pid: child.pid as number,
    logs: () => output,
    async stop() {
      stopping = true;
      await stopProcess(child, exited);
    },
  };
}

function registryConfig(input: DockerRegistryProcessOptions & { logLevel: RegistryLogLevel }): string {
  const quote = (value: string): string => JSON.stringify(value);
  const lines = [
    "version: 0.1",
    "log:",
    `  level: ${input.logLevel}`,
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${quote(path.join(input.dir, "data"))}`,
    "  delete:",
    "    enabled: true",
    "  maintenance:",
    "    uploadpurging:",
    "      enabled: false",
    "http:",
    `  addr: 127.0.0.1:${input.port}`,
    // Signs upload state between requests; one process, so a fresh one per start is enough.
    `  secret: ${randomBytes(24).toString("hex")}`,
    "  headers:",
    "    X-Content-Type-Options: [nosniff]",
  ];
  if (input.tls) {
    lines.push("  tls:", `    certificate: ${quote(input.tls.certPath)}`, `    key: ${quote(input.tls.keyPath)}`);
  }
  if (input.htpasswd) {
    lines.push("auth:", "  htpasswd:", "    realm: basic-realm", `    path: ${quote(input.htpasswd)}`);
  } else if (input.token) {
    const { realm, service, issuer, rootCertBundle } = input.token;
    lines.push("auth:", "  token:", `    realm: ${quote(realm)}`, `    service: ${quote(service)}`, `    issuer: ${quote(issuer)}`, `    rootcertbundle: ${quote(rootCertBundle)}`);
  }
  return `${lines.join("\n")}\n`;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function waitUntilServing(url: string, child: ChildProcess, logs: () => string, timeoutMs: number): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  const hasExited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  while (Date.now() < giveUpAt) {
    if (hasExited()) {
      throw new Error(`docker-registry exited (${child.exitCode ?? child.signalCode}) before serving:\n${logs()}`);
    }
    // Something else answering on the port while our process failed to bind is not our registry.
    if ((await answers(`${url}/v2/`)) && !hasExited() && !/address already in use/.test(logs())) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not answer on ${url} within ${timeoutMs / 1000}s:\n${logs()}`);
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
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(killer);
}
