import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { kubectl } from "@paddock/embedded-cluster/testing";
import { startServer, type RunningServer, type ServeOptions } from "../serve.ts";

export const TEST_ADMIN_PASSWORD = "test-admin-password-1";

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A client of the BFF as the browser is one: a session cookie, and a same-origin Origin on writes. */
export class ApiClient {
  #cookie = "";

  constructor(readonly baseUrl: string) {}

  async login(username = "admin", password = TEST_ADMIN_PASSWORD): Promise<ApiResponse> {
    const response = await this.request("POST", "/api/auth/login", { username, password });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  }

  /* eslint-disable @typescript-eslint/no-explicit-any -- a test reads the JSON it got as whatever shape it asserts */
  get<T = any>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>("GET", path);
  }
  post<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request<T>("POST", path, body);
  }
  put<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request<T>("PUT", path, body);
  }
  delete<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request<T>("DELETE", path, body);
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(this.#cookie ? { Cookie: this.#cookie } : {}),
        Origin: this.baseUrl,
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.#cookie = setCookie.split(";")[0]!;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}

export interface TestServer {
  server: RunningServer;
  api: ApiClient;
  kubeconfig: string;
  kubectl(args: string[], options?: { input?: string }): ReturnType<typeof kubectl>;
  stop(): Promise<void>;
}

/** The BFF with its embedded cluster, on free ports, logged in as admin. */
export async function startTestServer(options: Partial<ServeOptions> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "paddock-server-"));
  const cacheDir = mkdtempSync(join(tmpdir(), "paddock-server-kubectl-"));
  const server = await startServer({
    port: 0,
    dataDir,
    clusterPort: 0,
    embedded: true,
    bootstrapPassword: TEST_ADMIN_PASSWORD,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    embeddedOptions: { inMemory: true },
    ...options,
  });
  const api = new ApiClient(server.url);
  await api.login();
  const kubeconfig = server.embedded!.kubeconfigPath;
  return {
    server,
    api,
    kubeconfig,
    kubectl: (args, opts) => kubectl(kubeconfig, cacheDir, args, opts),
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
