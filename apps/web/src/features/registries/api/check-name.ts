import { queryOptions } from "@tanstack/react-query";
import type { NameAvailability, RegistryScope } from "@paddock/contracts";
import { enc, get } from "@/lib/api-client";
import { projectApi } from "@/lib/paths";
import { registryKeys } from "./registry-keys";

/** Whether a name is free in a scope, and if not what holds it (read from the server's caches). */
export const nameAvailabilityQuery = (cluster: string, project: string, scope: RegistryScope, name: string) => {
  const namespace = scope.type === "namespace" ? scope.namespace : "";
  const query = `name=${enc(name)}&scope=${scope.type}${namespace ? `&namespace=${enc(namespace)}` : ""}`;
  return queryOptions({
    queryKey: registryKeys.nameAvailability(cluster, project, scope.type, namespace, name),
    queryFn: () => get<NameAvailability>(`${projectApi(cluster, project)}/name-availability?${query}`),
    staleTime: 2_000,
  });
};
