import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { Cluster, Namespace, Project, ProjectCreate, ProjectUpdate } from "@paddock/contracts";
import { enc, get, post, put } from "@/lib/api-client";

export const clusterKeys = {
  all: ["clusters"] as const,
  list: () => [...clusterKeys.all, "list"] as const,
  projects: (cluster: string) => [...clusterKeys.all, cluster, "projects"] as const,
  namespaces: (cluster: string) => [...clusterKeys.all, cluster, "namespaces"] as const,
};

export const clustersQuery = () => queryOptions({ queryKey: clusterKeys.list(), queryFn: () => get<{ items: Cluster[] }>("/api/clusters").then((r) => r.items) });

export const projectsQuery = (cluster: string) =>
  queryOptions({ queryKey: clusterKeys.projects(cluster), queryFn: () => get<{ items: Project[] }>(`/api/clusters/${enc(cluster)}/projects`).then((r) => r.items) });

export const namespacesQuery = (cluster: string) =>
  queryOptions({ queryKey: clusterKeys.namespaces(cluster), queryFn: () => get<{ items: Namespace[] }>(`/api/clusters/${enc(cluster)}/namespaces`).then((r) => r.items) });

export function useCreateProject(cluster: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ProjectCreate) => post<Project>(`/api/clusters/${enc(cluster)}/projects`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: clusterKeys.all }),
  });
}

export function useUpdateProject(cluster: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: ProjectUpdate & { id: string }) => put<Project>(`/api/clusters/${enc(cluster)}/projects/${enc(id)}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: clusterKeys.all }),
  });
}
