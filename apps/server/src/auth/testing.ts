// Test helpers of users, roles, tokens and the audit trail (imported by *.test.ts files only).
import { until } from "../testing/eventually.ts";
import type { Project, ProjectRole } from "@paddock/contracts";
import { ApiClient, type TestServer } from "../testing/test-server.ts";

export const CLUSTER = "/api/clusters/local";

/** Polls `probe` until `ok` holds for its value (default: truthy), within 5 s. */
export function eventually<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean = Boolean): Promise<T> {
  return until(probe, ok, { timeoutMs: 5000 }) as Promise<T>;
}

/** The id of the project with that display name, once the bootstrap has made it. */
export async function projectId(t: TestServer, displayName: string): Promise<string> {
  const projects = await eventually(
    async () => (await t.api.get<{ items: Project[] }>(`${CLUSTER}/projects`)).body.items ?? [],
    (items) => items.some((p) => p.displayName === displayName),
  );
  return projects.find((p) => p.displayName === displayName)!.id;
}

/** Creates a user as admin (password: `<username>-password-1`) and logs them in. */
export async function userClient(t: TestServer, username: string, admin = false): Promise<ApiClient> {
  const created = await t.api.post("/api/users", { username, password: passwordOf(username), admin });
  if (created.status !== 201) throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  const client = new ApiClient(t.server.url);
  await client.login(username, passwordOf(username));
  return client;
}

export function passwordOf(username: string): string {
  return `${username}-password-1`;
}

/** Makes `username` a member of the project (as admin), and waits until the server's cache has it. */
export async function addMember(t: TestServer, project: string, username: string, role: ProjectRole): Promise<void> {
  const response = await t.api.post(`${CLUSTER}/projects/${project}/members`, { username, role });
  if (response.status >= 300) throw new Error(`adding ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  await eventually(
    async () => (await t.api.get<{ items: Array<{ username: string; role: string }> }>(`${CLUSTER}/projects/${project}/members`)).body.items,
    (items) => items.some((m) => m.username === username && m.role === role),
  );
}

export { recordingLogger } from "../testing/password-leaks.ts";

/** A client that sends an API token instead of a cookie, and no Origin header (as a script does). */
export class TokenClient {
  constructor(
    readonly baseUrl: string,
    public token: string,
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever the answer holds, as ApiClient does
  async request<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; headers: Headers }> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  }
}
