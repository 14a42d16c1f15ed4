import { queryOptions } from "@tanstack/react-query";
import type { Namespace, Project } from "@paddock/contracts";
import { enc, get } from "@/lib/api-client";
import { registryKeys } from "./registry-keys";

/** The project itself (its display name and the namespace that holds its project registries). */
export const projectInfoQuery = (cluster: string, project: string) =>
  queryOptions({
    queryKey: registryKeys.projectInfo(cluster, project),
    queryFn: () => get<{ items: Project[] }>(`/api/clusters/${enc(cluster)}/projects`).then((r) => r.items.find((p) => p.id === project) ?? null),
  });

/** The namespaces a registry of the project can go to: the project's live namespaces. */
export const projectNamespacesQuery = (cluster: string, project: string) =>
  queryOptions({
    queryKey: registryKeys.namespaces(cluster, project),
    queryFn: () =>
      get<{ items: Namespace[] }>(`/api/clusters/${enc(cluster)}/namespaces`).then((r) =>
        r.items
          .filter((ns) => ns.projectId === project && !ns.reserved && ns.status === "Active")
          .map((ns) => ns.name)
          .sort(),
      ),
  });
