import { queryOptions } from "@tanstack/react-query";
import type { Registry } from "@paddock/contracts";
import { get } from "@/lib/api-client";
import { projectApi } from "@/lib/paths";
import { registryKeys } from "./registry-keys";

export const getRegistries = (cluster: string, project: string) =>
  get<{ items: Registry[] }>(`${projectApi(cluster, project)}/registries`).then((r) => r.items);

/** The registries of a project: project registries, then each namespace's (kubectl's included). */
export const registriesQuery = (cluster: string, project: string) =>
  queryOptions({ queryKey: registryKeys.list(cluster, project), queryFn: () => getRegistries(cluster, project) });
