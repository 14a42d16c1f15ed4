import { queryOptions } from "@tanstack/react-query";
import type { NameAvailability, Namespace } from "@paddock/contracts";
import { enc, get } from "./api-client";
import { projectApi } from "./paths";

/** Shared by every feature that picks a namespace of the project or checks a name. */
export const projectNamespacesQuery = (cluster: string, project: string) =>
  queryOptions({
    queryKey: ["clusters", cluster, "namespaces"] as const,
    queryFn: () => get<{ items: Namespace[] }>(`/api/clusters/${enc(cluster)}/namespaces`).then((r) => r.items),
    select: (items: Namespace[]) => items.filter((ns) => ns.projectId === project).map((ns) => ns.name),
  });

export const nameAvailabilityQuery = (cluster: string, project: string, name: string, scope: { type: "project" } | { type: "namespace"; namespace: string }) =>
  queryOptions({
    queryKey: ["names", cluster, project, name, scope.type, scope.type === "namespace" ? scope.namespace : ""] as const,
    queryFn: () =>
      get<NameAvailability>(
        `${projectApi(cluster, project)}/name-availability?name=${enc(name)}&scope=${scope.type}${scope.type === "namespace" ? `&namespace=${enc(scope.namespace)}` : ""}`,
      ),
    staleTime: 2_000,
  });
