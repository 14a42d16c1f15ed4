import { expect } from "vitest";
import type { Project } from "@paddock/contracts";
import type { TestServer } from "../testing/test-server.ts";

/** Helpers shared by the projects tests. */

export const CLUSTER = "/api/clusters/local";

export interface KubeJson {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export async function eventually<T>(probe: () => Promise<T> | T, ok: (value: T) => boolean = Boolean, timeoutMs = 5000): Promise<T> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > giveUp) throw new Error(`still not there: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function projectTestKit(server: () => TestServer) {
  const cluster = () => server().server.context.clusters.get("local");
  const projectApi = { group: "management.cattle.io", version: "v3", namespace: "local", plural: "projects" };
  return {
    cluster,
    async projects(): Promise<Project[]> {
      const response = await server().api.get<{ items: Project[] }>(`${CLUSTER}/projects`);
      expect(response.status).toBe(200);
      return response.body.items;
    },
    async createProject(displayName: string): Promise<Project> {
      const response = await server().api.post<Project>(`${CLUSTER}/projects`, { displayName });
      expect(response.status).toBe(201);
      return response.body;
    },
    async kubectlJson(args: string[]): Promise<KubeJson> {
      const result = await server().kubectl([...args, "-o", "json"]);
      expect(result.stderr).toBe("");
      return JSON.parse(result.stdout) as KubeJson;
    },
    // Reads through client-node: quicker than kubectl where a test is not about what kubectl shows.
    readNamespace: (name: string) => cluster().core.readNamespace({ name }),
    readProject: async (name: string) => (await cluster().custom.getNamespacedCustomObject({ ...projectApi, name })) as KubeJson,
    listProjectObjects: async () => ((await cluster().custom.listNamespacedCustomObject(projectApi)) as { items: KubeJson[] }).items,
  };
}
