// Shared by the workload integration tests: a project with namespaces made through the API, and polling.
import type { TestServer } from "../testing/test-server.ts";

/** Polls `check` until it stops throwing (or returns a truthy value), then returns its value. */
export async function eventually<T>(check: () => Promise<T> | T, { timeoutMs = 8_000, intervalMs = 50 } = {}): Promise<Exclude<T, false | undefined | null>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== false && value !== undefined && value !== null) return value as Exclude<T, false | undefined | null>;
      if (Date.now() > deadline) throw new Error(`still ${String(value)} after ${timeoutMs} ms`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A project made through the API, with namespaces in it, and one more namespace outside it. */
export async function createProject(t: TestServer, displayName: string, namespaces: string[], outside: string): Promise<string> {
  const project = await t.api.post("/api/clusters/local/projects", { displayName });
  if (project.status !== 201) throw new Error(`project: ${project.status} ${JSON.stringify(project.body)}`);
  const id = String(project.body.id);
  for (const name of namespaces) {
    const created = await t.api.post("/api/clusters/local/namespaces", { name, projectId: id });
    if (created.status !== 201) throw new Error(`namespace ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const other = await t.api.post("/api/clusters/local/namespaces", { name: outside });
  if (other.status !== 201) throw new Error(`namespace ${outside}: ${other.status} ${JSON.stringify(other.body)}`);
  // The workload routes read the project's namespaces from the caches.
  await eventually(async () => {
    const list = await t.api.get(`/api/clusters/local/projects/${id}/pods?namespace=${namespaces[0]}`);
    return list.status === 200;
  });
  return id;
}

/** `kubectl create secret docker-registry`, as a user who made a registry by hand. */
export async function kubectlRegistry(t: TestServer, namespace: string, name: string, server: string, username: string, password: string): Promise<void> {
  const result = await t.kubectl(["create", "secret", "docker-registry", name, "-n", namespace, `--docker-server=${server}`, `--docker-username=${username}`, `--docker-password=${password}`]);
  if (result.code !== 0) throw new Error(`kubectl: ${result.stderr}`);
}
