import type { RegistryRef } from "@paddock/contracts";
import { enc } from "@/lib/api-client";
import { projectApi } from "@/lib/paths";

/**
 * One key factory for the feature, generic to specific. Every key holds the cluster id, so live
 * updates (server-sent events per cluster) refetch them.
 */
export const registryKeys = {
  all: (cluster: string) => ["registries", cluster] as const,
  project: (cluster: string, project: string) => [...registryKeys.all(cluster), project] as const,
  list: (cluster: string, project: string) => [...registryKeys.project(cluster, project), "list"] as const,
  detail: (cluster: string, project: string, ref: RegistryRef) =>
    [...registryKeys.project(cluster, project), "detail", ref.type, ref.type === "namespace" ? ref.namespace : "", ref.name] as const,
  nameAvailability: (cluster: string, project: string, scope: string, namespace: string, name: string) =>
    [...registryKeys.project(cluster, project), "name-availability", scope, namespace, name] as const,
  namespaces: (cluster: string, project: string) => [...registryKeys.project(cluster, project), "namespaces"] as const,
  projectInfo: (cluster: string, project: string) => [...registryKeys.project(cluster, project), "project"] as const,
  workloads: (cluster: string, project: string) => [...registryKeys.project(cluster, project), "workloads"] as const,
};

/** The API path of one registry. */
export function registryApiPath(cluster: string, project: string, ref: RegistryRef): string {
  const base = `${projectApi(cluster, project)}/registries`;
  return ref.type === "project" ? `${base}/project/${enc(ref.name)}` : `${base}/namespaces/${enc(ref.namespace)}/${enc(ref.name)}`;
}
