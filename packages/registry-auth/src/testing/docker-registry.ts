// Test fixture: a real Distribution registry (Debian's `docker-registry`, run by
// ../docker-registry-process.ts) on a free port of 127.0.0.1, in a temporary directory, with optional
// htpasswd users and optional TLS with a self-signed certificate made by `openssl` for IP 127.0.0.1
// and DNS localhost.

import { execFile } from "node:child_process";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { bcryptHtpasswdLine, findExecutable, startDockerRegistryProcess } from "../docker-registry-process.ts";
import { freePort } from "./free-port.ts";

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

const REQUIRED_TOOLS = ["docker-registry", "openssl"] as const;

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
  const users = Object.entries(options.users ?? {});
  const htpasswdPath = path.join(dir, "htpasswd");
  const useAuth = users.length > 0;
  if (useAuth) {
    const lines = await Promise.all(users.map(([user, password]) => bcryptHtpasswdLine(user, password)));
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
  const registry = await startDockerRegistryProcess({
    dir,
    port: await freePort(),
    ...(useAuth ? { htpasswd: htpasswdPath } : {}),
    ...(options.tls ? { tls: { certPath, keyPath } } : {}),
    logLevel: options.logLevel ?? "error",
  });

  let stopped = false;
  return {
    url: registry.url,
    host: registry.host,
    port: registry.port,
    ...(caCert !== undefined ? { caCert } : {}),
    dir,
    async addUser(username, password) {
      if (!useAuth) throw new Error("this registry was started without users: it has no authentication");
      await appendFile(htpasswdPath, await bcryptHtpasswdLine(username, password));
    },
    logs: registry.logs,
    async stop() {
      if (stopped) return;
      stopped = true;
      await registry.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export { startTokenRegistry, TOKEN_SERVICE, type TokenRegistry } from "./token-registry.ts";
