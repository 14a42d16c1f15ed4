// Projects and namespaces for the tests: made through the BFF's API, or straight in the cluster the
// way Rancher stores them (../shared/DESIGN.md, "Domain model").
import { expect } from "vitest";
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from "@kubernetes/client-node";
import type { Namespace, Project } from "@paddock/contracts";
import type { ClusterCaches, ClusterConnection } from "../kube/cluster-connection.ts";
import { until } from "./eventually.ts";
import type { TestServer } from "./test-server.ts";

/** The API of the embedded cluster, whose id is `local`. */
export const CLUSTER = "/api/clusters/local";

const PROJECT_API = { group: "management.cattle.io", version: "v3", namespace: "local", plural: "projects" };

/** The BFF's own connection to its embedded cluster: its clients and caches. */
export function localCluster(t: TestServer): ClusterConnection {
  return t.server.context.clusters.get("local");
}

export async function listProjects(t: TestServer): Promise<Project[]> {
  const response = await t.api.get<{ items: Project[] }>(`${CLUSTER}/projects`);
  expect(response.status).toBe(200);
  return response.body.items;
}

export async function createNamespaceThroughApi(t: TestServer, name: string, projectId?: string): Promise<Namespace> {
  const response = await t.api.post<Namespace>(`${CLUSTER}/namespaces`, { name, ...(projectId ? { projectId } : {}) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** A project made through the API, with namespaces in it, once the BFF's caches see them in it. */
export async function createProjectThroughApi(t: TestServer, displayName: string, namespaces: string[] = []): Promise<Project> {
  const response = await t.api.post<Project>(`${CLUSTER}/projects`, { displayName });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  for (const name of namespaces) await createNamespaceThroughApi(t, name, response.body.id);
  await until(() => namespaces.every((ns) => localCluster(t).caches.namespaces.get("", ns)?.labels["field.cattle.io/projectId"] === response.body.id));
  return response.body;
}

/** The marks Rancher puts on a namespace of `projectId`, or none (null: in no project). */
export function projectMarks(projectId: string | null): { labels: Record<string, string>; annotations: Record<string, string> } {
  return projectId
    ? { labels: { "field.cattle.io/projectId": projectId }, annotations: { "field.cattle.io/projectId": `local:${projectId}` } }
    : { labels: {}, annotations: {} };
}

export interface RancherProject {
  id: string;
  displayName?: string;
  namespaces?: string[];
  /** make its backing namespace too (Rancher always has one; Paddock makes it when missing) */
  backingNamespace?: boolean;
}

/**
 * A project made straight in the cluster, as Rancher or kubectl would make it: a Project in the
 * cluster-id namespace and namespaces marked as its. With `caches` (a BFF's connection), returns
 * once they hold the project and its namespaces.
 */
export async function createRancherProject(cluster: { kubeConfig: KubeConfig; caches?: ClusterCaches }, project: RancherProject): Promise<void> {
  const custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  const namespaces = project.namespaces ?? [];
  await custom.createNamespacedCustomObject({
    ...PROJECT_API,
    body: {
      apiVersion: "management.cattle.io/v3",
      kind: "Project",
      metadata: { name: project.id, namespace: "local" },
      spec: { displayName: project.displayName ?? project.id, clusterName: "local" },
    },
  });
  if (project.backingNamespace) await core.createNamespace({ body: { metadata: { name: `local-${project.id}` } } });
  for (const name of namespaces) await core.createNamespace({ body: { metadata: { name, ...projectMarks(project.id) } } });
  const caches = cluster.caches;
  if (caches) await until(() => caches.projects.get("local", project.id) !== undefined && namespaces.every((ns) => caches.namespaces.get("", ns) !== undefined));
}

/** Moves a namespace to another project (or out of every project), as Rancher does: annotation and label. */
export async function moveNamespaceInCluster(core: CoreV1Api, name: string, projectId: string | null): Promise<void> {
  const ns = await core.readNamespace({ name });
  const labels = { ...ns.metadata?.labels };
  const annotations = { ...ns.metadata?.annotations };
  delete labels["field.cattle.io/projectId"];
  delete annotations["field.cattle.io/projectId"];
  const marks = projectMarks(projectId);
  ns.metadata = { ...ns.metadata, labels: { ...labels, ...marks.labels }, annotations: { ...annotations, ...marks.annotations } };
  await core.replaceNamespace({ name, body: ns });
}

/** An object as kubectl prints it with `-o json`, as far as the projects tests read it. */
export interface KubeJson {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export async function kubectlJson(t: TestServer, args: string[]): Promise<KubeJson> {
  const result = await t.kubectl([...args, "-o", "json"]);
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as KubeJson;
}

/** The stored Project, read through client-node: quicker than kubectl where a test is not about what kubectl shows. */
export async function readProjectObject(t: TestServer, name: string): Promise<KubeJson> {
  return (await localCluster(t).custom.getNamespacedCustomObject({ ...PROJECT_API, name })) as KubeJson;
}

export async function listProjectObjects(t: TestServer): Promise<KubeJson[]> {
  return ((await localCluster(t).custom.listNamespacedCustomObject(PROJECT_API)) as { items: KubeJson[] }).items;
}
