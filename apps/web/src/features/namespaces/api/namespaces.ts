import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { Namespace, NamespaceCreate, Project } from "@paddock/contracts";
import { enc, get, post, put } from "@/lib/api-client";

/**
 * The cluster's namespaces and projects, under the same keys the rest of the app uses for them
 * (`["clusters", id, …]`), so that one fetch serves every screen and live updates refresh them.
 */
export const namespaceKeys = {
  cluster: (cluster: string) => ["clusters", cluster] as const,
  namespaces: (cluster: string) => ["clusters", cluster, "namespaces"] as const,
  projects: (cluster: string) => ["clusters", cluster, "projects"] as const,
};

const clusterApi = (cluster: string) => `/api/clusters/${enc(cluster)}`;

/** The namespaces of one project. */
export const projectNamespacesQuery = (cluster: string, project: string) =>
  queryOptions({
    queryKey: namespaceKeys.namespaces(cluster),
    queryFn: () => get<{ items: Namespace[] }>(`${clusterApi(cluster)}/namespaces`).then((r) => r.items),
    select: (items: Namespace[]) => items.filter((ns) => ns.projectId === project),
  });

export const projectsQuery = (cluster: string) =>
  queryOptions({ queryKey: namespaceKeys.projects(cluster), queryFn: () => get<{ items: Project[] }>(`${clusterApi(cluster)}/projects`).then((r) => r.items) });

export function useAddNamespace(cluster: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NamespaceCreate) => post<Namespace>(`${clusterApi(cluster)}/namespaces`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: namespaceKeys.cluster(cluster) }),
  });
}

/** Into another project, or out of every project (`projectId: null`). */
export function useMoveNamespace(cluster: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ namespace, projectId }: { namespace: string; projectId: string | null }) => put<Namespace>(`${clusterApi(cluster)}/namespaces/${enc(namespace)}`, { projectId }),
    onSuccess: () => client.invalidateQueries({ queryKey: namespaceKeys.cluster(cluster) }),
  });
}
