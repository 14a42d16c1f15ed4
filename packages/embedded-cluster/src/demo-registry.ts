// The demo registry of `npm run cluster`: Debian's Distribution registry on 127.0.0.1 (plain HTTP, as
// Docker and containerd treat loopback registries), htpasswd with one user `demo` whose random
// password is made once and kept in the data directory, holding the small image `demo/hello:1.0`.

import { randomBytes } from "node:crypto";
import { chmod, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  bcryptHtpasswdLine,
  findDockerRegistryBinary,
  pullManifest,
  pushImage,
  RegistryPortInUseError,
  startDockerRegistryProcess,
  type DockerRegistryProcess,
} from "@paddock/registry-auth";

export const DEMO_REGISTRY_USER = "demo";
export const DEMO_REPOSITORY = "demo/hello";
export const DEMO_TAG = "1.0";
export const DEFAULT_DEMO_REGISTRY_PORT = 5000;

export interface DemoRegistryOptions {
  /** The cluster's data directory; the registry keeps config, storage and password in `<dataDir>/registry/`. */
  dataDir: string;
  /** Port on 127.0.0.1; 5000 by default. */
  port?: number;
  log?: (line: string) => void;
  /** Where to find the registry binary (tests); `findDockerRegistryBinary` by default. */
  findBinary?: () => string | undefined;
}

export interface DemoRegistry {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `127.0.0.1:PORT`, the server of a pull secret. */
  host: string;
  username: string;
  password: string;
  /** where the password is kept (0600): what the console names instead of printing the password */
  passwordFile: string;
  /** `127.0.0.1:PORT/demo/hello:1.0` */
  image: string;
  stop(): Promise<void>;
}

export class DemoRegistryPortInUseError extends Error {
  override readonly name = "DemoRegistryPortInUseError";
  constructor(readonly port: number) {
    super(
      `the demo registry cannot listen on 127.0.0.1:${port}: the port is already in use. ` +
        `Choose another port with --demo-registry-port N (PADDOCK_DEMO_REGISTRY_PORT), or start without it with --no-demo-registry.`,
    );
  }
}

export async function startDemoRegistry(options: DemoRegistryOptions): Promise<DemoRegistry | { unavailable: string }> {
  const binary = (options.findBinary ?? findDockerRegistryBinary)();
  if (!binary) {
    return {
      unavailable:
        "the docker-registry binary is not installed; install it with `sudo apt-get install docker-registry` " +
        "(Debian/Ubuntu) to get a demo registry to pull from",
    };
  }
  const port = options.port ?? DEFAULT_DEMO_REGISTRY_PORT;
  const log = options.log ?? (() => {});
  const dir = path.resolve(options.dataDir, "registry");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const password = await loadOrCreatePassword(path.join(dir, "password"));
  const htpasswd = path.join(dir, "htpasswd");
  await writeSecretFile(htpasswd, await bcryptHtpasswdLine(DEMO_REGISTRY_USER, password));
  await stopLeftoverRegistry(dir);

  let registry: DockerRegistryProcess;
  try {
    registry = await startDockerRegistryProcess({
      dir,
      port,
      htpasswd,
      binary,
      logLevel: "warn",
      onUnexpectedExit: (status, logs) => log(`demo registry: docker-registry stopped (${status}):\n${logs}`),
    });
  } catch (error) {
    if (error instanceof RegistryPortInUseError) throw new DemoRegistryPortInUseError(port);
    throw error;
  }
  await writeFile(pidFile(dir), `${registry.pid}\n`);
  const stop = async (): Promise<void> => {
    await registry.stop();
    await rm(pidFile(dir), { force: true });
  };

  const credential = { username: DEMO_REGISTRY_USER, password };
  const image = `${registry.host}/${DEMO_REPOSITORY}:${DEMO_TAG}`;
  try {
    const existing = await pullManifest({ image, credentials: [credential], timeoutMs: 5000 });
    if (!existing.ok) {
      const pushed = await pushImage({ registry: registry.host, repository: DEMO_REPOSITORY, tag: DEMO_TAG, credential, timeoutMs: 10_000 });
      log(`demo registry: pushed ${image} (${pushed.digest})`);
    }
  } catch (error) {
    await stop();
    throw new Error(`the demo registry could not store ${image}: ${(error as Error).message}\n${registry.logs()}`, { cause: error });
  }
  return { url: registry.url, host: registry.host, username: DEMO_REGISTRY_USER, password, passwordFile: path.join(dir, "password"), image, stop };
}

async function loadOrCreatePassword(file: string): Promise<string> {
  const existing = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  const kept = existing?.trim();
  if (kept) return kept;
  const password = randomBytes(18).toString("base64url");
  await writeSecretFile(file, `${password}\n`);
  return password;
}

async function writeSecretFile(file: string, content: string): Promise<void> {
  await writeFile(file, content, { mode: 0o600 });
  await chmod(file, 0o600);
}

function pidFile(dir: string): string {
  return path.join(dir, "registry.pid");
}

/**
 * A cluster killed with SIGKILL leaves its registry running on the port. The pid file names it; it is
 * stopped only when /proc shows it still is `docker-registry serve <dir>/config.yml`.
 */
async function stopLeftoverRegistry(dir: string): Promise<void> {
  const pid = Number((await readFile(pidFile(dir), "utf8").catch(() => "")).trim());
  if (Number.isInteger(pid) && pid > 0) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.split("\0").includes(path.join(dir, "config.yml"))) {
      process.kill(pid, "SIGTERM");
      if (!(await exitsWithin(pid, 3000))) {
        process.kill(pid, "SIGKILL");
        await exitsWithin(pid, 1000);
      }
    }
  }
  await rm(pidFile(dir), { force: true });
}

// Exited means every thread of it is gone or a zombie (its parent died, so nobody may reap it): a
// thread drops its share of the open files before it turns zombie, so the last one closed the socket.
// /proc/PID/cmdline empties earlier, and the main thread of a Go program can be a zombie while the
// others still run, so neither of them tells.
async function exitsWithin(pid: number, ms: number): Promise<boolean> {
  const giveUpAt = Date.now() + ms;
  for (;;) {
    const threads = await readdir(`/proc/${pid}/task`).catch(() => []);
    const states = await Promise.all(threads.map((tid) => readFile(`/proc/${pid}/task/${tid}/stat`, "utf8").catch(() => "")));
    if (states.every((stat) => ["Z", "X", undefined].includes(/\) (\S)/.exec(stat)?.[1]))) return true;
    if (Date.now() >= giveUpAt) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
